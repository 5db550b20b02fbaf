import { z } from 'zod';

// Every object is a looseObject: the server may add fields at any time, and a client that
// strips or rejects them would lose data it later writes back.

const idSchema = z.string().min(1);
const timestampSchema = z.iso.datetime({ offset: true });

export const fileDataSchema = z.looseObject({
  id: z.string().min(1),
  storage: z.string(),
  metadata: z.looseObject({
    md5: z.string(),
    size: z.number().int().nonnegative(),
    filename: z.string(),
    mime_type: z.string(),
  }),
});
export type FileData = z.infer<typeof fileDataSchema>;

export const courseSchema = z.looseObject({
  id: idSchema,
  name: z.string(),
  summary: z.string(),
  course_image: fileDataSchema.nullable(),
  multiple_sign_ups: z.boolean(),
  purchasable: z.boolean(),
  advertised: z.boolean(),
  price_cents: z.number().int(),
  price_currency: z.string(),
  // Creating a course does not require an instructor, so a new course can have none.
  instructor_id: idSchema.nullable(),
  // The docs speak of "any prerequisite course ID": most courses have none.
  prerequisite_course_id: idSchema.nullable(),
  archived_at: timestampSchema.nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Course = z.infer<typeof courseSchema>;

export const checksheetSummarySchema = z.looseObject({
  id: idSchema,
  course_id: idSchema,
  version: z.number().int(),
  current_checksheet: z.boolean(),
  published: z.boolean(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type ChecksheetSummary = z.infer<typeof checksheetSummarySchema>;

export const courseDetailSchema = courseSchema.extend({
  checksheets: z.array(checksheetSummarySchema),
});
export type CourseDetail = z.infer<typeof courseDetailSchema>;

// `data` depends on the step type; only the multiple-choice fields are documented. Other
// step types (sequence items, lists, …) carry their own keys, which looseObject keeps.
export const stepDataSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        name: z.string(),
        // The docs show `"correct": "1"` (a form checkbox value), not a boolean.
        correct: z.union([z.string(), z.boolean()]).optional(),
      }),
    )
    .optional(),
  persist_order: z.boolean().optional(),
  selection_type: z.string().optional(),
});
export type StepData = z.infer<typeof stepDataSchema>;

