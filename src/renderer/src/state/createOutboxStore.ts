// The outbox panel's numbers: read from the back end, and kept current by `outbox:changed`.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EnlightBridge, OutboxSummary } from '../../../shared/bridge';

export interface OutboxState {
  summary: OutboxSummary | null;
  sending: boolean;
  refresh(): Promise<void>;
  /** Sends what can be sent now. */
  sendNow(): Promise<void>;
  dispose(): void;
}

export function createOutboxStore(bridge: EnlightBridge): StoreApi<OutboxState> {
  return createStore<OutboxState>()((set, get) => {
    const off = bridge.on('outbox:changed', (summary) => set({ summary }));
    return {
      summary: null,
      sending: false,
      refresh: async () => {
        set({ summary: await bridge.invoke('outbox.summary', {}) });
      },
      sendNow: async () => {
        if (get().sending) return;
        set({ sending: true });
        try {
          set({ summary: await bridge.invoke('outbox.push', {}) });
        } finally {
          set({ sending: false });
        }
      },
      dispose: off,
    };
  });
}
