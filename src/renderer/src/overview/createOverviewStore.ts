// The Overview's figures for the open account, narrowed by the page's filters. The back end counts
// them from the local copy, so this works offline; the store asks again whenever the copy changes
// (a sync page, a local edit, the outbox moving, a sync ending). Those events come in bursts (one
// per sync page), so asks are coalesced: one runs, and at most one more after it with the latest filters.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeFailure, EnlightBridge, Overview, OverviewFilters } from '../../../shared/bridge';
import { coalesced } from '../state/coalesced';
import { toFailure } from '../state/toFailure';

export interface OverviewState {
  filters: OverviewFilters;
  overview: Overview | null;
  /** The filters `overview` was counted with; differs from `filters` while a new count is on its way. */
  countedWith: OverviewFilters | null;
  failure: BridgeFailure | null;
  setFilters(filters: OverviewFilters): void;
  refresh(): Promise<void>;
  /** Listens for changes and counts at once; returns the function that stops listening. */
  listen(): () => void;
}

export function createOverviewStore(bridge: EnlightBridge, filters: OverviewFilters = {}): StoreApi<OverviewState> {
  return createStore<OverviewState>()((set, get) => {
    const count = coalesced(async () => {
      const asked = get().filters;
      try {
        const overview = await bridge.invoke('overview.get', asked);
        // Filters changed while this count ran: its answer is for a page no longer shown, and the
        // coalesced run after it brings the right one.
        if (get().filters === asked) set({ overview, countedWith: asked, failure: null });
      } catch (e) {
        if (get().filters === asked) set({ failure: toFailure(e) });
      }
    });

    return {
      filters,
      overview: null,
      countedWith: null,
      failure: null,
      setFilters: (next) => {
        set({ filters: next });
        void count();
      },
      refresh: count,
      listen: () => {
        const offs = [
          bridge.on('data:changed', () => void count()),
          bridge.on('outbox:changed', () => void count()),
          bridge.on('sync:status', (status) => {
            if (!status.running) void count();
          }),
        ];
        void count();
        return () => offs.forEach((off) => off());
      },
    };
  });
}
