import { describe, expect, it } from 'vitest';
import { rowRangeAt, scrollTopToShow } from '../../../src/renderer/src/grid/useRowRange';

// The grid's own: 32 px rows under a 32 px sticky header, 8 records beyond each edge of the view.
const layout = { rowHeight: 32, headerHeight: 32, overscan: 8 };

describe('the records a grid renders', () => {
  it('are the ones in view and a few either side, none before the first', () => {
    // 800 px at the top: the header, then records 0..23 (record 24 starts at the bottom edge).
    expect(rowRangeAt(0, 800, 1_000_000, layout)).toEqual({ first: 0, last: 31 });
    // Scrolled by half a record: record 24 peeks in at the bottom.
    expect(rowRangeAt(16, 800, 1_000_000, layout)).toEqual({ first: 0, last: 32 });
    // Deep in the list: record 10,000 at the top edge (behind the header), 10,024 at the bottom.
    expect(rowRangeAt(32 + 10_000 * 32, 800, 1_000_000, layout)).toEqual({ first: 9_992, last: 10_032 });
  });

  it('end at the last record, also while the scroll position still points past a list that just got shorter', () => {
    const bottom = 32 + 1_000_000 * 32 - 800;
    expect(rowRangeAt(bottom, 800, 1_000_000, layout)).toEqual({ first: 999_967, last: 999_999 });
    expect(rowRangeAt(bottom, 800, 50, layout)).toEqual({ first: 17, last: 49 });
    expect(rowRangeAt(0, 800, 5, layout)).toEqual({ first: 0, last: 4 });
  });

  it('are none in an empty list or before the scroller has a height', () => {
    expect(rowRangeAt(0, 800, 0, layout)).toEqual({ first: 0, last: -1 });
    expect(rowRangeAt(0, 0, 1_000, layout)).toEqual({ first: 0, last: -1 });
  });
});

describe('scrolling a record into view', () => {
  it('scrolls as little as shows it whole below the header, and not at all when it shows', () => {
    // At the top, records 0..23 show whole.
    expect(scrollTopToShow(5, 0, 800, layout)).toBeNull();
    expect(scrollTopToShow(23, 0, 800, layout)).toBeNull();
    // Record 24 ends 32 px below the bottom edge: scroll just that far.
    expect(scrollTopToShow(24, 0, 800, layout)).toBe(32);
    // Above the view: to just under the header.
    expect(scrollTopToShow(100, 32 * 200, 800, layout)).toBe(32 * 100);
  });
});