// The student shape is the base: a user's key adds the internal fields in stepSchema.
export const studentStepSchema = z.looseObject({
  id: idSchema,
  // Information and reference steps need not have any body text.
  content_html: z.string().nullable(),
  conditional: z.boolean(),
  label: z.string().nullable(),
  needs_attachment: z.boolean(),
  number_of_items: z.number().int().nullable(),
  points: z.number(),
  title: z.string(),
  type: z.string(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
  library_item_id: idSchema.nullable(),
  organisation_id: idSchema,
  target_course_id: idSchema.nullable(),
  data: stepDataSchema,
});
export type StudentStep = z.infer<typeof studentStepSchema>;

export const stepSchema = studentStepSchema.extend({
  archived_at: timestampSchema.nullable(),
  answer_html: z.string().nullable(),
  reject_duplicate_attempts: z.boolean(),
  // A marking note is optional; a step without one has nothing to send.
  suggested_response: z.string().nullable(),
  // Only steps copied from another step have an origin.
  cloned_from_step_id: idSchema.nullable(),
});
export type Step = z.infer<typeof stepSchema>;

export const studentSectionStepSchema = z.looseObject({
  id: idSchema,
  // The docs only ever show null here, so its non-null shape is unknown: accept an id or an
  // object rather than fail a whole checksheet over it.
  list_source_step: z.union([idSchema, z.looseObject({})]).nullable(),
  possible_reference_section_step_ids: z.array(idSchema),
  step: studentStepSchema,
});
export type StudentSectionStep = z.infer<typeof studentSectionStepSchema>;

const sectionFields = {
  id: idSchema,
  name: z.string(),
  label: z.string().nullable(),
  sequence: z.number().int(),
  final: z.boolean(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
};

// A user's key gets each section step as the flat step; a student's key gets a wrapper around it.
export const sectionSchema = z.looseObject({
  ...sectionFields,
  section_steps: z.array(stepSchema),
});
export type Section = z.infer<typeof sectionSchema>;

export const studentSectionSchema = z.looseObject({
  ...sectionFields,
  section_steps: z.array(studentSectionStepSchema),
});
export type StudentSection = z.infer<typeof studentSectionSchema>;

export const checksheetDetailSchema = checksheetSummarySchema.extend({
  sections: z.array(sectionSchema),
});
export type ChecksheetDetail = z.infer<typeof checksheetDetailSchema>;

export const studentChecksheetDetailSchema = checksheetSummarySchema.extend({
  sections: z.array(studentSectionSchema),
});
export type StudentChecksheetDetail = z.infer<typeof studentChecksheetDetailSchema>;

export const libraryItemSchema = z.looseObject({
  id: idSchema,
  author: z.string().nullable(),
  title: z.string(),
  intro_html: z.string().nullable(),
  content_html: z.string().nullable(),
  kind: z.string().nullable(),
  duration: z.number().nullable(),
  asset_host: z.string(),
  // Items without an uploaded file (text, links) have no file URL or file data.
  asset_file_url: z.string().nullable(),
  asset_file_data: fileDataSchema.nullable(),
  // Only null is documented; its non-null shape is unknown.
  video_captions: z.union([z.string(), z.looseObject({})]).nullable(),
  type: z.string(),
  visibility: z.string(),
  provide_download_link: z.boolean(),
  show_in_library: z.boolean(),
  published: z.boolean(),
  feature_in_top_resources: z.boolean(),
  // Only items shared publicly need a key.
  public_access_key: z.string().nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type LibraryItem = z.infer<typeof libraryItemSchema>;

// The docs say only that "many fields will not be available" to a student, not which, so
// every field but the id and title may be absent; those present must still have the right type.
export const studentLibraryItemSchema = libraryItemSchema.partial().extend({
  id: idSchema,
  title: z.string(),
});
export type StudentLibraryItem = z.infer<typeof studentLibraryItemSchema>;

export const studentSchema = z.looseObject({
  id: idSchema,
  given_name: z.string(),
  family_name: z.string(),
  email: z.string(),
  // Only the English list example has company_name; the Chinese one and every other example omit it.
  company_name: z.string().nullable().optional(),
  // Optional on create (so may be null), and both webhook examples omit it entirely.
  external_id: z.string().nullable().optional(),
  locale: z.string(),
  time_zone: z.string(),
  gravatar_url: z.string(),
});
export type Student = z.infer<typeof studentSchema>;

export const studentDetailSchema = studentSchema.extend({
  api_key: z.string().min(1),
});
export type StudentDetail = z.infer<typeof studentDetailSchema>;

export const enrollmentSchema = z.looseObject({
  id: idSchema,
  student_id: idSchema,
  course_id: idSchema,
  // Shown filled in, but a course may have no checksheet yet and an instructor may be removed.
  checksheet_id: idSchema.nullable(),
  instructor_id: idSchema.nullable(),
  // Self sign-ups (purchases) have no enrolling user.
  enroller_id: idSchema.nullable(),
  active: z.boolean(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
  started_at: timestampSchema.nullable(),
  completed_at: timestampSchema.nullable(),
  // Not every course limits access; an enrollment without an expiry has none to send.
  expires_at: timestampSchema.nullable(),
  custom_name: z.string().nullable(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

// The embedded student has no api_key in either example, so it is the list shape.
export const enrollmentDetailSchema = enrollmentSchema.extend({
  student: studentSchema,
});
export type EnrollmentDetail = z.infer<typeof enrollmentDetailSchema>;

export const groupSchema = z.looseObject({
  id: idSchema,
  name: z.string(),
});
export type Group = z.infer<typeof groupSchema>;

export const groupDetailSchema = groupSchema.extend({
  enrollments: z.array(enrollmentSchema),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const userRoleSchema = z.enum(['instructor', 'supervisor', 'manager', 'owner']);
export type UserRole = z.infer<typeof userRoleSchema>;

export const userSchema = z.looseObject({
  id: idSchema,
  given_name: z.string(),
  family_name: z.string(),
  email: z.string(),
  locale: z.string(),
  role: userRoleSchema,
  unsubscribed: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const answerStateSchema = z.enum(['unsubmitted', 'submitted', 'rejected', 'passed']);
export type AnswerState = z.infer<typeof answerStateSchema>;

export const answerSchema = z.looseObject({
  id: idSchema,
  // Only passed answers have a pass time, and only sent ones an answer time.
  pass_at: timestampSchema.nullable(),
  points: z.number(),
  state: answerStateSchema,
  answered_at: timestampSchema.nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
  enrollment_id: idSchema,
  section_step_id: idSchema,
});
export type Answer = z.infer<typeof answerSchema>;

// Only the enrollment errors carry `message`.
export const errorHashSchema = z.looseObject({
  errors: z.record(z.string(), z.array(z.string())),
  message: z.string().optional(),
});
export type ErrorHash = z.infer<typeof errorHashSchema>;

export const courseCompletedPayloadSchema = enrollmentDetailSchema;
export type CourseCompletedPayload = EnrollmentDetail;

// The docs call this "the same as the show specific student API", but their example has no
// api_key (nor external_id); a webhook must not leak a key, so this is the list shape.
export const newStudentPayloadSchema = studentSchema;
export type NewStudentPayload = Student;

export const courseListSchema = z.array(courseSchema);
export const checksheetListSchema = z.array(checksheetSummarySchema);
export const studentListSchema = z.array(studentSchema);
export const enrollmentListSchema = z.array(enrollmentSchema);
export const groupListSchema = z.array(groupSchema);
export const userListSchema = z.array(userSchema);

export const resourceNames = ['courses', 'checksheets', 'students', 'enrollments', 'groups', 'users'] as const;
export type ResourceName = (typeof resourceNames)[number];

// Both editions say a student update returns "the same output as the Show specific Enrollment";
// create and show return the student, so that is read as a copy-paste slip.
export const resourceSchemas = {
  courses: { item: courseSchema, detail: courseDetailSchema },
  checksheets: { item: checksheetSummarySchema, detail: checksheetDetailSchema },
  students: { item: studentSchema, detail: studentDetailSchema },
  enrollments: { item: enrollmentSchema, detail: enrollmentDetailSchema },
  groups: { item: groupSchema, detail: groupDetailSchema },
  users: { item: userSchema, detail: userSchema },
} as const satisfies Record<ResourceName, { item: z.ZodType; detail: z.ZodType }>;
