// Theme and language: read from the back end on start, changed here at once (so the screen answers
// the click), then saved with settings.set; if saving fails the old value comes back with the error.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BridgeFailure, EnlightBridge, Settings } from '../../../shared/bridge';
import { toFailure } from './toFailure';

export interface SettingsState {
  settings: Settings;
  loaded: boolean;
  error: BridgeFailure | null;
  load(): Promise<void>;
  change(patch: Partial<Settings>): Promise<void>;
}

export const DEFAULT_SETTINGS: Settings = { theme: 'system', language: 'en' };

export function createSettingsStore(bridge: EnlightBridge): StoreApi<SettingsState> {
  return createStore<SettingsState>()((set, get) => ({
    settings: DEFAULT_SETTINGS,
    loaded: false,
    error: null,
    load: async () => {
      try {
        set({ settings: await bridge.invoke('settings.get', {}), loaded: true, error: null });
      } catch (e) {
        // The app still works in its defaults; the error is shown where settings are changed.
        set({ loaded: true, error: toFailure(e) });
      }
    },
    change: async (patch) => {
      const before = get().settings;
      set({ settings: { ...before, ...patch }, error: null });
      try {
        set({ settings: await bridge.invoke('settings.set', patch) });
      } catch (e) {
        set({ settings: before, error: toFailure(e) });
      }
    },
  }));
}
