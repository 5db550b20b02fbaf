// The grid's keyboard: the WAI-ARIA grid pattern for moving, and a spreadsheet's keys for the rest.
// Row 0 is the header row; rows 1..lastRow are the records, so a position's row is its
// aria-rowindex less one. Column 0 holds each row's selection checkbox; the record's fields follow.
//
//   Arrows, Home/End, PageUp/PageDown   move the active cell (Ctrl or Cmd: to the edge / the corner)
//   Shift + any of those                extend the range of cells from where it started
//   Enter, F2, or typing                edit the active cell (typing replaces its value); Backspace edits it empty
//   Delete                              empty the cells of the range
//   Space, Shift+Space                  select or unselect the active row; on the header, every matching row
//   Ctrl+A                              select every row that matches the filter
//   Ctrl+Enter                          open the active row's details
//   Ctrl+C, Ctrl+V, Ctrl+D              copy the range, paste a block, fill the range down from its top row
//   Ctrl+Z, Ctrl+Y or Ctrl+Shift+Z      undo, redo the last local edit
//   Alt+Shift+ArrowLeft/ArrowRight      make the active column narrower or wider
//   Shift+F10 or the context-menu key   the active cell's edit state: the server's message, retry, discard, or a conflict's choices
//   Tab                                 leaves the grid (it is one tab stop); while editing, saves and moves right

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
  shiftKey?: boolean;
  altKey?: boolean;
}

/** What a key asks of the grid, before the grid decides whether it can (a read-only cell, say). */
export type GridCommand =
  | { kind: 'move'; to: CellPosition }
  | { kind: 'extend'; to: CellPosition }
  | { kind: 'edit'; text?: string }
  | { kind: 'clear' }
  | { kind: 'toggleRow' }
  | { kind: 'toggleAll' }
  | { kind: 'selectAll' }
  | { kind: 'sort' }
  | { kind: 'open' }
  | { kind: 'copy' }
  | { kind: 'fill' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'resize'; delta: number }
  | { kind: 'menu' };

/** How many pixels Alt+Shift+Arrow widens or narrows a column. */
export const RESIZE_STEP = 16;

const clamp = (n: number, low: number, high: number): number => Math.min(high, Math.max(low, n));

/** Where `press` moves the active cell from `at`, or null when the key is not a grid movement. */
export function nextCell(press: KeyPress, at: CellPosition, bounds: GridBounds): CellPosition | null {
  // Ctrl on Windows and Linux, Cmd on macOS: to the edge (arrows), to the very first/last cell (Home/End).
  const far = press.ctrlKey === true || press.metaKey === true;
  const cell = (row: number, col: number): CellPosition => ({ row: clamp(row, 0, bounds.lastRow), col: clamp(col, 0, bounds.lastCol) });
  switch (press.key) {
    case 'ArrowUp':
      // As in a spreadsheet, Ctrl+Up stops at the first record before going on to the header.
      return far ? cell(at.row > 1 ? 1 : 0, at.col) : cell(at.row - 1, at.col);
    case 'ArrowDown':
      return far ? cell(bounds.lastRow, at.col) : cell(at.row + 1, at.col);
    case 'ArrowLeft':
      return far ? cell(at.row, at.col > 1 ? 1 : 0) : cell(at.row, at.col - 1);
    case 'ArrowRight':
      return far ? cell(at.row, bounds.lastCol) : cell(at.row, at.col + 1);
    case 'Home':
      return far ? cell(0, 0) : cell(at.row, 0);
    case 'End':
      return far ? cell(bounds.lastRow, bounds.lastCol) : cell(at.row, bounds.lastCol);
    case 'PageUp':
      return cell(at.row - Math.max(1, bounds.pageRows), at.col);
    case 'PageDown':
      return cell(at.row + Math.max(1, bounds.pageRows), at.col);
    default:
      return null;
  }
}

/** The command `press` gives on the active cell `at`, or null when the grid leaves the key alone. */
export function gridCommand(press: KeyPress, at: CellPosition, bounds: GridBounds): GridCommand | null {
  const mod = press.ctrlKey === true || press.metaKey === true;
  const shift = press.shiftKey === true;
  const alt = press.altKey === true;
  const onHeader = at.row === 0;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;

  if (alt && shift && !mod && (key === 'ArrowLeft' || key === 'ArrowRight')) return at.col > 0 ? { kind: 'resize', delta: key === 'ArrowLeft' ? -RESIZE_STEP : RESIZE_STEP } : null;
  if (alt) return null;
  if (key === 'F10' && shift) return { kind: 'menu' };
  if (key === 'ContextMenu') return { kind: 'menu' };

  if (mod) {
    switch (key) {
      case 'a':
        return { kind: 'selectAll' };
      case 'c':
        return { kind: 'copy' };
      case 'd':
        return onHeader ? null : { kind: 'fill' };
      case 'z':
        return shift ? { kind: 'redo' } : { kind: 'undo' };
      case 'y':
        return { kind: 'redo' };
      case 'Enter':
        return onHeader ? null : { kind: 'open' };
    }
  }

  const to = nextCell(press, at, bounds);
  if (to) return shift && !onHeader && to.row > 0 ? { kind: 'extend', to } : { kind: 'move', to };
  if (mod) return null;

  if (onHeader) {
    if (key === 'Enter' || key === ' ') return at.col === 0 ? { kind: 'toggleAll' } : { kind: 'sort' };
    return null;
  }
  if (key === ' ') return { kind: 'toggleRow' };
  if (at.col === 0) return key === 'Enter' ? { kind: 'toggleRow' } : null;
  if (key === 'Enter' || key === 'F2') return { kind: 'edit' };
  if (key === 'Backspace') return { kind: 'edit', text: '' };
  if (key === 'Delete') return { kind: 'clear' };
  // A printable character starts editing with it, replacing the cell's value.
  if ([...press.key].length === 1) return { kind: 'edit', text: press.key };
  return null;
}
