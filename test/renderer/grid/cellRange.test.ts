import { describe, expect, it } from 'vitest';
import { clampRange, rangeBetween, rangeColumns, rangeRows } from '../../../src/renderer/src/grid/cellRange';

describe('a range of cells', () => {
  it('spans from where Shift+arrows started to the active cell, whichever way they went', () => {
    const range = rangeBetween({ row: 9, col: 4 }, { row: 3, col: 2 });
    expect(range).toEqual({ top: 3, bottom: 9, left: 2, right: 4 });
    expect(rangeRows(range)).toBe(7);
    expect(rangeColumns(range)).toBe(3);
  });

  it('is the active cell alone without an anchor, and never covers the header or the checkboxes', () => {
    expect(rangeBetween(null, { row: 4, col: 2 })).toEqual({ top: 4, bottom: 4, left: 2, right: 2 });
    expect(rangeBetween({ row: 0, col: 0 }, { row: 2, col: 3 })).toEqual({ top: 1, bottom: 2, left: 1, right: 3 });
  });

  it('shrinks with the list and the shown columns', () => {
    expect(clampRange({ top: 5, bottom: 40, left: 2, right: 9 }, 20, 6)).toEqual({ top: 5, bottom: 20, left: 2, right: 6 });
  });
});
