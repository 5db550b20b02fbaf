// A grid query over the bridge: the RowWindows that read `<resource>.query` with its sort and
// search, and the subscription that reads the visible windows again when that resource changes.
import type { EnlightBridge, GridQueryInput, GridResource } from '../../../shared/bridge';
import { RowWindows } from './RowWindows';

export interface RowQuery {
  sort: { column: string; desc: boolean }[];
  search: string;
}

export function queryRowWindows(bridge: EnlightBridge, resource: GridResource, query: RowQuery, onChange: () => void): RowWindows {
  const search = query.search.trim();
  const sort = query.sort.map((s) => ({ ...s }));
  return new RowWindows((offset, limit) => {
    const input: GridQueryInput = { offset, limit };
    if (sort.length > 0) input.sort = sort;
    if (search !== '') input.search = search;
    return bridge.invoke(`${resource}.query`, input);
  }, onChange);
}

/** Starts reading, and keeps the windows fresh until the returned function is called. */
export function followRowWindows(bridge: EnlightBridge, resource: GridResource, windows: RowWindows): () => void {
  windows.start();
  // Many change events arrive during a sync; RowWindows.refresh reads once more at most per burst.
  const offData = bridge.on('data:changed', (change) => {
    if (change.resource === resource) void windows.refresh();
  });
  return () => {
    offData();
    windows.stop();
  };
}
