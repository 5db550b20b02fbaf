// Where a pasted block lands: from the active cell rightwards and down, over the columns as they are
// shown. A block taller than the rows left, or wider than the columns left, is cut there (and the
// person told); one cell pasted over a larger range fills the range, as in a spreadsheet. Turning
// the texts into values waits until the rows are read (`pasteEdits`).
import type { MessageKey, MessageParams } from '../i18n/createI18n';
import { parseCellText, type ParseContext } from './cellValue';
import type { CellRange } from './cellRange';
import { EditBatch } from './editBatch';
import type { GridColumn } from './gridColumns';

type Row = Record<string, unknown>;

/** The most rows one block action changes: `records.updateMany` takes up to 10,000 records. */
export const MAX_BLOCK_ROWS = 10_000;

export interface PasteCell {
  /** The record's index in the list, from 0. */
  index: number;
  column: GridColumn;
  text: string;
}

export interface PastePlan {
  cells: PasteCell[];
  /** The records the block covers, to read before the edits can be made. */
  firstIndex: number;
  lastIndex: number;
  /** How many columns it covers. */
  width: number;
  clippedRows: number;
  clippedColumns: number;
}

/**
 * Places `block` with its top-left cell at `range`'s top-left (grid positions: records from row 1,
 * fields from column 1). `columns` are the shown fields in order; `total` the records in the list.
 */
export function planPaste(block: readonly (readonly string[])[], range: CellRange, columns: readonly GridColumn[], total: number): PastePlan {
  const firstIndex = range.top - 1;
  const firstCol = range.left - 1;
  const single = block.length === 1 && block[0]?.length === 1;
  // One cell over a range fills every cell of it.
  const height = single ? range.bottom - range.top + 1 : block.length;
  const width = single ? range.right - range.left + 1 : Math.max(0, ...block.map((r) => r.length));
  const rowsLeft = Math.max(0, Math.min(total - firstIndex, MAX_BLOCK_ROWS));
  const colsLeft = Math.max(0, columns.length - firstCol);
  const rows = Math.min(height, rowsLeft);
  const cols = Math.min(width, colsLeft);
  const cells: PasteCell[] = [];
  for (let r = 0; r < rows; r += 1) {
    const source = single ? block[0]! : block[r]!;
    for (let c = 0; c < cols; c += 1) {
      const text = single ? source[0] : source[c];
      // A shorter line in a ragged block leaves the cells past its end alone.
      if (text === undefined) continue;
      cells.push({ index: firstIndex + r, column: columns[firstCol + c]!, text });
    }
  }
  return { cells, firstIndex, lastIndex: firstIndex + Math.max(0, rows - 1), width: cols, clippedRows: height - rows, clippedColumns: width - cols };
}

export interface CellProblem {
  index: number;
  column: GridColumn;
  message: MessageKey;
  params?: MessageParams;
}

/** The plan's texts as values on the rows read (`rowAt`), or the cells whose text is no value for their column. */
export function pasteEdits(plan: PastePlan, rowAt: (index: number) => Row | undefined, context: ParseContext): { batch: EditBatch; problems: CellProblem[] } {
  const batch = new EditBatch();
  const problems: CellProblem[] = [];
  for (const cell of plan.cells) {
    if (!cell.column.editor) {
      batch.skipReadOnly(cell.column);
      continue;
    }
    const row = rowAt(cell.index);
    if (!row) {
      problems.push({ index: cell.index, column: cell.column, message: 'gridEditing.rowNotRead' });
      continue;
    }
    const parsed = parseCellText(cell.column, cell.text, context);
    if (!parsed.ok) problems.push({ index: cell.index, column: cell.column, message: parsed.message, ...(parsed.params ? { params: parsed.params } : {}) });
    else batch.set(row, cell.column, parsed.value, parsed.shown);
  }
  return { batch, problems };
}
