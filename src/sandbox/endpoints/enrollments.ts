import { ApiError, FieldErrors } from '../http/apiError';
import { created, isoNow, ok, param, type RequestContext, type Reply } from '../http/context';
import { readPage } from '../http/paging';
import { has, isId, onlyPermitted, readBoolean, readIdList, readText, readTime } from '../http/params';
import type { EnrollmentDoc, StudentDoc } from '../model';
import { enrollmentDetailJson, enrollmentJson, studentJson } from '../serializers';
import { announceNewStudent, applyStudentAttributes, checkStudent, insertNewStudent, newStudent } from './students';

const SAVE_FAILED = 'Unable to save enrollment';
const NEW_STUDENT_FIELDS = [
  'student_given_name',
  'student_family_name',
  'student_email',
  'student_external_id',
  'student_password',
  'student_locale',
  'student_account_id',
  'student_cancel_legacy_system',
] as const;
const CREATE = ['course_id', 'student_id', 'instructor_id', 'send_enrollment_notification', 'group_ids', ...NEW_STUDENT_FIELDS] as const;
const UPDATE = ['instructor_id', 'expires_at'] as const;
const READ_ONLY = [
  'id',
  'student_id',
  'course_id',
  'checksheet_id',
  'enroller_id',
  'active',
  'created_at',
  'updated_at',
  'started_at',
  'completed_at',
  'custom_name',
  'student',
  'group_ids',
];
const YEAR_MS = 365 * 24 * 3600 * 1000;

function findEnrollment(ctx: RequestContext): EnrollmentDoc {
  const id = param(ctx);
  const enrollment = isId(id) ? ctx.store.enrollment(ctx.org.id, id) : undefined;
  if (!enrollment) throw ApiError.notFound('Enrollment');
  return enrollment;
}

export function listEnrollments(ctx: RequestContext): Reply {
  const { limit, offset } = readPage(ctx.query);
  return ok(ctx.store.list<EnrollmentDoc>('enrollments', ctx.org.id, limit, offset).map(enrollmentJson));
}

export function showEnrollment(ctx: RequestContext): Reply {
  return ok(enrollmentDetailJson(ctx.store, ctx.org.id, findEnrollment(ctx)));
}

function readInstructor(ctx: RequestContext, errors: FieldErrors, required: boolean): string | undefined {
  const id = readText(ctx.body, 'instructor_id', errors);
  if (id === undefined || id === null || id === '') {
    if (required && !errors.has('instructor_id')) errors.add('instructor_id', "can't be blank");
    return undefined;
  }
  if (!(isId(id) && ctx.store.user(ctx.org.id, id))) {
    errors.add('instructor_id', 'must exist');
    return undefined;
  }
  return id;
}

