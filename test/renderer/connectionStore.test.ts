import { describe, expect, it } from 'vitest';
import { createConnectionStore, type NetworkEvents } from '../../src/renderer/src/state/createConnectionStore';
import { fakeBridge } from './fakeBridge';

function fakeNetwork(onLine: boolean) {
  const listeners = new Set<() => void>();
  const network: NetworkEvents & { set(up: boolean): void; listeners: Set<() => void> } = {
    navigator: { onLine },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    set(up) {
      network.navigator.onLine = up;
      for (const l of listeners) l();
    },
    listeners,
  };
  return network;
}

describe('the connection store', () => {
  it('is offline when the computer has no network, whatever the back end last said', () => {
    const network = fakeNetwork(true);
    const store = createConnectionStore(fakeBridge(), network);
    expect(store.getState().online).toBe(true);
    network.set(false);
    expect(store.getState().online).toBe(false);
    network.set(true);
    expect(store.getState().online).toBe(true);
  });

  it('is offline when the back end cannot reach the server, even with a network', () => {
    const bridge = fakeBridge();
    const store = createConnectionStore(bridge, fakeNetwork(true));
    bridge.emit('connection:changed', { online: false });
    expect(store.getState().online).toBe(false);
    bridge.emit('connection:changed', { online: true });
    expect(store.getState().online).toBe(true);
  });

  it('asks the back end to try the server at once when the network comes back while it was unreachable', () => {
    const bridge = fakeBridge();
    bridge.handle('connection.check', () => ({ online: false }));
    const network = fakeNetwork(true);
    createConnectionStore(bridge, network);
    // A network coming back while the server answered all along asks nothing.
    network.set(false);
    network.set(true);
    expect(bridge.calls.map((c) => c.name)).toEqual([]);

    bridge.emit('connection:changed', { online: false });
    network.set(false);
    expect(bridge.calls.map((c) => c.name)).toEqual([]);
    network.set(true);
    expect(bridge.calls.map((c) => c.name)).toEqual(['connection.check']);
  });

  it('starts offline when the computer starts without a network', () => {
    expect(createConnectionStore(fakeBridge(), fakeNetwork(false)).getState().online).toBe(false);
  });

  it('stops listening when disposed', () => {
    const bridge = fakeBridge();
    const network = fakeNetwork(true);
    createConnectionStore(bridge, network).getState().dispose();
    expect(network.listeners.size).toBe(0);
    expect(bridge.listenerCount('connection:changed')).toBe(0);
  });
});
