// Online means both: this computer has a network (navigator.onLine) and the back end can reach the
// Enlight server (`connection:changed`). Either one alone would show "online" on a dead line.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EnlightBridge } from '../../../shared/bridge';

export interface ConnectionState {
  networkUp: boolean;
  serverReachable: boolean;
  online: boolean;
  dispose(): void;
}

/** The part of `window` the store listens to, so tests can hand in their own. */
export interface NetworkEvents {
  navigator: { onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

export function createConnectionStore(bridge: EnlightBridge, network: NetworkEvents): StoreApi<ConnectionState> {
  return createStore<ConnectionState>()((set, get) => {
    const update = (patch: Partial<Pick<ConnectionState, 'networkUp' | 'serverReachable'>>) => {
      const next = { networkUp: get().networkUp, serverReachable: get().serverReachable, ...patch };
      set({ ...next, online: next.networkUp && next.serverReachable });
    };
    const onNetwork = () => {
      update({ networkUp: network.navigator.onLine });
      // The network is back and the server was not reachable: the back end asks it now rather
      // than at its next try, up to half a minute away (ReconnectWatch.ts).
      if (network.navigator.onLine && !get().serverReachable) void bridge.invoke('connection.check', {}).catch(() => {});
    };
    network.addEventListener('online', onNetwork);
    network.addEventListener('offline', onNetwork);
    const offServer = bridge.on('connection:changed', ({ online }) => update({ serverReachable: online }));
    const networkUp = network.navigator.onLine;
    return {
      networkUp,
      // Until the back end says otherwise, assume it can reach the server: a false "offline" on start is worse.
      serverReachable: true,
      online: networkUp,
      dispose: () => {
        network.removeEventListener('online', onNetwork);
        network.removeEventListener('offline', onNetwork);
        offServer();
      },
    };
  });
}
