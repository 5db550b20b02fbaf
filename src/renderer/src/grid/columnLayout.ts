// A grid's columns as a person arranged them (saved per account): which show, in what order, how
// wide, which are pinned to the left. Keys the resource no longer has are ignored, and columns new
// since the layout was saved take their default place, so an old layout never hides a new column
// by accident or breaks the grid. An extra column (hiddenByDefault) shows once a person has placed
// it in the order (showColumn does), and not before.
//
// The changes below always write the whole order of the shown columns, so that a column shown
// later is placed where it was put, not ahead of the columns the layout never mentioned.
import type { ColumnLayout } from '../../../shared/bridge';
import type { GridColumn } from './gridColumns';

export const DEFAULT_LAYOUT: ColumnLayout = { order: [], hidden: [], widths: {}, pinned: [] };

/** The narrowest and widest a person can make a column (the layout's schema allows 20..2000). */
export const MIN_WIDTH = 48;
export const MAX_WIDTH = 1000;

export interface PlacedColumn {
  column: GridColumn;
  /** In CSS pixels: the person's, else the column's default. */
  width: number;
  pinned: boolean;
}

/** The columns to show, pinned ones first (in their pin order), then the rest in the layout's order. */
export function placeColumns(columns: readonly GridColumn[], layout: ColumnLayout): PlacedColumn[] {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const ordered: GridColumn[] = [];
  const placed = new Set<string>();
  for (const key of layout.order) {
    const c = byKey.get(key);
    if (c && !placed.has(key)) {
      ordered.push(c);
      placed.add(key);
    }
  }
  for (const c of columns) if (!placed.has(c.key) && !c.hiddenByDefault) ordered.push(c);
  const hidden = new Set(layout.hidden);
  const shown = ordered.filter((c) => !hidden.has(c.key));
  const pinnedKeys = new Set(layout.pinned);
  const pinned = layout.pinned.map((k) => shown.find((c) => c.key === k)).filter((c): c is GridColumn => c !== undefined);
  const rest = shown.filter((c) => !pinnedKeys.has(c.key));
  return [...pinned, ...rest].map((column) => ({ column, width: clampWidth(layout.widths[column.key] ?? column.width), pinned: pinnedKeys.has(column.key) }));
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
}

const shownKeys = (columns: readonly GridColumn[], layout: ColumnLayout): string[] => placeColumns(columns, layout).map((p) => p.column.key);

/** Shows a column (an extra one, or one hidden before) at the end of the shown ones. */
export function showColumn(columns: readonly GridColumn[], layout: ColumnLayout, key: string): ColumnLayout {
  const order = shownKeys(columns, layout).filter((k) => k !== key);
  return { ...layout, order: [...order, key], hidden: layout.hidden.filter((k) => k !== key) };
}

export function hideColumn(columns: readonly GridColumn[], layout: ColumnLayout, key: string): ColumnLayout {
  return { ...layout, order: shownKeys(columns, layout), hidden: [...layout.hidden.filter((k) => k !== key), key], pinned: layout.pinned.filter((k) => k !== key) };
}

/**
 * Moves a shown column to `index` among the shown columns. Pinned columns stay first: a column
 * moved among them is pinned there, one moved past them is unpinned.
 */
export function moveColumn(columns: readonly GridColumn[], layout: ColumnLayout, key: string, index: number): ColumnLayout {
  const placed = placeColumns(columns, layout);
  const from = placed.findIndex((p) => p.column.key === key);
  if (from < 0) return layout;
  const keys = placed.map((p) => p.column.key);
  keys.splice(from, 1);
  const to = Math.max(0, Math.min(keys.length, index));
  keys.splice(to, 0, key);
  const pinnedCount = placed.filter((p) => p.pinned).length;
  const wasPinned = placed[from]!.pinned;
  // The pinned block keeps its size, less one when its column leaves it and plus one when one joins.
  const pinnedAfter = wasPinned ? (to < pinnedCount ? pinnedCount : pinnedCount - 1) : to < pinnedCount ? pinnedCount + 1 : pinnedCount;
  return { ...layout, order: keys, pinned: keys.slice(0, pinnedAfter) };
}

export function pinColumn(columns: readonly GridColumn[], layout: ColumnLayout, key: string, pinned: boolean): ColumnLayout {
  const order = shownKeys(columns, layout);
  const pins = layout.pinned.filter((k) => k !== key && order.includes(k));
  return { ...layout, order, pinned: pinned ? [...pins, key] : pins };
}

export function resizeColumn(layout: ColumnLayout, key: string, width: number): ColumnLayout {
  return { ...layout, widths: { ...layout.widths, [key]: clampWidth(width) } };
}
