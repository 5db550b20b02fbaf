// All of the renderer's stores over one bridge, and the one rule that joins them: when the window
// shows a different account, the sync bar follows it, and an account never synced starts syncing.
import type { StoreApi } from 'zustand/vanilla';
import type { EnlightBridge } from '../../../shared/bridge';
import { createAppStore, type AppStoreState } from './createAppStore';
import { createConnectionStore, type ConnectionState, type NetworkEvents } from './createConnectionStore';
import { createOutboxStore, type OutboxState } from './createOutboxStore';
import { createSettingsStore, type SettingsState } from './createSettingsStore';
import { createSyncStore, type SyncState } from './createSyncStore';

export interface Stores {
  app: StoreApi<AppStoreState>;
  sync: StoreApi<SyncState>;
  settings: StoreApi<SettingsState>;
  connection: StoreApi<ConnectionState>;
  outbox: StoreApi<OutboxState>;
  /** Reads everything the first screen needs. */
  start(): Promise<void>;
  dispose(): void;
}

export function createStores(bridge: EnlightBridge, network: NetworkEvents): Stores {
  const app = createAppStore(bridge);
  const sync = createSyncStore(bridge);
  const settings = createSettingsStore(bridge);
  const connection = createConnectionStore(bridge, network);
  const outbox = createOutboxStore(bridge);

  let shown: string | null = null;
  const unfollow = app.subscribe(({ app: state }) => {
    const current = state?.current?.name ?? null;
    if (current === shown) return;
    shown = current;
    sync.getState().reset();
    // Each account has its own outbox.
    void outbox.getState().refresh().catch(() => {});
    if (current !== null) void sync.getState().startIfNeverSynced();
  });

  return {
    app,
    sync,
    settings,
    connection,
    outbox,
    start: async () => {
      await Promise.all([settings.getState().load(), app.getState().load()]);
    },
    dispose: () => {
      unfollow();
      app.getState().dispose();
      sync.getState().dispose();
      connection.getState().dispose();
      outbox.getState().dispose();
    },
  };
}
