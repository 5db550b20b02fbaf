// The column chooser's view of a grid's layout: every column the resource offers, the shown ones
// first in the order the grid shows them (pinned ones leading), then the hidden ones in their
// default order. The changes themselves are the grid's own (grid/columnLayout.ts), so a column
// moved here lands exactly where a drag in the grid would put it.
import type { ColumnLayout } from '../../../shared/bridge';
import { moveColumn, placeColumns } from '../grid/columnLayout';
import type { GridColumn } from '../grid/gridColumns';

export interface ChooserColumn {
  column: GridColumn;
  hidden: boolean;
  pinned: boolean;
  /** Place among the shown columns, or -1 for a hidden one. */
  place: number;
}

export function chooserColumns(columns: readonly GridColumn[], layout: ColumnLayout): ChooserColumn[] {
  const placed = placeColumns(columns, layout);
  const shown = new Set(placed.map((p) => p.column.key));
  return [
    ...placed.map((p, place) => ({ column: p.column, hidden: false, pinned: p.pinned, place })),
    ...columns.filter((c) => !shown.has(c.key)).map((column) => ({ column, hidden: true, pinned: false, place: -1 })),
  ];
}

/** How many columns the grid shows. */
export function shownCount(columns: readonly GridColumn[], layout: ColumnLayout): number {
  return placeColumns(columns, layout).length;
}

/** Moves a shown column one place left (-1) or right (+1) in the grid; past either end nothing changes. */
export function moveColumnBy(columns: readonly GridColumn[], layout: ColumnLayout, key: string, by: -1 | 1): ColumnLayout {
  const placed = placeColumns(columns, layout);
  const from = placed.findIndex((p) => p.column.key === key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= placed.length) return layout;
  return moveColumn(columns, layout, key, to);
}

/**
 * The layout as the back end keeps it (at most 100 keys a list, keys of up to 64 characters,
 * widths of 20–2000 pixels), so a stray value never makes the save fail.
 */
export function savableLayout(layout: ColumnLayout): ColumnLayout {
  const keys = (list: string[]) => [...new Set(list)].filter((k) => k.length > 0 && k.length <= 64).slice(0, 100);
  const widths: Record<string, number> = {};
  for (const [key, width] of Object.entries(layout.widths)) {
    if (key.length > 0 && key.length <= 64 && Number.isFinite(width)) widths[key] = Math.min(2000, Math.max(20, Math.round(width)));
  }
  return { order: keys(layout.order), hidden: keys(layout.hidden), pinned: keys(layout.pinned), widths };
}
