// The columns the first-window tables show, per resource: the ones a person recognises a record by.
// The grids of the next issue bring their own column model; this is deliberately small.
import type { GridResource } from '../../../shared/bridge';
import type { MessageKey } from '../i18n/createI18n';

export type ColumnKind = 'text' | 'date' | 'flag' | 'money';

export interface Column {
  key: string;
  label: MessageKey;
  kind: ColumnKind;
}

const col = (key: string, label: MessageKey, kind: ColumnKind = 'text'): Column => ({ key, label, kind });

export const COLUMNS: Record<GridResource, Column[]> = {
  courses: [col('name', 'column.name'), col('price_cents', 'column.price', 'money'), col('purchasable', 'column.purchasable', 'flag'), col('archived_at', 'column.archived_at', 'date'), col('updated_at', 'column.updated_at', 'date')],
  students: [col('given_name', 'column.given_name'), col('family_name', 'column.family_name'), col('email', 'column.email'), col('company_name', 'column.company_name'), col('external_id', 'column.external_id')],
  enrollments: [col('student_id', 'column.student_id'), col('course_id', 'column.course_id'), col('active', 'column.active', 'flag'), col('started_at', 'column.started_at', 'date'), col('completed_at', 'column.completed_at', 'date'), col('expires_at', 'column.expires_at', 'date'), col('custom_name', 'column.custom_name')],
  groups: [col('name', 'column.name'), col('id', 'column.id')],
  users: [col('given_name', 'column.given_name'), col('family_name', 'column.family_name'), col('email', 'column.email'), col('role', 'column.role'), col('unsubscribed', 'column.unsubscribed', 'flag')],
};
