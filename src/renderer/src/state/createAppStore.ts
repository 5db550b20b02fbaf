// Which accounts exist and which one the window shows. The back end owns this state; the store
// mirrors it from call results and from `app:state`, and remembers what the screens need around
// it: which action is under way, and what went wrong with it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState, BridgeFailure, CallInput, EnlightBridge } from '../../../shared/bridge';
import { toFailure } from './toFailure';

export type AppAction = 'demo' | 'add' | 'open';

export interface AppStoreState {
  app: AppState | null;
  /** Why app.state could not be read at all. */
  loadError: BridgeFailure | null;
  busy: AppAction | null;
  /** The last failed action and why; cleared when another starts. */
  failure: { action: AppAction; error: BridgeFailure } | null;
  load(): Promise<void>;
  /** True when the account was checked, saved and opened. */
  addAccount(input: CallInput<'accounts.add'>): Promise<boolean>;
  openDemo(): Promise<boolean>;
  openAccount(name: string): Promise<boolean>;
  clearFailure(): void;
  dispose(): void;
}

export function createAppStore(bridge: EnlightBridge): StoreApi<AppStoreState> {
  return createStore<AppStoreState>()((set, get) => {
    const offState = bridge.on('app:state', (app) => set({ app }));

    const run = async (action: AppAction, call: () => Promise<AppState>): Promise<boolean> => {
      // One action at a time: a second click while the first is checking a key would race it.
      if (get().busy) return false;
      set({ busy: action, failure: null });
      try {
        set({ app: await call(), busy: null });
        return true;
      } catch (e) {
        set({ busy: null, failure: { action, error: toFailure(e) } });
        return false;
      }
    };

    return {
      app: null,
      loadError: null,
      busy: null,
      failure: null,
      load: async () => {
        try {
          set({ app: await bridge.invoke('app.state', {}), loadError: null });
        } catch (e) {
          set({ loadError: toFailure(e) });
        }
      },
      addAccount: (input) => run('add', () => bridge.invoke('accounts.add', input)),
      openDemo: () => run('demo', () => bridge.invoke('demo.open', {})),
      openAccount: (name) => run('open', () => bridge.invoke('accounts.open', { name })),
      clearFailure: () => set({ failure: null }),
      dispose: offState,
    };
  });
}
