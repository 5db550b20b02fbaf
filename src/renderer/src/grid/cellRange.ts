// A rectangle of cells: where a Shift+Arrow range started (its anchor) to the active cell. Positions
// are the grid's (row 0 the header, column 0 the selection checkboxes), and a range covers records
// and their fields only, so it never includes either.
import type { CellPosition } from './gridKeys';

export interface CellRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The range from `anchor` to `focus`, or the single cell `focus` without an anchor. */
export function rangeBetween(anchor: CellPosition | null, focus: CellPosition): CellRange {
  const from = anchor ?? focus;
  return {
    top: Math.max(1, Math.min(from.row, focus.row)),
    bottom: Math.max(1, from.row, focus.row),
    left: Math.max(1, Math.min(from.col, focus.col)),
    right: Math.max(1, from.col, focus.col),
  };
}

export function rangeRows(range: CellRange): number {
  return range.bottom - range.top + 1;
}

export function rangeColumns(range: CellRange): number {
  return range.right - range.left + 1;
}

/** The range kept inside a grid of `lastRow` records and `lastCol` fields (after a shorter list or a hidden column). */
export function clampRange(range: CellRange, lastRow: number, lastCol: number): CellRange {
  const row = (n: number) => Math.min(Math.max(1, n), Math.max(1, lastRow));
  const col = (n: number) => Math.min(Math.max(1, n), Math.max(1, lastCol));
  return { top: row(range.top), bottom: row(range.bottom), left: col(range.left), right: col(range.right) };
}
