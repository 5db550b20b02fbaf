// Where the grid's cells sit, in CSS pixels: rows all of one height; the selection column first,
// then the shown columns at their widths. Pinned columns (and the selection column) stick to the
// left edge while the rest scroll under them, so each pinned one needs its offset from that edge.
import type { PlacedColumn } from './columnLayout';

/** Every row is this tall, the header row too, so the scroll height is known before a row is read. */
export const ROW_HEIGHT = 32;

/** The selection column: a row's checkbox, its open-details button and the mark of its edit. */
export const ROW_HEADER_WIDTH = 84;

export interface GridGeometry {
  /** For CSS grid-template-columns. */
  template: string;
  /** The whole row's width. */
  width: number;
  /** By grid column (0 is the selection column): its left edge and width. */
  lefts: number[];
  widths: number[];
  /** Grid columns 0..stuck-1 stick to the left: the selection column and the pinned ones. */
  stuck: number;
  /** How much of the left edge the stuck columns cover. */
  stuckWidth: number;
}

/** The geometry of `placed`, with `live` widths (a resize being dragged) over the layout's. */
export function gridGeometry(placed: readonly PlacedColumn[], live: Readonly<Record<string, number>> = {}): GridGeometry {
  const widths = [ROW_HEADER_WIDTH, ...placed.map((p) => live[p.column.key] ?? p.width)];
  const lefts: number[] = [];
  let x = 0;
  for (const w of widths) {
    lefts.push(x);
    x += w;
  }
  const stuck = 1 + placed.filter((p) => p.pinned).length;
  return { template: widths.map((w) => `${w}px`).join(' '), width: x, lefts, widths, stuck, stuckWidth: lefts[stuck] ?? x };
}

/**
 * Where among the shown columns a header dragged from place `from` to `x` (from the row's left edge)
 * ends up: before the first column whose middle lies right of `x`.
 */
export function dropPlace(geometry: GridGeometry, from: number, x: number): number {
  const columns = geometry.widths.length - 1;
  let gap = columns;
  for (let col = 1; col <= columns; col += 1) {
    if (x < geometry.lefts[col]! + geometry.widths[col]! / 2) {
      gap = col - 1;
      break;
    }
  }
  // The gaps after the dragged column close up once it is taken out.
  return gap > from ? gap - 1 : gap;
}

/**
 * The scroll position that shows grid column `col` whole beside the stuck columns, or null when it
 * already shows (or is itself stuck).
 */
export function scrollLeftToShow(geometry: GridGeometry, col: number, scrollLeft: number, viewWidth: number): number | null {
  if (col < geometry.stuck) return null;
  const left = geometry.lefts[col] ?? 0;
  const right = left + (geometry.widths[col] ?? 0);
  if (left < scrollLeft + geometry.stuckWidth) return Math.max(0, left - geometry.stuckWidth);
  if (right > scrollLeft + viewWidth) return Math.min(left - geometry.stuckWidth, right - viewWidth);
  return null;
}
