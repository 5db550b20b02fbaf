// How each list resource's server JSON maps onto its mirror table's typed columns.
export type MirrorResource = 'courses' | 'checksheets' | 'students' | 'enrollments' | 'groups' | 'users';

export const MIRROR_RESOURCES: readonly MirrorResource[] = ['users', 'courses', 'checksheets', 'students', 'enrollments', 'groups'];

type Json = Record<string, unknown>;
type SqlValue = string | number | null;

/**
 * The typed columns are for sorting, filtering and searching; the record itself, whole, is the
 * `json` column, which the grids show. So a column holds at most the start of a huge value: a
 * student named with a megabyte of text was copied into each of their enrollments' name columns,
 * indexed, and cut into a million trigrams for search (an audit's hostile server made a sync 67
 * times slower and the file 19 times larger). No real name, email or id comes near the limit.
 */
const TEXT_LIMIT = 1_000;
/** A course's summary is searched too, and may rightly run to several paragraphs. */
const LONG_TEXT_LIMIT = 20_000;

function clip(value: string, limit: number): string {
  if (value.length <= limit) return value;
  // Not between the two halves of a character outside the BMP.
  const end = /[\uD800-\uDBFF]/.test(value.charAt(limit - 1)) ? limit - 1 : limit;
  return value.slice(0, end);
}

const text = (v: unknown, limit = TEXT_LIMIT): SqlValue => (v === null || v === undefined ? null : clip(String(v), limit));
const int = (v: unknown): SqlValue => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null);
const flag = (v: unknown): SqlValue => (typeof v === 'boolean' ? (v ? 1 : 0) : null);

/** Column name → how to read it from the record. `id`, `json` and `seen_pass` are common to all. */
export const MIRROR_COLUMNS: Record<MirrorResource, Record<string, (r: Json) => SqlValue>> = {
  courses: {
    name: (r) => text(r['name']) ?? '',
    summary: (r) => text(r['summary'], LONG_TEXT_LIMIT),
    price_cents: (r) => int(r['price_cents']),
    price_currency: (r) => text(r['price_currency']),
    purchasable: (r) => flag(r['purchasable']),
    advertised: (r) => flag(r['advertised']),
    multiple_sign_ups: (r) => flag(r['multiple_sign_ups']),
    instructor_id: (r) => text(r['instructor_id']),
    prerequisite_course_id: (r) => text(r['prerequisite_course_id']),
    archived_at: (r) => text(r['archived_at']),
    created_at: (r) => text(r['created_at']),
    updated_at: (r) => text(r['updated_at']),
  },
  checksheets: {
    course_id: (r) => text(r['course_id']) ?? '',
    version: (r) => int(r['version']),
    current_checksheet: (r) => flag(r['current_checksheet']),
    published: (r) => flag(r['published']),
    created_at: (r) => text(r['created_at']),
    updated_at: (r) => text(r['updated_at']),
  },
  students: {
    given_name: (r) => text(r['given_name']),
    family_name: (r) => text(r['family_name']),
    email: (r) => text(r['email']),
    company_name: (r) => text(r['company_name']),
    external_id: (r) => text(r['external_id']),
    locale: (r) => text(r['locale']),
    time_zone: (r) => text(r['time_zone']),
  },
  enrollments: {
    student_id: (r) => text(r['student_id']) ?? '',
    course_id: (r) => text(r['course_id']) ?? '',
    checksheet_id: (r) => text(r['checksheet_id']),
    instructor_id: (r) => text(r['instructor_id']),
    enroller_id: (r) => text(r['enroller_id']),
    active: (r) => flag(r['active']),
    created_at: (r) => text(r['created_at']),
    updated_at: (r) => text(r['updated_at']),
    started_at: (r) => text(r['started_at']),
    completed_at: (r) => text(r['completed_at']),
    expires_at: (r) => text(r['expires_at']),
    custom_name: (r) => text(r['custom_name']),
  },
  groups: {
    name: (r) => text(r['name']),
  },
  users: {
    given_name: (r) => text(r['given_name']),
    family_name: (r) => text(r['family_name']),
    email: (r) => text(r['email']),
    locale: (r) => text(r['locale']),
    role: (r) => text(r['role']),
    unsubscribed: (r) => flag(r['unsubscribed']),
  },
};

/** Fields the mirror never keeps, whatever the server sends: a student's key is a secret. */
const NEVER_KEPT = ['api_key'];

/** The record as the mirror stores it: the server's JSON, less secrets. */
export function mirrorJson(record: Json): string {
  if (!NEVER_KEPT.some((k) => k in record)) return JSON.stringify(record);
  const copy = { ...record };
  for (const k of NEVER_KEPT) delete copy[k];
  return JSON.stringify(copy);
}
