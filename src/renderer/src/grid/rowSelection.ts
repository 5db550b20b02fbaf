// Which rows a person has selected in a grid. "Select all" is a query, not a list of loaded rows:
// it means every row matching the grid's filter and search, less the ones unticked since, so it
// works across windows the renderer never read.
import type { GridQueryInput, Selection } from '../../../shared/bridge';

export type RowSelection = { kind: 'ids'; ids: ReadonlySet<string> } | { kind: 'all'; except: ReadonlySet<string> };

export const NO_SELECTION: RowSelection = { kind: 'ids', ids: new Set() };

export function isSelected(selection: RowSelection, id: string): boolean {
  return selection.kind === 'ids' ? selection.ids.has(id) : !selection.except.has(id);
}

/** How many rows are selected, given how many match the grid's query. */
export function selectedCount(selection: RowSelection, total: number): number {
  return selection.kind === 'ids' ? selection.ids.size : Math.max(0, total - selection.except.size);
}

export function toggleRow(selection: RowSelection, id: string): RowSelection {
  const flip = (set: ReadonlySet<string>) => {
    const next = new Set(set);
    if (!next.delete(id)) next.add(id);
    return next;
  };
  return selection.kind === 'ids' ? { kind: 'ids', ids: flip(selection.ids) } : { kind: 'all', except: flip(selection.except) };
}

/** The selection as the back end takes it, or null when nothing is selected. */
export function toSelectionInput(selection: RowSelection, query: Pick<GridQueryInput, 'filters' | 'search'>): Selection | null {
  if (selection.kind === 'ids') return selection.ids.size > 0 ? { ids: [...selection.ids] } : null;
  return { query: { filters: query.filters, search: query.search }, except: [...selection.except] };
}