export function createEnrollment(ctx: RequestContext): Reply {
  // An id, created_at, ... sent to create is read-only, not unknown: say so, as the other creates do.
  onlyPermitted(ctx.body, CREATE, READ_ONLY.filter((key) => !(CREATE as readonly string[]).includes(key)));
  const errors = new FieldErrors();
  const { store, org, body } = ctx;

  const courseId = readText(body, 'course_id', errors);
  const course = courseId && isId(courseId) ? store.course(org.id, courseId) : undefined;
  if (!courseId) {
    // readText has already said what is wrong with a null or non-text id.
    if (!errors.has('course_id')) errors.add('course_id', "can't be blank");
  } else if (!course) errors.add('course_id', 'must exist');

  const instructorId = readInstructor(ctx, errors, true);

  // Either an existing student, or the attributes of a new one; never both.
  let student: StudentDoc | undefined;
  let isNewStudent = false;
  const givesNewStudent = NEW_STUDENT_FIELDS.some((f) => has(body, f));
  if (has(body, 'student_id')) {
    if (givesNewStudent) errors.add('student_id', 'cannot be combined with the attributes of a new student');
    const studentId = readText(body, 'student_id', errors);
    student = studentId && isId(studentId) ? store.student(org.id, studentId) : undefined;
    if (!studentId) {
      if (!errors.has('student_id')) errors.add('student_id', "can't be blank");
    } else if (!student && !errors.has('student_id')) errors.add('student_id', 'must exist');
  } else if (givesNewStudent) {
    student = newStudent(ctx);
    isNewStudent = true;
    applyStudentAttributes(ctx, student, body, errors, 'student_');
    checkStudent(ctx, student, errors, 'student_');
  } else {
    errors.add('student_id', "can't be blank");
  }

  const groupIds = readIdList(body, 'group_ids', errors) ?? [];
  const unknownGroups = groupIds.filter((id) => !(isId(id) && store.group(org.id, id)));
  if (unknownGroups.length > 0) errors.add('group_ids', `contains unknown groups: ${unknownGroups.join(', ')}`);
  readBoolean(body, 'send_enrollment_notification', errors);

  if (course && student && !isNewStudent && !course.multiple_sign_ups) {
    const already = store.enrollmentsOfStudent(student.id).some((e) => e.course_id === course.id && e.active);
    if (already) errors.add('student_id', 'is already enrolled in this course');
  }
  errors.throwIfAny(422, SAVE_FAILED);
  if (!course || !student) throw new Error('unreachable: validation passed without a course and a student');

  const now = ctx.now();
  const checksheets = store.checksheetsOfCourse(course.id);
  const checksheet = checksheets.find((c) => c.current_checksheet) ?? checksheets.at(-1);
  const enrollment: EnrollmentDoc = {
    id: ctx.newId(),
    student_id: student.id,
    course_id: course.id,
    checksheet_id: checksheet?.id ?? null,
    instructor_id: instructorId ?? null,
    enroller_id: ctx.principal.id,
    active: true,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    started_at: null,
    completed_at: null,
    expires_at: new Date(now.getTime() + YEAR_MS).toISOString(),
    custom_name: null,
  };
  const enrolledStudent = student;
  store.transaction(() => {
    if (isNewStudent) insertNewStudent(ctx, enrolledStudent);
    store.insertEnrollment(org.id, enrollment);
    for (const groupId of groupIds) store.addToGroup(groupId, enrollment.id);
  });
  if (isNewStudent) announceNewStudent(ctx, enrolledStudent);
  return created({ ...enrollmentJson(enrollment), student: studentJson(enrolledStudent) });
}

export function updateEnrollment(ctx: RequestContext): Reply {
  const enrollment = findEnrollment(ctx);
  onlyPermitted(ctx.body, UPDATE, READ_ONLY);
  const before = JSON.stringify(enrollment);
  const errors = new FieldErrors();
  if (has(ctx.body, 'instructor_id')) {
    const instructorId = readInstructor(ctx, errors, true);
    if (instructorId) enrollment.instructor_id = instructorId;
  }
  const expiresAt = readTime(ctx.body, 'expires_at', errors, { nullable: true });
  if (expiresAt !== undefined) {
    if (expiresAt !== null && new Date(expiresAt).getTime() <= ctx.now().getTime()) errors.add('expires_at', 'must be in the future');
    else enrollment.expires_at = expiresAt;
  }
  errors.throwIfAny();
  // As in Rails, an update that changes nothing saves nothing: updated_at stays as it was.
  if (JSON.stringify(enrollment) === before) return ok(enrollmentDetailJson(ctx.store, ctx.org.id, enrollment));
  enrollment.updated_at = isoNow(ctx);
  ctx.store.saveEnrollment(enrollment);
  return ok(enrollmentDetailJson(ctx.store, ctx.org.id, enrollment));
}

/** Cancels the enrollment: the student is expelled from the course; the record stays, inactive. */
export function cancelEnrollment(ctx: RequestContext): Reply {
  const enrollment = findEnrollment(ctx);
  if (enrollment.active) ctx.store.saveEnrollment({ ...enrollment, active: false, updated_at: isoNow(ctx) });
  return ok({});
}
