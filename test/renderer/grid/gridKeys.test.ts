import { describe, expect, it } from 'vitest';
import { gridCommand, nextCell, RESIZE_STEP } from '../../../src/renderer/src/grid/gridKeys';

// 250 records under a header row; the checkbox column and 5 fields; 20 rows a page.
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

  it('jumps to the edge of the data with Ctrl or Cmd and an arrow, stopping at the first record and field', () => {
    expect(nextCell({ key: 'ArrowDown', ctrlKey: true }, { row: 3, col: 2 }, bounds)).toEqual({ row: 250, col: 2 });
    expect(nextCell({ key: 'ArrowUp', metaKey: true }, { row: 90, col: 2 }, bounds)).toEqual({ row: 1, col: 2 });
    expect(nextCell({ key: 'ArrowUp', ctrlKey: true }, { row: 1, col: 2 }, bounds)).toEqual({ row: 0, col: 2 });
    expect(nextCell({ key: 'ArrowRight', ctrlKey: true }, { row: 3, col: 1 }, bounds)).toEqual({ row: 3, col: 5 });
    expect(nextCell({ key: 'ArrowLeft', ctrlKey: true }, { row: 3, col: 4 }, bounds)).toEqual({ row: 3, col: 1 });
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

describe('what a key asks of the grid', () => {
  const cell = { row: 4, col: 2 };

  it('extends a range with Shift and a movement key, but moves on the header row', () => {
    expect(gridCommand({ key: 'ArrowDown', shiftKey: true }, cell, bounds)).toEqual({ kind: 'extend', to: { row: 5, col: 2 } });
    expect(gridCommand({ key: 'End', shiftKey: true, ctrlKey: true }, cell, bounds)).toEqual({ kind: 'extend', to: { row: 250, col: 5 } });
    expect(gridCommand({ key: 'ArrowDown' }, cell, bounds)).toEqual({ kind: 'move', to: { row: 5, col: 2 } });
    expect(gridCommand({ key: 'ArrowRight', shiftKey: true }, { row: 0, col: 2 }, bounds)).toEqual({ kind: 'move', to: { row: 0, col: 3 } });
  });

  it('edits with Enter, F2 or a typed character (which replaces the value), and empties with Delete', () => {
    expect(gridCommand({ key: 'Enter' }, cell, bounds)).toEqual({ kind: 'edit' });
    expect(gridCommand({ key: 'F2' }, cell, bounds)).toEqual({ kind: 'edit' });
    expect(gridCommand({ key: 'J', shiftKey: true }, cell, bounds)).toEqual({ kind: 'edit', text: 'J' });
    expect(gridCommand({ key: '陳' }, cell, bounds)).toEqual({ kind: 'edit', text: '陳' });
    expect(gridCommand({ key: 'Backspace' }, cell, bounds)).toEqual({ kind: 'edit', text: '' });
    expect(gridCommand({ key: 'Delete' }, cell, bounds)).toEqual({ kind: 'clear' });
  });

  it('selects the row with Space or Shift+Space, and every matching row with Ctrl+A', () => {
    expect(gridCommand({ key: ' ' }, cell, bounds)).toEqual({ kind: 'toggleRow' });
    expect(gridCommand({ key: ' ', shiftKey: true }, cell, bounds)).toEqual({ kind: 'toggleRow' });
    expect(gridCommand({ key: 'Enter' }, { row: 4, col: 0 }, bounds)).toEqual({ kind: 'toggleRow' });
    expect(gridCommand({ key: 'a', ctrlKey: true }, cell, bounds)).toEqual({ kind: 'selectAll' });
    expect(gridCommand({ key: ' ' }, { row: 0, col: 0 }, bounds)).toEqual({ kind: 'toggleAll' });
  });

  it('sorts with Enter or Space on a header, and opens a row’s details with Ctrl+Enter', () => {
    expect(gridCommand({ key: 'Enter' }, { row: 0, col: 3 }, bounds)).toEqual({ kind: 'sort' });
    expect(gridCommand({ key: ' ' }, { row: 0, col: 3 }, bounds)).toEqual({ kind: 'sort' });
    expect(gridCommand({ key: 'Enter', ctrlKey: true }, cell, bounds)).toEqual({ kind: 'open' });
    expect(gridCommand({ key: 'Enter', metaKey: true }, { row: 0, col: 3 }, bounds)).toBeNull();
  });

  it('copies, fills down, undoes and redoes with the spreadsheet keys, leaving Ctrl+V to the paste event', () => {
    expect(gridCommand({ key: 'c', ctrlKey: true }, cell, bounds)).toEqual({ kind: 'copy' });
    expect(gridCommand({ key: 'd', ctrlKey: true }, cell, bounds)).toEqual({ kind: 'fill' });
    expect(gridCommand({ key: 'z', ctrlKey: true }, cell, bounds)).toEqual({ kind: 'undo' });
    expect(gridCommand({ key: 'Z', ctrlKey: true, shiftKey: true }, cell, bounds)).toEqual({ kind: 'redo' });
    expect(gridCommand({ key: 'y', metaKey: true }, cell, bounds)).toEqual({ kind: 'redo' });
    expect(gridCommand({ key: 'v', ctrlKey: true }, cell, bounds)).toBeNull();
  });

  it('resizes the active column with Alt+Shift+arrows, and opens a cell’s edit state with Shift+F10', () => {
    expect(gridCommand({ key: 'ArrowRight', altKey: true, shiftKey: true }, cell, bounds)).toEqual({ kind: 'resize', delta: RESIZE_STEP });
    expect(gridCommand({ key: 'ArrowLeft', altKey: true, shiftKey: true }, { row: 0, col: 2 }, bounds)).toEqual({ kind: 'resize', delta: -RESIZE_STEP });
    expect(gridCommand({ key: 'ArrowLeft', altKey: true, shiftKey: true }, { row: 3, col: 0 }, bounds)).toBeNull();
    expect(gridCommand({ key: 'F10', shiftKey: true }, cell, bounds)).toEqual({ kind: 'menu' });
    expect(gridCommand({ key: 'ContextMenu' }, cell, bounds)).toEqual({ kind: 'menu' });
  });

  it('leaves Tab, Escape and Alt combinations to the browser', () => {
    expect(gridCommand({ key: 'Tab' }, cell, bounds)).toBeNull();
    expect(gridCommand({ key: 'Escape' }, cell, bounds)).toBeNull();
    expect(gridCommand({ key: 'ArrowLeft', altKey: true }, cell, bounds)).toBeNull();
    expect(gridCommand({ key: 'a' }, { row: 0, col: 2 }, bounds)).toBeNull();
  });
});
