// React access to the stores: a component re-renders only when what its selector picks changes.
import { useStore } from 'zustand';
import type { AppStoreState } from './createAppStore';
import type { ConnectionState } from './createConnectionStore';
import type { OutboxState } from './createOutboxStore';
import type { SettingsState } from './createSettingsStore';
import type { SyncState } from './createSyncStore';
import { stores } from './stores';

export const useApp = <T,>(select: (s: AppStoreState) => T): T => useStore(stores.app, select);
export const useSync = <T,>(select: (s: SyncState) => T): T => useStore(stores.sync, select);
export const useSettings = <T,>(select: (s: SettingsState) => T): T => useStore(stores.settings, select);
export const useConnection = <T,>(select: (s: ConnectionState) => T): T => useStore(stores.connection, select);
export const useOutbox = <T,>(select: (s: OutboxState) => T): T => useStore(stores.outbox, select);
