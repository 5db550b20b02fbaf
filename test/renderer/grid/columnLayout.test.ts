import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, MAX_WIDTH, MIN_WIDTH, hideColumn, moveColumn, pinColumn, placeColumns, resizeColumn, showColumn } from '../../../src/renderer/src/grid/columnLayout';
import { GRID_COLUMNS } from '../../../src/renderer/src/grid/gridColumns';
import { dropPlace, gridGeometry, ROW_HEADER_WIDTH, scrollLeftToShow } from '../../../src/renderer/src/grid/gridGeometry';

const columns = GRID_COLUMNS.students;
const keys = (layout = DEFAULT_LAYOUT) => placeColumns(columns, layout).map((p) => p.column.key);

describe('a grid’s columns as a person arranged them', () => {
  it('show the default columns, not the extra ones, until asked', () => {
    expect(keys()).toEqual(['given_name', 'family_name', 'email', 'external_id', 'locale', 'time_zone']);
    const shown = showColumn(columns, DEFAULT_LAYOUT, 'company_name');
    expect(keys(shown)).toEqual(['given_name', 'family_name', 'email', 'external_id', 'locale', 'time_zone', 'company_name']);
    expect(keys(hideColumn(columns, shown, 'email'))).toEqual(['given_name', 'family_name', 'external_id', 'locale', 'time_zone', 'company_name']);
  });

  it('ignore keys the resource no longer has, and give new columns their default place', () => {
    expect(keys({ ...DEFAULT_LAYOUT, order: ['gone', 'email', 'given_name'] })).toEqual(['email', 'given_name', 'family_name', 'external_id', 'locale', 'time_zone']);
  });

  it('move a column to a place, pinning it when it lands among the pinned ones', () => {
    const pinned = pinColumn(columns, DEFAULT_LAYOUT, 'email', true);
    expect(keys(pinned)[0]).toBe('email');
    expect(placeColumns(columns, pinned)[0]!.pinned).toBe(true);
    const moved = moveColumn(columns, pinned, 'locale', 0);
    expect(keys(moved).slice(0, 2)).toEqual(['locale', 'email']);
    expect(moved.pinned).toEqual(['locale', 'email']);
    const unpinned = moveColumn(columns, moved, 'email', 4);
    expect(unpinned.pinned).toEqual(['locale']);
    expect(keys(unpinned)).toEqual(['locale', 'given_name', 'family_name', 'external_id', 'email', 'time_zone']);
  });

  it('keep widths within what a person can read and the saved layout allows', () => {
    expect(placeColumns(columns, resizeColumn(DEFAULT_LAYOUT, 'email', 5))[2]!.width).toBe(MIN_WIDTH);
    expect(resizeColumn(DEFAULT_LAYOUT, 'email', 9999).widths['email']).toBe(MAX_WIDTH);
    expect(placeColumns(columns, DEFAULT_LAYOUT)[2]!.width).toBe(columns.find((c) => c.key === 'email')!.width);
  });
});

describe('where the columns sit', () => {
  const placed = placeColumns(columns, pinColumn(columns, DEFAULT_LAYOUT, 'given_name', true));
  const geometry = gridGeometry(placed);

  it('starts with the selection column, and sticks it and the pinned ones to the left', () => {
    expect(geometry.lefts[1]).toBe(ROW_HEADER_WIDTH);
    expect(geometry.stuck).toBe(2);
    expect(geometry.stuckWidth).toBe(ROW_HEADER_WIDTH + placed[0]!.width);
    expect(geometry.template.split(' ')).toHaveLength(placed.length + 1);
    expect(gridGeometry(placed, { email: 400 }).widths[3]).toBe(400);
  });

  it('drops a dragged header before the column whose middle is right of the pointer', () => {
    const middleOf = (col: number) => geometry.lefts[col]! + geometry.widths[col]! / 2;
    // given_name (place 0) dragged just past the middle of email (grid column 3): it lands after email.
    expect(dropPlace(geometry, 0, middleOf(3) + 1)).toBe(2);
    // email (place 2) dragged left of given_name's middle: first.
    expect(dropPlace(geometry, 2, middleOf(1) - 1)).toBe(0);
    expect(dropPlace(geometry, 2, geometry.width + 50)).toBe(placed.length - 1);
  });

  it('scrolls a column into view beside the pinned ones, and leaves a pinned or visible one alone', () => {
    expect(scrollLeftToShow(geometry, 1, 500, 600)).toBeNull();
    expect(scrollLeftToShow(geometry, 2, 0, 2000)).toBeNull();
    expect(scrollLeftToShow(geometry, 2, 400, 600)).toBe(geometry.lefts[2]! - geometry.stuckWidth);
    const last = placed.length;
    expect(scrollLeftToShow(geometry, last, 0, 600)).toBe(geometry.lefts[last]! + geometry.widths[last]! - 600);
  });
});
