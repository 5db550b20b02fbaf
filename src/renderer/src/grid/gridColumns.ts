// The columns each resource's grid offers: first the ones a person recognises a record by (shown
// unless hidden), then extra ones the column chooser can show. `sortable` marks the columns the back
// end can sort and filter on (its mirror table's typed columns); the rest live only in the record's
// JSON or are joined from other tables, and sorting them would be refused. `editor` marks the fields
// the API lets a person change (src/shared/editableFields.ts) and how a cell of it is edited.
import type { GridResource } from '../../../shared/bridge';
import { LOCALES, ROLES } from '../../../shared/editableFields';
import type { MessageKey } from '../i18n/createI18n';

/** How a value is shown. `list` is an array of names (an enrollment's groups). */
export type ColumnKind = 'text' | 'date' | 'flag' | 'money' | 'list';

/** How a value is typed in: `choice` from a fixed list, `user` by a user's name or email. */
export type EditorKind = 'text' | 'email' | 'date' | 'flag' | 'money' | 'choice' | 'user';

export interface ColumnEditor {
  kind: EditorKind;
  /** The field an edit sets: the column's own, or (for a joined name) the id it shows the name of. */
  field: string;
  choices?: readonly string[];
  /** A date that must lie in the future (an enrollment's expiry). */
  future?: boolean;
}

export interface GridColumn {
  /** The record's field (or the joined display field), and the mirror column of the same name. */
  key: string;
  label: MessageKey;
  kind: ColumnKind;
  sortable: boolean;
  /** Absent when the API does not let the field change: the cell is read-only. */
  editor?: ColumnEditor;
  /** An extra column: offered by the column chooser, not shown until a person asks for it. */
  hiddenByDefault?: boolean;
  /** Default width in CSS pixels, until a person resizes it. */
  width: number;
}

const WIDTHS: Record<ColumnKind, number> = { text: 180, date: 170, flag: 100, money: 120, list: 220 };

interface Options {
  sortable?: boolean;
  editor?: EditorKind | ColumnEditor;
  hidden?: boolean;
  width?: number;
}

function col(key: string, label: MessageKey, kind: ColumnKind, options: Options = {}): GridColumn {
  const column: GridColumn = { key, label, kind, sortable: options.sortable ?? true, width: options.width ?? WIDTHS[kind] };
  if (options.editor) column.editor = typeof options.editor === 'string' ? { kind: options.editor, field: key } : options.editor;
  if (options.hidden) column.hiddenByDefault = true;
  return column;
}

const recordId = col('id', 'column.id', 'text', { sortable: false, hidden: true, width: 300 });

export const GRID_COLUMNS: Record<GridResource, GridColumn[]> = {
  courses: [
    col('name', 'column.name', 'text', { editor: 'text', width: 240 }),
    col('price_cents', 'column.price', 'money', { editor: 'money' }),
    col('purchasable', 'column.purchasable', 'flag', { editor: 'flag', width: 120 }),
    col('updated_at', 'column.updated_at', 'date'),
    col('summary', 'column.summary', 'text', { editor: 'text', hidden: true, width: 280 }),
    col('price_currency', 'column.price_currency', 'text', { editor: 'text', hidden: true }),
    col('advertised', 'column.advertised', 'flag', { editor: 'flag', hidden: true, width: 120 }),
    col('multiple_sign_ups', 'column.multiple_sign_ups', 'flag', { editor: 'flag', hidden: true, width: 140 }),
    col('instructor_id', 'column.instructor_id', 'text', { editor: 'user', hidden: true, width: 300 }),
    col('prerequisite_course_id', 'column.prerequisite_course_id', 'text', { editor: 'text', hidden: true, width: 300 }),
    col('created_at', 'column.created_at', 'date', { hidden: true }),
    col('archived_at', 'column.archived_at', 'date', { hidden: true }),
    recordId,
  ],
  students: [
    col('given_name', 'column.given_name', 'text', { editor: 'text', width: 150 }),
    col('family_name', 'column.family_name', 'text', { editor: 'text', width: 150 }),
    col('email', 'column.email', 'text', { editor: 'email', width: 260 }),
    col('external_id', 'column.external_id', 'text', { editor: 'text', width: 140 }),
    col('locale', 'column.locale', 'text', { editor: { kind: 'choice', field: 'locale', choices: LOCALES }, width: 120 }),
    col('time_zone', 'column.time_zone', 'text', { editor: 'text' }),
    col('company_name', 'column.company_name', 'text', { editor: 'text', hidden: true }),
    recordId,
  ],
  enrollments: [
    // Joined from the students, courses and users tables: not sortable in the mirror.
    col('student_name', 'column.student_name', 'text', { sortable: false }),
    col('course_name', 'column.course_name', 'text', { sortable: false, width: 220 }),
    col('instructor_name', 'column.instructor_name', 'text', { sortable: false, editor: { kind: 'user', field: 'instructor_id' } }),
    col('started_at', 'column.started_at', 'date'),
    col('completed_at', 'column.completed_at', 'date'),
    col('expires_at', 'column.expires_at', 'date', { editor: { kind: 'date', field: 'expires_at', future: true } }),
    col('active', 'column.active', 'flag'),
    col('group_names', 'column.group_names', 'list', { sortable: false }),
    col('student_email', 'column.student_email', 'text', { sortable: false, hidden: true, width: 260 }),
    col('custom_name', 'column.custom_name', 'text', { hidden: true }),
    col('created_at', 'column.created_at', 'date', { hidden: true }),
    col('updated_at', 'column.updated_at', 'date', { hidden: true }),
    recordId,
  ],
  groups: [col('name', 'column.name', 'text', { editor: 'text', width: 280 }), recordId],
  users: [
    col('given_name', 'column.given_name', 'text', { editor: 'text', width: 150 }),
    col('family_name', 'column.family_name', 'text', { editor: 'text', width: 150 }),
    col('email', 'column.email', 'text', { editor: 'email', width: 260 }),
    col('role', 'column.role', 'text', { editor: { kind: 'choice', field: 'role', choices: ROLES }, width: 130 }),
    col('locale', 'column.locale', 'text', { editor: { kind: 'choice', field: 'locale', choices: LOCALES }, width: 120 }),
    col('unsubscribed', 'column.unsubscribed', 'flag', { editor: 'flag', hidden: true, width: 130 }),
    recordId,
  ],
};
