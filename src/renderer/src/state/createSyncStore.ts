// The current account's sync: its status from sync.status and `sync:status`, and the live figures
// from `sync:progress`. The last pass's figures stay after it ends, so the bar can still say what
// was fetched.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeFailure, EnlightBridge, SyncStatus } from '../../../shared/bridge';
import type { SyncProgress } from '../../../shared/syncProgress';
import { coalesced, REFRESH_PACE } from './coalesced';
import { toFailure } from './toFailure';

export interface SyncState {
  status: SyncStatus | null;
  progress: SyncProgress | null;
  stopping: boolean;
  failure: { action: 'start' | 'stop'; error: BridgeFailure } | null;
  load(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Starts a sync if this account has never finished one and none is running: a new account is
   * empty until then, and a first sync stopped part-way (the app was quit, or Stop pressed) carries
   * on. One that failed waits for the person (a refused key needs them).
   */
  startIfNeverSynced(): Promise<void>;
  /** Forgets the previous account's figures (on switching accounts). */
  reset(): void;
  dispose(): void;
}

export function createSyncStore(bridge: EnlightBridge): StoreApi<SyncState> {
  return createStore<SyncState>()((set, get) => {
    const applyStatus = (status: SyncStatus) =>
      set((s) => ({
        status,
        progress: status.progress ?? s.progress,
        stopping: status.running ? s.stopping : false,
      }));
    const offStatus = bridge.on('sync:status', applyStatus);
    const offProgress = bridge.on('sync:progress', (progress) => set({ progress }));
    // The record counts move with every page a sync writes (and every edit); only sync.status has them.
    const refreshCounts = coalesced(async () => {
      try {
        const { counts } = await bridge.invoke('sync.status', {});
        set((s) => (s.status ? { status: { ...s.status, counts } } : {}));
      } catch {
        // Counts are a convenience; the next change or status event brings them again.
      }
    }, REFRESH_PACE);
    const offData = bridge.on('data:changed', () => void refreshCounts());

    return {
      status: null,
      progress: null,
      stopping: false,
      failure: null,
      load: async () => {
        try {
          applyStatus(await bridge.invoke('sync.status', {}));
        } catch (e) {
          set({ failure: { action: 'start', error: toFailure(e) } });
        }
      },
      start: async () => {
        if (get().status?.running) return;
        set({ failure: null, progress: null });
        try {
          applyStatus(await bridge.invoke('sync.start', {}));
        } catch (e) {
          set({ failure: { action: 'start', error: toFailure(e) } });
        }
      },
      stop: async () => {
        set({ stopping: true, failure: null });
        try {
          applyStatus(await bridge.invoke('sync.stop', {}));
        } catch (e) {
          set({ stopping: false, failure: { action: 'stop', error: toFailure(e) } });
        }
      },
      startIfNeverSynced: async () => {
        await get().load();
        const status = get().status;
        if (status && !status.running && status.lastCompleteAt === null && (status.lastOutcome === null || status.lastOutcome === 'stopped')) await get().start();
      },
      reset: () => set({ status: null, progress: null, stopping: false, failure: null }),
      dispose: () => {
        offStatus();
        offProgress();
        offData();
      },
    };
  });
}
