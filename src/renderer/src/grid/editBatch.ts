// The edits of one block action (a paste, a fill, a clear) gathered per record, so the whole block
// goes to the back end as one `records.updateMany` call and is undone as one step. Cells that
// already hold the value are left out and counted, so nothing is queued that changes nothing.
import type { MessageKey } from '../i18n/createI18n';
import { sameValue, type EditValue } from './cellValue';
import type { GridColumn } from './gridColumns';

type Row = Record<string, unknown>;

export interface RecordEdit {
  id: string;
  fields: Record<string, EditValue>;
}

export class EditBatch {
  /** Cells that will change. */
  changed = 0;
  /** Cells that already held the value. */
  unchanged = 0;
  /** Cells of read-only columns the block covered, and which columns they were. */
  readOnly = 0;
  readonly readOnlyColumns = new Set<MessageKey>();
  private readonly byId = new Map<string, { fields: Record<string, EditValue>; shown: Row }>();

  /** Sets the column's field of `row`; `shown` are display fields that change with it. */
  set(row: Row, column: GridColumn, value: EditValue, shown?: Row): void {
    const field = column.editor?.field;
    if (!field) {
      this.skipReadOnly(column);
      return;
    }
    if (sameValue(row, field, value)) {
      this.unchanged += 1;
      return;
    }
    const id = String(row['id']);
    let entry = this.byId.get(id);
    if (!entry) this.byId.set(id, (entry = { fields: {}, shown: {} }));
    if (!(field in entry.fields)) this.changed += 1;
    entry.fields[field] = value;
    Object.assign(entry.shown, { [field]: value }, shown);
  }

  skipReadOnly(column: GridColumn): void {
    this.readOnly += 1;
    this.readOnlyColumns.add(column.label);
  }

  get edits(): RecordEdit[] {
    return [...this.byId].map(([id, { fields }]) => ({ id, fields }));
  }

  /** What each record will show once the edits are in: for drawing them before the back end answers. */
  get patches(): Map<string, Row> {
    return new Map([...this.byId].map(([id, { shown }]) => [id, shown]));
  }
}
