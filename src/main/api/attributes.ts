// What each create and update endpoint takes, as both editions of the API document list it.
// Values are sent as JSON of these types (the documents' curl examples send "5000" and "true" as
// strings; the server reads both, the client sends the real type).

export type Locale = 'en-US' | 'en-GB' | 'es-ES' | 'es-MX';
export type Role = 'instructor' | 'supervisor' | 'manager' | 'owner';

export interface CourseAttributes {
  name?: string;
  summary?: string;
  /** What the purchase page shows. */
  marketing_copy_html?: string;
  /** What the student is told at the end of the course. */
  completion_information_html?: string;
  multiple_sign_ups?: boolean;
  purchasable?: boolean;
  advertised?: boolean;
  /** In cents: 1000 is 10.00. */
  price_cents?: number;
  /** ISO 4217, e.g. "USD". */
  price_currency?: string;
  instructor_id?: string | null;
  prerequisite_course_id?: string | null;
}

/** The four documented required fields, and any of the others. */
export interface CreateCourseInput extends CourseAttributes {
  name: string;
  summary: string;
  marketing_copy_html: string;
  completion_information_html: string;
}

export type UpdateCourseInput = CourseAttributes;

export interface StudentAttributes {
  given_name?: string;
  family_name?: string;
  /** Unique among the organisation's students. */
  email?: string;
  company_name?: string | null;
  external_id?: string | null;
  student_account_id?: string | null;
  time_zone?: string;
  locale?: Locale | (string & {});
  /** Marks the student as verified: no verification email to click. */
  force_accept_invitation?: boolean;
  /** Sets the student's password. */
  assigned_password?: string;
  language?: string | null;
  /** Emails the managers when the student enters their own credit card. */
  cancel_legacy_system?: boolean;
  /** Locks the student out. */
  lock?: boolean;
}

export interface CreateStudentInput extends StudentAttributes {
  given_name: string;
  family_name: string;
  email: string;
}

export type UpdateStudentInput = StudentAttributes;

interface EnrollmentCommon {
  course_id: string;
  /** The instructor assigned to the course. */
  instructor_id: string;
  /** When present, the student is emailed an invitation to their dashboard. */
  send_enrollment_notification?: boolean;
  /** Enrollment groups the student belongs to. */
  group_ids?: string[];
}

/** Enrolls a student who exists already. */
export interface EnrollExistingStudentInput extends EnrollmentCommon {
  student_id: string;
}

/** Creates the student and the enrollment together. */
export interface EnrollNewStudentInput extends EnrollmentCommon {
  student_id?: never;
  student_email: string;
  student_given_name: string;
  student_family_name: string;
  student_external_id?: string | null;
  student_password?: string;
  student_locale?: Locale | (string & {});
  student_account_id?: string | null;
  student_cancel_legacy_system?: boolean;
}

export type CreateEnrollmentInput = EnrollExistingStudentInput | EnrollNewStudentInput;

/** Only the instructor and the expiry can be changed through the API. */
export interface UpdateEnrollmentInput {
  instructor_id?: string;
  /** ISO 8601; null for no expiry. */
  expires_at?: string | null;
}

export interface GroupAttributes {
  name?: string;
}

export interface CreateGroupInput extends GroupAttributes {
  name: string;
}

export type UpdateGroupInput = GroupAttributes;

export interface UserAttributes {
  given_name?: string;
  family_name?: string;
  /** Unique among the organisation's users. */
  email?: string;
  role?: Role;
  locale?: Locale | (string & {});
  unsubscribed?: boolean;
}

export interface CreateUserInput extends UserAttributes {
  given_name: string;
  family_name: string;
  email: string;
  role: Role;
}

export type UpdateUserInput = UserAttributes;

/** A string for single choice and questions, a list for multiple choice and sequences. */
export type AnswerContent = string | string[];

export interface SubmitAnswerInput {
  enrollment_id: string;
  /** The section step's id (the wrapper's id in the student checksheet shape), not the step's. */
  section_step_id: string;
  /** Absent for information and reference steps, which need no answer. */
  answer?: { content: AnswerContent };
}

export interface AnswerKey {
  enrollment_id: string;
  section_step_id: string;
}
