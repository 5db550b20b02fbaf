// The first rows of a resource and its total, read with <resource>.query and read again when the
// back end says that resource changed.
import { useEffect, useState } from 'react';
import type { BridgeFailure, EnlightBridge, GridResource, GridWindow } from '../../../shared/bridge';
import { coalesced } from '../state/coalesced';
import { toFailure } from '../state/toFailure';

export const FIRST_WINDOW_ROWS = 100;

export type WindowState = { status: 'loading' } | { status: 'ready'; window: GridWindow } | { status: 'failed'; error: BridgeFailure };

/** Keeps `onWindow` fed with the first window of `resource`; returns a function that stops it. */
export function followFirstWindow(bridge: EnlightBridge, resource: GridResource, onWindow: (state: WindowState) => void): () => void {
  let stopped = false;
  const read = coalesced(async () => {
    try {
      const window = await bridge.invoke(`${resource}.query`, { offset: 0, limit: FIRST_WINDOW_ROWS });
      if (!stopped) onWindow({ status: 'ready', window });
    } catch (e) {
      if (!stopped) onWindow({ status: 'failed', error: toFailure(e) });
    }
  });

  const offData = bridge.on('data:changed', (change) => {
    if (change.resource === resource) void read();
  });
  void read();
  return () => {
    stopped = true;
    offData();
  };
}

export function useFirstWindow(bridge: EnlightBridge, resource: GridResource): WindowState {
  const [state, setState] = useState<WindowState>({ status: 'loading' });
  useEffect(() => followFirstWindow(bridge, resource, setState), [bridge, resource]);
  return state;
}
