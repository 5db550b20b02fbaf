// What the API lets each resource do, and the documented rules an edit must meet before it is
// queued, with the server's own messages: an edit that would be refused is refused at once, while
// the user is still looking at it, not minutes later when the queue reaches the server.

import { EDIT_RESOURCES, FIELDS, LOCALES, REQUIRED, ROLES, canDelete, type EditKind, type EditResource } from '../../shared/editableFields';

export { EDIT_RESOURCES, FIELDS, LOCALES, REQUIRED, ROLES, canDelete, type EditKind, type EditResource };

type Json = Record<string, unknown>;
export type FieldErrors = Record<string, string[]>;

/** What deleting means to the user, for messages: a course or enrollment is cancelled. */
export function deleteVerb(resource: EditResource): string {
  return resource === 'courses' || resource === 'enrollments' ? 'cancel' : 'delete';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export interface RuleContext {
  /** Whether another record of the resource (mirror or pending) already has this value. */
  taken(resource: EditResource, field: 'email' | 'name', value: string, exceptId?: string): boolean;
  now(): number;
}

/**
 * Checks an edit against the documented rules. `fields` are the values being set; for an update,
 * `current` is the record as the user sees it now. Returns the errors by field (empty when fine).
 */
export function checkEdit(resource: EditResource, kind: Exclude<EditKind, 'delete'>, fields: Json, context: RuleContext, recordId?: string): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  const allowed = new Set(FIELDS[resource][kind]);
  for (const field of Object.keys(fields)) {
    if (!allowed.has(field)) add(field, kind === 'update' && resource === 'enrollments' ? "can't be changed" : 'is not a field the API accepts');
  }

  if (kind === 'create') {
    for (const field of REQUIRED[resource]) if (blank(fields[field])) add(field, "can't be blank");
  } else {
    // An update may leave a field alone, but not blank out a required one.
    for (const field of REQUIRED[resource]) if (field in fields && blank(fields[field])) add(field, "can't be blank");
  }

  const text = (field: string) => (typeof fields[field] === 'string' ? (fields[field] as string) : undefined);
  for (const [field, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined && typeof value === 'string' && value.length > 10_000) add(field, 'is too long (maximum is 10000 characters)');
  }

  if (resource === 'students' || resource === 'users') {
    const email = text('email');
    if (email !== undefined && !blank(email)) {
      if (!EMAIL.test(email.trim())) add('email', 'is invalid');
      else if (context.taken(resource, 'email', email.trim(), recordId)) add('email', 'has already been taken');
    }
    const locale = fields['locale'];
    if (locale !== undefined && locale !== null && !(LOCALES as readonly unknown[]).includes(locale)) add('locale', 'is not included in the list');
  }
  if (resource === 'users') {
    const role = fields['role'];
    if (role !== undefined && !blank(role) && !(ROLES as readonly unknown[]).includes(role)) add('role', 'is not included in the list');
  }
  if (resource === 'courses') {
    const name = text('name');
    if (name !== undefined && !blank(name) && context.taken('courses', 'name', name.trim(), recordId)) add('name', 'has already been taken');
    if ('price_cents' in fields) {
      const price = fields['price_cents'];
      // The API reports a bad price under `price`, as documented.
      if (typeof price !== 'number' || !Number.isInteger(price)) add('price', 'is not a number');
      else if (price < 0) add('price', 'must be greater than or equal to 0');
    }
    const currency = fields['price_currency'];
    if (currency !== undefined && currency !== null && !(typeof currency === 'string' && /^[A-Z]{3}$/.test(currency))) add('price_currency', 'is not a valid currency code');
  }
  if (resource === 'enrollments') {
    if (kind === 'create') {
      const newStudent = ['student_email', 'student_given_name', 'student_family_name'].some((f) => !blank(fields[f]));
      if (!blank(fields['student_id']) && newStudent) add('student_id', 'cannot be combined with the attributes of a new student');
      else if (!newStudent && blank(fields['student_id'])) add('student_id', "can't be blank");
      if (newStudent) {
        for (const f of ['student_email', 'student_given_name', 'student_family_name']) if (blank(fields[f])) add(f, "can't be blank");
        const email = text('student_email');
        if (email && !blank(email)) {
          if (!EMAIL.test(email.trim())) add('student_email', 'is invalid');
          else if (context.taken('students', 'email', email.trim())) add('student_email', 'has already been taken');
        }
        const locale = fields['student_locale'];
        if (locale !== undefined && locale !== null && !(LOCALES as readonly unknown[]).includes(locale)) add('student_locale', 'is not included in the list');
      }
      const groups = fields['group_ids'];
      if (groups !== undefined && !(Array.isArray(groups) && groups.every((g) => typeof g === 'string' && g !== ''))) add('group_ids', 'must be a list of group ids');
    }
    if ('expires_at' in fields && fields['expires_at'] !== null) {
      const at = typeof fields['expires_at'] === 'string' ? Date.parse(fields['expires_at']) : NaN;
      if (Number.isNaN(at)) add('expires_at', 'is not a date');
      else if (at <= context.now()) add('expires_at', 'must be in the future');
    }
  }
  return errors;
}

/** An error hash in one line, as people read it: "email has already been taken; name can't be blank". */
export function describeFieldErrors(errors: FieldErrors | null | undefined): string {
  if (!errors) return '';
  return Object.entries(errors)
    .map(([field, messages]) => (field === 'base' ? messages.join(', ') : `${field} ${messages.join(', ')}`))
    .join('; ');
}

/** Every local id an edit's fields refer to: the records whose creation it must wait for. */
export function localIdsIn(fields: Json): string[] {
  const found = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string' && isLocalId(v)) found.add(v);
    else if (Array.isArray(v)) v.forEach(visit);
  };
  Object.values(fields).forEach(visit);
  return [...found];
}

export function isLocalId(id: string): boolean {
  return id.startsWith('local-');
}
