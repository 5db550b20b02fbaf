import { describe, expect, it } from 'vitest';
import { nextCell } from '../../../src/renderer/src/grid/gridKeys';

// 250 records under a header row, 6 columns, 20 rows a page.
const bounds = { lastRow: 250, lastCol: 5, pageRows: 20 };

describe('moving the active cell with the keyboard', () => {
  it('steps one cell with the arrows and stops at the edges', () => {
    expect(nextCell({ key: 'ArrowDown' }, { row: 3, col: 2 }, bounds)).toEqual({ row: 4, col: 2 });
    expect(nextCell({ key: 'ArrowUp' }, { row: 1, col: 2 }, bounds)).toEqual({ row: 0, col: 2 });
    expect(nextCell({ key: 'ArrowUp' }, { row: 0, col: 2 }, bounds)).toEqual({ row: 0, col: 2 });
    expect(nextCell({ key: 'ArrowRight' }, { row: 3, col: 5 }, bounds)).toEqual({ row: 3, col: 5 });
    expect(nextCell({ key: 'ArrowLeft' }, { row: 3, col: 0 }, bounds)).toEqual({ row: 3, col: 0 });
    expect(nextCell({ key: 'ArrowDown' }, { row: 250, col: 0 }, bounds)).toEqual({ row: 250, col: 0 });
  });

  it('goes to the ends of the row with Home and End, and of the grid with Ctrl or Cmd', () => {
    expect(nextCell({ key: 'Home' }, { row: 7, col: 4 }, bounds)).toEqual({ row: 7, col: 0 });
    expect(nextCell({ key: 'End' }, { row: 7, col: 1 }, bounds)).toEqual({ row: 7, col: 5 });
    expect(nextCell({ key: 'End', ctrlKey: true }, { row: 7, col: 1 }, bounds)).toEqual({ row: 250, col: 5 });
    expect(nextCell({ key: 'Home', metaKey: true }, { row: 7, col: 4 }, bounds)).toEqual({ row: 0, col: 0 });
  });

  it('moves a page at a time, stopping at the header and the last record', () => {
    expect(nextCell({ key: 'PageDown' }, { row: 5, col: 3 }, bounds)).toEqual({ row: 25, col: 3 });
    expect(nextCell({ key: 'PageDown' }, { row: 240, col: 3 }, bounds)).toEqual({ row: 250, col: 3 });
    expect(nextCell({ key: 'PageUp' }, { row: 5, col: 3 }, bounds)).toEqual({ row: 0, col: 3 });
  });

  it('stays on the header row of an empty grid, and ignores keys that are not movements', () => {
    expect(nextCell({ key: 'ArrowDown' }, { row: 0, col: 0 }, { lastRow: 0, lastCol: 2, pageRows: 20 })).toEqual({ row: 0, col: 0 });
    expect(nextCell({ key: 'a' }, { row: 3, col: 3 }, bounds)).toBeNull();
    expect(nextCell({ key: 'Tab' }, { row: 3, col: 3 }, bounds)).toBeNull();
  });
});
