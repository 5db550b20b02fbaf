// A grid query over the bridge: the RowWindows that read `<resource>.query` with its sort, search
// and filters, and the subscription that reads the visible windows again when that resource (or
// the outbox, whose states the rows carry) changes.
import type { EnlightBridge, GridQueryInput, GridResource } from '../../../shared/bridge';
import { RowWindows } from './RowWindows';

export interface RowQuery {
  sort: { column: string; desc: boolean }[];
  search: string;
  filters?: GridQueryInput['filters'];
}

export function queryRowWindows(bridge: EnlightBridge, resource: GridResource, query: RowQuery, onChange: () => void): RowWindows {
  const search = query.search.trim();
  const sort = query.sort.map((s) => ({ ...s }));
  const filters = query.filters?.map((f) => ({ ...f })) ?? [];
  return new RowWindows((offset, limit) => {
    const input: GridQueryInput = { offset, limit };
    if (sort.length > 0) input.sort = sort;
    if (search !== '') input.search = search;
    if (filters.length > 0) input.filters = filters;
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
  // A push moves edits from pending to sent, refused or in conflict without changing any record:
  // the marks on the cells come with the windows, so they are read again too.
  const offOutbox = bridge.on('outbox:changed', () => void windows.refresh());
  return () => {
    offData();
    offOutbox();
    windows.stop();
  };
}
