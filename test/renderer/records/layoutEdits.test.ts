import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, hideColumn, pinColumn, placeColumns, showColumn } from '../../../src/renderer/src/grid/columnLayout';
import { GRID_COLUMNS } from '../../../src/renderer/src/grid/gridColumns';
import { chooserColumns, moveColumnBy, savableLayout, shownCount } from '../../../src/renderer/src/records/layoutEdits';

const columns = GRID_COLUMNS.students;
const shown = (layout = DEFAULT_LAYOUT) => placeColumns(columns, layout).map((p) => p.column.key);

describe('the column chooser', () => {
  it('lists every column: the shown ones in grid order, then the hidden ones', () => {
    const listed = chooserColumns(columns, DEFAULT_LAYOUT);
    expect(listed.map((c) => c.column.key).sort()).toEqual(columns.map((c) => c.key).sort());
    expect(listed.filter((c) => !c.hidden).map((c) => c.column.key)).toEqual(shown());
    const firstHidden = listed.findIndex((c) => c.hidden);
    expect(listed.slice(firstHidden).every((c) => c.hidden)).toBe(true);
  });

  it('moves a column one place at a time, and not past either end', () => {
    const [first, second] = shown();
    const moved = moveColumnBy(columns, DEFAULT_LAYOUT, second!, -1);
    expect(shown(moved).slice(0, 2)).toEqual([second, first]);
    expect(moveColumnBy(columns, DEFAULT_LAYOUT, first!, -1)).toBe(DEFAULT_LAYOUT);
    const last = shown().at(-1)!;
    expect(moveColumnBy(columns, DEFAULT_LAYOUT, last, 1)).toBe(DEFAULT_LAYOUT);
  });

  it('shows pinned columns first and marks them, and a hidden one leaves the count', () => {
    const email = 'email';
    const pinned = pinColumn(columns, DEFAULT_LAYOUT, email, true);
    expect(chooserColumns(columns, pinned)[0]).toMatchObject({ column: { key: email }, pinned: true, hidden: false, place: 0 });
    const hidden = hideColumn(columns, DEFAULT_LAYOUT, email);
    expect(shownCount(columns, hidden)).toBe(shown().length - 1);
    expect(chooserColumns(columns, hidden).find((c) => c.column.key === email)).toMatchObject({ hidden: true, place: -1 });
    expect(shown(showColumn(columns, hidden, email))).toContain(email);
  });
});

describe('a layout to save', () => {
  it('keeps within the limits the back end accepts', () => {
    const saved = savableLayout({ order: ['a', 'a', 'x'.repeat(65), 'b'], hidden: [], pinned: ['b', 'b'], widths: { a: 5, b: 9000, c: 120.4, d: Number.NaN } });
    expect(saved).toEqual({ order: ['a', 'b'], hidden: [], pinned: ['b'], widths: { a: 20, b: 2000, c: 120 } });
  });
});
