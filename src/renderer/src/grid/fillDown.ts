// Fill down (Ctrl+D), as in a spreadsheet: the range's top row is copied into the rows below it;
// a range of one row takes the row above instead. Values are copied as the records hold them (an
// instructor's id, not their name), so nothing is lost to formatting on the way.
import type { CellRange } from './cellRange';
import { EditBatch } from './editBatch';
import type { EditValue } from './cellValue';
import type { GridColumn } from './gridColumns';

type Row = Record<string, unknown>;

/** The records (by index from 0) a fill reads: the source row first, then the rows it fills. */
export function fillRows(range: CellRange): { source: number; first: number; last: number } | null {
  const oneRow = range.top === range.bottom;
  const source = (oneRow ? range.top - 1 : range.top) - 1;
  if (source < 0) return null;
  return { source, first: oneRow ? range.top - 1 : range.top, last: range.bottom - 1 };
}

const asEditValue = (value: unknown): EditValue =>
  value === undefined ? null : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : JSON.stringify(value);

/** The edits a fill makes over `columns` (the shown fields) within `range`. */
export function fillDownEdits(range: CellRange, columns: readonly GridColumn[], rowAt: (index: number) => Row | undefined): EditBatch | null {
  const rows = fillRows(range);
  const source = rows ? rowAt(rows.source) : undefined;
  if (!rows || !source) return null;
  const batch = new EditBatch();
  const fields = columns.slice(range.left - 1, range.right);
  for (let index = rows.first; index <= rows.last; index += 1) {
    const row = rowAt(index);
    for (const column of fields) {
      const field = column.editor?.field;
      if (!field) batch.skipReadOnly(column);
      else if (row) batch.set(row, column, asEditValue(source[field]), column.key !== field ? { [column.key]: source[column.key] } : undefined);
    }
  }
  return batch;
}
