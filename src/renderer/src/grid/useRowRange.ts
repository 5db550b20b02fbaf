// Which records of the grid's list are rendered: the ones in view in its scroller and a few either
// side. Every row is the same height, so this is arithmetic on the scroll position and nothing is
// kept per record: a general virtualizer (@tanstack/react-virtual, used before) keeps a position
// for each, a million of them for a million records, rebuilt whenever the count changes.
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface RowLayout {
  rowHeight: number;
  /** The sticky header row above the first record, inside the same scroller. */
  headerHeight: number;
  /** Records rendered beyond each edge of the view, so a small scroll shows no gap. */
  overscan: number;
}

export interface RowRange {
  /** The records rendered, first..last (from 0); last < first when there are none. */
  first: number;
  last: number;
}

/** A scroll with no scroll event for this long has stopped. */
const SETTLED_MS = 150;

interface View {
  scrollTop: number;
  viewHeight: number;
}

/** The positions of the first and last record in view, before the list's own ends are taken into account. */
function inView({ scrollTop, viewHeight }: View, { rowHeight, headerHeight }: RowLayout): [number, number] {
  // Record i spans headerHeight + i * rowHeight up to where the next one starts.
  return [Math.floor((scrollTop - headerHeight) / rowHeight), Math.ceil((scrollTop + viewHeight - headerHeight) / rowHeight) - 1];
}

/** The records to render with the scroller at `scrollTop` showing `viewHeight` pixels. */
export function rowRangeAt(scrollTop: number, viewHeight: number, total: number, layout: RowLayout): RowRange {
  if (total <= 0 || viewHeight <= 0) return { first: 0, last: -1 };
  // The browser stops a scroll at the end of the list (of one that just got shorter, too).
  const top = Math.max(0, Math.min(scrollTop, layout.headerHeight + total * layout.rowHeight - viewHeight));
  const [first, last] = inView({ scrollTop: top, viewHeight }, layout);
  return { first: Math.max(0, first - layout.overscan), last: Math.min(total - 1, Math.max(0, last) + layout.overscan) };
}

/** Where to scroll so record `index` shows whole below the header, or null when it already does. */
export function scrollTopToShow(index: number, scrollTop: number, viewHeight: number, layout: RowLayout): number | null {
  const top = index * layout.rowHeight;
  const bottom = layout.headerHeight + top + layout.rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewHeight) return bottom - viewHeight;
  return null;
}

export interface RowRangeState extends RowRange {
  /** The scroll position as of the last render: exact once a scroll has stopped. */
  scrollTop: number;
  viewHeight: number;
  /** The height of what scrolls: the header row and every record's row. */
  totalHeight: number;
  scrollToTop(): void;
  /** Scrolls as little as shows record `index` whole below the header. */
  scrollToRow(index: number): void;
}

export function useRowRange(scroller: RefObject<HTMLElement | null>, total: number, layout: RowLayout): RowRangeState {
  const { rowHeight, headerHeight, overscan } = layout;
  const [view, setView] = useState<View>({ scrollTop: 0, viewHeight: 0 });
  // What the last render was given; compared outside React, so a scroll within the same rows costs nothing.
  const given = useRef(view);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const rows = { rowHeight, headerHeight, overscan };
    const read = (): View => ({ scrollTop: element.scrollTop, viewHeight: element.clientHeight });
    const give = (next: View) => {
      given.current = next;
      setView(next);
    };
    const exactly = () => {
      const next = read();
      if (next.scrollTop !== given.current.scrollTop || next.viewHeight !== given.current.viewHeight) give(next);
    };
    let settling: ReturnType<typeof setTimeout> | undefined;
    // While scrolling, a render only when other records come into view, and before the frame is
    // painted, so no empty space shows where they belong. Once the scroll has stopped, one more
    // with the exact position, for what is placed under a cell (an edit's popover).
    const onScroll = () => {
      const next = read();
      const [first, last] = inView(next, rows);
      const [wasFirst, wasLast] = inView(given.current, rows);
      if (first !== wasFirst || last !== wasLast || next.viewHeight !== given.current.viewHeight) flushSync(() => give(next));
      clearTimeout(settling);
      settling = setTimeout(exactly, SETTLED_MS);
    };
    exactly();
    element.addEventListener('scroll', onScroll, { passive: true });
    const resized = new ResizeObserver(exactly);
    resized.observe(element);
    return () => {
      clearTimeout(settling);
      element.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, [scroller, rowHeight, headerHeight, overscan]);

  const scrolling = useMemo(
    () => ({
      scrollToTop: () => {
        if (scroller.current) scroller.current.scrollTop = 0;
      },
      scrollToRow: (index: number) => {
        const element = scroller.current;
        if (!element) return;
        const to = scrollTopToShow(index, element.scrollTop, element.clientHeight, { rowHeight, headerHeight, overscan });
        if (to !== null) element.scrollTop = to;
      },
    }),
    [scroller, rowHeight, headerHeight, overscan],
  );

  return { ...rowRangeAt(view.scrollTop, view.viewHeight, total, layout), ...view, totalHeight: headerHeight + total * rowHeight, ...scrolling };
}
