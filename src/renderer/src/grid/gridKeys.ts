// The WAI-ARIA grid keyboard model: which cell a key moves the active cell to. Row 0 is the header
// row; rows 1..lastRow are the records, so a position's row is its aria-rowindex less one.

export interface CellPosition {
  row: number;
  col: number;
}

export interface GridBounds {
  /** The last record's row (the record count; 0 when there are none). */
  lastRow: number;
  lastCol: number;
  /** Rows one PageUp/PageDown moves: about a screenful. */
  pageRows: number;
}

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

const clamp = (n: number, low: number, high: number): number => Math.min(high, Math.max(low, n));

/** Where `press` moves the active cell from `at`, or null when the key is not a grid movement. */
export function nextCell(press: KeyPress, at: CellPosition, bounds: GridBounds): CellPosition | null {
  // Ctrl on Windows and Linux, Cmd on macOS: both mean "to the very first/last cell".
  const toCorner = press.ctrlKey === true || press.metaKey === true;
  const cell = (row: number, col: number): CellPosition => ({ row: clamp(row, 0, bounds.lastRow), col: clamp(col, 0, bounds.lastCol) });
  switch (press.key) {
    case 'ArrowUp':
      return cell(at.row - 1, at.col);
    case 'ArrowDown':
      return cell(at.row + 1, at.col);
    case 'ArrowLeft':
      return cell(at.row, at.col - 1);
    case 'ArrowRight':
      return cell(at.row, at.col + 1);
    case 'Home':
      return toCorner ? cell(0, 0) : cell(at.row, 0);
    case 'End':
      return toCorner ? cell(bounds.lastRow, bounds.lastCol) : cell(at.row, bounds.lastCol);
    case 'PageUp':
      return cell(at.row - Math.max(1, bounds.pageRows), at.col);
    case 'PageDown':
      return cell(at.row + Math.max(1, bounds.pageRows), at.col);
    default:
      return null;
  }
}
