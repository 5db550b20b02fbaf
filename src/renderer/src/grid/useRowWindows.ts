// One grid query's rows for a component, re-rendering it as windows arrive.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BridgeFailure, EnlightBridge, GridResource } from '../../../shared/bridge';
import { followRowWindows, queryRowWindows, type RowQuery } from './queryRowWindows';
import type { RowWindows } from './RowWindows';

export interface RowWindowsState {
  windows: RowWindows;
  /** The record count; while a new sort or search is read, the previous one, so the grid keeps its size. */
  total: number | null;
  failure: BridgeFailure | null;
}

export function useRowWindows(bridge: EnlightBridge, resource: GridResource, query: RowQuery): RowWindowsState {
  const [, setVersion] = useState(0);
  const lastTotal = useRef<number | null>(null);
  // The query arrives as a new object each render; its content decides whether it is a new list.
  const queryKey = JSON.stringify({ sort: query.sort, search: query.search.trim(), filters: query.filters ?? [] });
  const windows = useMemo(() => queryRowWindows(bridge, resource, JSON.parse(queryKey) as RowQuery, () => setVersion((v) => v + 1)), [bridge, resource, queryKey]);
  useEffect(() => followRowWindows(bridge, resource, windows), [bridge, resource, windows]);

  if (windows.total !== null) lastTotal.current = windows.total;
  return { windows, total: windows.total ?? lastTotal.current, failure: windows.failure };
}
