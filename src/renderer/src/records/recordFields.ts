// What each field of a record is, for the screens that filter, set and create: its label, what
// kind of value it holds (so a date gets a date input and a flag yes/no), and for ids, which
// resource they point at (so a person picks a name instead of typing an id). Field names are the
// API's, and mean the same in every resource that has them.
import type { GridResource } from '../../../shared/bridge';
import { ENROLLMENT_STATES } from '../../../shared/contractLists';
import { FIELDS, LOCALES, ROLES, type EditResource } from '../../../shared/editableFields';
import type { MessageKey } from '../i18n/createI18n';

export type FieldKind =
  /** One line of text. */
  | 'text'
  /** Text that may run to paragraphs (summaries, HTML copy). */
  | 'longText'
  | 'password'
  /** An ISO date-time; people pick a day. */
  | 'date'
  | 'flag'
  /** Whole cents, typed in currency units. */
  | 'money'
  /** One of a fixed list (`choices`). */
  | 'choice'
  /** The id of a record of `refersTo`. */
  | 'record'
  /** Ids of records of `refersTo`. */
  | 'records';

export interface FieldSpec {
  key: string;
  label: MessageKey;
  kind: FieldKind;
  refersTo?: GridResource;
  choices?: readonly string[];
  /** Each choice's label; choices without one are shown as they are (codes such as en-US). */
  choiceLabels?: Readonly<Record<string, MessageKey>>;
  /** Computed by the back end from other fields or tables: filters on it compare for equality only. */
  derived?: boolean;
}

const spec = (key: string, label: MessageKey, kind: FieldKind, more: Partial<FieldSpec> = {}): FieldSpec => ({ key, label, kind, ...more });

const SPECS: FieldSpec[] = [
  spec('id', 'column.id', 'text'),
  spec('name', 'column.name', 'text'),
  spec('summary', 'column.summary', 'longText'),
  spec('marketing_copy_html', 'gridTools.field.marketing_copy_html', 'longText'),
  spec('completion_information_html', 'gridTools.field.completion_information_html', 'longText'),
  spec('multiple_sign_ups', 'column.multiple_sign_ups', 'flag'),
  spec('purchasable', 'column.purchasable', 'flag'),
  spec('advertised', 'column.advertised', 'flag'),
  spec('price_cents', 'column.price', 'money'),
  spec('price_currency', 'column.price_currency', 'text'),
  spec('instructor_id', 'column.instructor_id', 'record', { refersTo: 'users' }),
  spec('prerequisite_course_id', 'column.prerequisite_course_id', 'record', { refersTo: 'courses' }),
  spec('archived_at', 'column.archived_at', 'date'),
  spec('created_at', 'column.created_at', 'date'),
  spec('updated_at', 'column.updated_at', 'date'),

  spec('given_name', 'column.given_name', 'text'),
  spec('family_name', 'column.family_name', 'text'),
  spec('email', 'column.email', 'text'),
  spec('company_name', 'column.company_name', 'text'),
  spec('external_id', 'column.external_id', 'text'),
  spec('student_account_id', 'gridTools.field.student_account_id', 'text'),
  spec('time_zone', 'column.time_zone', 'text'),
  spec('locale', 'column.locale', 'choice', { choices: LOCALES }),
  spec('language', 'gridTools.field.language', 'text'),
  spec('force_accept_invitation', 'gridTools.field.force_accept_invitation', 'flag'),
  spec('assigned_password', 'gridTools.field.assigned_password', 'password'),
  spec('cancel_legacy_system', 'gridTools.field.cancel_legacy_system', 'flag'),
  spec('lock', 'gridTools.field.lock', 'flag'),

  spec('student_id', 'column.student_id', 'record', { refersTo: 'students' }),
  spec('course_id', 'column.course_id', 'record', { refersTo: 'courses' }),
  spec('active', 'column.active', 'flag'),
  spec('started_at', 'column.started_at', 'date'),
  spec('completed_at', 'column.completed_at', 'date'),
  spec('expires_at', 'column.expires_at', 'date'),
  spec('custom_name', 'column.custom_name', 'text'),
  spec('send_enrollment_notification', 'gridTools.field.send_enrollment_notification', 'flag'),
  spec('group_ids', 'gridTools.field.group_ids', 'records', { refersTo: 'groups' }),
  spec('student_email', 'gridTools.field.student_email', 'text'),
  spec('student_given_name', 'gridTools.field.student_given_name', 'text'),
  spec('student_family_name', 'gridTools.field.student_family_name', 'text'),
  spec('student_external_id', 'gridTools.field.student_external_id', 'text'),
  spec('student_password', 'gridTools.field.student_password', 'password'),
  spec('student_locale', 'gridTools.field.student_locale', 'choice', { choices: LOCALES }),
  spec('student_cancel_legacy_system', 'gridTools.field.student_cancel_legacy_system', 'flag'),
  spec('state', 'gridTools.field.state', 'choice', {
    choices: ENROLLMENT_STATES,
    choiceLabels: { active: 'gridTools.state.active', completed: 'gridTools.state.completed', expired: 'gridTools.state.expired', cancelled: 'gridTools.state.cancelled' },
    derived: true,
  }),
  spec('group_id', 'gridTools.field.group_id', 'record', { refersTo: 'groups', derived: true }),

  spec('role', 'column.role', 'choice', {
    choices: ROLES,
    choiceLabels: { instructor: 'gridTools.role.instructor', supervisor: 'gridTools.role.supervisor', manager: 'gridTools.role.manager', owner: 'gridTools.role.owner' },
  }),
  spec('unsubscribed', 'column.unsubscribed', 'flag'),
];

const BY_KEY = new Map(SPECS.map((s) => [s.key, s]));

/** The field's description; a field this table does not know is shown as plain text under its own name. */
export function fieldSpec(key: string): FieldSpec {
  return BY_KEY.get(key) ?? { key, label: 'gridTools.field.unknown', kind: 'text' };
}

/**
 * The fields a grid can be filtered by: the mirror table's typed columns the back end compares
 * in SQLite, and the derived columns of DERIVED_FILTER_COLUMNS.
 */
export const FILTER_FIELDS: Record<GridResource, readonly string[]> = {
  courses: ['name', 'summary', 'price_cents', 'price_currency', 'purchasable', 'advertised', 'multiple_sign_ups', 'instructor_id', 'prerequisite_course_id', 'archived_at', 'created_at', 'updated_at'],
  students: ['given_name', 'family_name', 'email', 'company_name', 'external_id', 'locale', 'time_zone', 'group_id'],
  enrollments: ['state', 'course_id', 'instructor_id', 'group_id', 'student_id', 'expires_at', 'started_at', 'completed_at', 'created_at', 'active', 'custom_name'],
  groups: ['name'],
  users: ['given_name', 'family_name', 'email', 'role', 'locale', 'unsubscribed'],
};

/** The fields a person may set on existing records in one go: what the API lets an update change, less secrets. */
export function bulkEditableFields(resource: EditResource): FieldSpec[] {
  return FIELDS[resource].update.filter((key) => fieldSpec(key).kind !== 'password').map(fieldSpec);
}

/** The fields of a create form, in the API's order. */
export function createFields(resource: EditResource): FieldSpec[] {
  return FIELDS[resource].create.map(fieldSpec);
}

/** A choice as people read it. */
export function choiceLabel(spec: FieldSpec, value: string, t: (key: MessageKey) => string): string {
  const key = spec.choiceLabels?.[value];
  return key ? t(key) : value;
}
