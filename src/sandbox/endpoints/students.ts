import { createHash } from 'node:crypto';
import { ApiError, FieldErrors } from '../http/apiError';
import { created, isoNow, ok, param, type RequestContext, type Reply } from '../http/context';
import { readPage } from '../http/paging';
import { checkEmail, isId, onlyPermitted, readBoolean, readText, type Body } from '../http/params';
import { LOCALES, type StudentDoc } from '../model';
import { studentDetailJson, studentJson } from '../serializers';

const CREATE = [
  'given_name',
  'family_name',
  'email',
  'company_name',
  'external_id',
  'student_account_id',
  'time_zone',
  'locale',
  'force_accept_invitation',
  'assigned_password',
  'language',
  'cancel_legacy_system',
  'lock',
] as const;
const READ_ONLY = ['id', 'api_key', 'gravatar_url', 'created_at', 'updated_at'];

export function gravatarUrl(email: string): string {
  return `http://www.gravatar.com/avatar/${createHash('md5').update(email.trim().toLowerCase()).digest('hex')}`;
}

function findStudent(ctx: RequestContext): StudentDoc {
  const id = param(ctx);
  const student = isId(id) ? ctx.store.student(ctx.org.id, id) : undefined;
  if (!student) throw ApiError.notFound('Student');
  return student;
}

export function listStudents(ctx: RequestContext): Reply {
  const { limit, offset } = readPage(ctx.query);
  return ok(ctx.store.list<StudentDoc>('students', ctx.org.id, limit, offset).map(studentJson));
}

export function showStudent(ctx: RequestContext): Reply {
  const student = findStudent(ctx);
  return ok(studentDetailJson(student, ctx.store.studentApiKey(student.id) ?? ''));
}

/**
 * Reads student attributes from `body`, where each attribute may carry a prefix (the enrollment
 * endpoint takes `student_email`, `student_locale`, ...) and reports errors under the prefixed name.
 */
export function applyStudentAttributes(ctx: RequestContext, student: StudentDoc, body: Body, errors: FieldErrors, prefix = ''): void {
  const key = (name: string) => `${prefix}${name}`;
  for (const field of ['given_name', 'family_name'] as const) {
    const value = readText(body, key(field), errors);
    if (value !== undefined && value !== null) student[field] = value.trim();
  }
  const email = readText(body, key('email'), errors);
  if (email !== undefined && email !== null) {
    student.email = email.trim().toLowerCase();
    student.gravatar_url = gravatarUrl(student.email);
  }
  for (const field of ['company_name', 'external_id'] as const) {
    const value = readText(body, key(field), errors, { nullable: true });
    if (value !== undefined) student[field] = value;
  }
  const timeZone = readText(body, key('time_zone'), errors);
  if (timeZone !== undefined && timeZone !== null) student.time_zone = timeZone;
  const locale = readText(body, key('locale'), errors);
  if (locale !== undefined && locale !== null) {
    if (!(LOCALES as readonly string[]).includes(locale)) errors.add(key('locale'), 'is not included in the list');
    else student.locale = locale;
  }
  const accountId = readText(body, 'student_account_id', errors, { nullable: true });
  if (accountId !== undefined) student._student_account_id = accountId;
  const language = readText(body, key('language'), errors, { nullable: true });
  if (language !== undefined) student._language = language;
  const cancelLegacy = readBoolean(body, key('cancel_legacy_system'), errors);
  if (cancelLegacy !== undefined) student._cancel_legacy_system = cancelLegacy;
  const lock = readBoolean(body, key('lock'), errors);
  if (lock !== undefined) student._locked = lock;
  const verified = readBoolean(body, key('force_accept_invitation'), errors);
  if (verified !== undefined) student._verified = verified;
  for (const passwordKey of ['assigned_password', 'password']) {
    const password = readText(body, key(passwordKey), errors, { max: 128 });
    if (password === undefined || password === null) continue;
    if (password.length < 6) errors.add(key(passwordKey), 'is too short (minimum is 6 characters)');
    else student._has_password = true;
  }
}

export function checkStudent(ctx: RequestContext, student: StudentDoc, errors: FieldErrors, prefix = ''): void {
  const key = (name: string) => `${prefix}${name}`;
  if (!student.given_name && !errors.has(key('given_name'))) errors.add(key('given_name'), "can't be blank");
  if (!student.family_name && !errors.has(key('family_name'))) errors.add(key('family_name'), "can't be blank");
  if (!student.email) {
    if (!errors.has(key('email'))) errors.add(key('email'), "can't be blank");
  } else if (!errors.has(key('email')) && checkEmail(student.email, errors, key('email'))) {
    const taken = ctx.store.studentIdByEmail(ctx.org.id, student.email);
    if (taken && taken !== student.id) errors.add(key('email'), 'has already been taken');
  }
}

export function newStudent(ctx: RequestContext): StudentDoc {
  const now = isoNow(ctx);
  return {
    id: ctx.newId(),
    given_name: '',
    family_name: '',
    email: '',
    company_name: null,
    external_id: null,
    locale: 'en-US',
    time_zone: 'UTC',
    gravatar_url: '',
    created_at: now,
    updated_at: now,
  };
}

/** Stores a new student with a fresh key. Announce it with `announceNewStudent` once committed. */
export function insertNewStudent(ctx: RequestContext, student: StudentDoc): string {
  const apiKey = ctx.newId();
  ctx.store.insertStudent(ctx.org.id, student, apiKey);
  return apiKey;
}

/** Tells the "new student" webhooks; called after the write commits, never for a rolled-back one. */
export function announceNewStudent(ctx: RequestContext, student: StudentDoc): void {
  ctx.events.studentCreated(ctx.org.id, studentJson(student));
}

export function createStudent(ctx: RequestContext): Reply {
  onlyPermitted(ctx.body, CREATE, READ_ONLY);
  const errors = new FieldErrors();
  const student = newStudent(ctx);
  applyStudentAttributes(ctx, student, ctx.body, errors);
  checkStudent(ctx, student, errors);
  errors.throwIfAny();
  const apiKey = insertNewStudent(ctx, student);
  announceNewStudent(ctx, student);
  return created(studentDetailJson(student, apiKey));
}

export function updateStudent(ctx: RequestContext): Reply {
  const student = findStudent(ctx);
  onlyPermitted(ctx.body, CREATE, READ_ONLY);
  const errors = new FieldErrors();
  applyStudentAttributes(ctx, student, ctx.body, errors);
  checkStudent(ctx, student, errors);
  errors.throwIfAny();
  student.updated_at = isoNow(ctx);
  ctx.store.saveStudent(student);
  return ok(studentDetailJson(student, ctx.store.studentApiKey(student.id) ?? ''));
}
