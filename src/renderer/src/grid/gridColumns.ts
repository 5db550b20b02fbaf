// The columns each resource's grid shows by default: the ones a person recognises a record by.
// `sortable` marks the columns the back end can sort and filter on (its mirror table's typed
// columns); the rest live only in the record's JSON, and sorting them would be refused.
import type { GridResource } from '../../../shared/bridge';
import type { MessageKey } from '../i18n/createI18n';

export type ColumnKind = 'text' | 'date' | 'flag' | 'money';

export interface GridColumn {
  /** The record's field, and the mirror column of the same name. */
  key: string;
  label: MessageKey;
  kind: ColumnKind;
  sortable: boolean;
}

const col = (key: string, label: MessageKey, kind: ColumnKind = 'text', sortable = true): GridColumn => ({ key, label, kind, sortable });

export const GRID_COLUMNS: Record<GridResource, GridColumn[]> = {
  courses: [col('name', 'column.name'), col('price_cents', 'column.price', 'money'), col('purchasable', 'column.purchasable', 'flag'), col('updated_at', 'column.updated_at', 'date')],
  students: [
    col('given_name', 'column.given_name'),
    col('family_name', 'column.family_name'),
    col('email', 'column.email'),
    col('external_id', 'column.external_id'),
    col('locale', 'column.locale'),
    col('time_zone', 'column.time_zone'),
  ],
  enrollments: [
    col('student_id', 'column.student_id'),
    col('course_id', 'column.course_id'),
    col('instructor_id', 'column.instructor_id'),
    col('started_at', 'column.started_at', 'date'),
    col('completed_at', 'column.completed_at', 'date'),
    col('expires_at', 'column.expires_at', 'date'),
    col('active', 'column.active', 'flag'),
  ],
  groups: [col('name', 'column.name')],
  users: [col('given_name', 'column.given_name'), col('family_name', 'column.family_name'), col('email', 'column.email'), col('role', 'column.role'), col('locale', 'column.locale')],
};
