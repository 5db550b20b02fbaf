import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/renderer/src/state/createAppStore';
import { appState, demoAccount } from './fixtures';
import { bridgeFailure, deferred, fakeBridge } from './fakeBridge';

describe('the app store', () => {
  it('starts on the first-run state the back end reports, keychain warning included', async () => {
    const bridge = fakeBridge();
    bridge.handle('app.state', () => appState({ keychain: false, keychainWarning: 'No Secret Service' }));
    const store = createAppStore(bridge);
    await store.getState().load();
    expect(store.getState().app).toMatchObject({ current: null, keychain: false, keychainWarning: 'No Secret Service' });
  });

  it('keeps the server’s reason when an account’s key is refused, and saves nothing', async () => {
    const bridge = fakeBridge();
    bridge.handle('accounts.add', () => {
      throw bridgeFailure('auth', 'GET /api/v1/users answered 401: the API key was refused.');
    });
    const store = createAppStore(bridge);
    const added = await store.getState().addAccount({ name: 'Acme', baseUrl: 'https://acme.enlight.io', apiKey: 'wrong' });
    expect(added).toBe(false);
    expect(store.getState().failure).toEqual({ action: 'add', error: { code: 'auth', message: 'GET /api/v1/users answered 401: the API key was refused.' } });
    expect(store.getState().busy).toBeNull();
    expect(store.getState().app).toBeNull();
  });

  it('shows the added account once the key checked out, and forgets the earlier failure', async () => {
    const bridge = fakeBridge();
    const acme = { name: 'Acme', baseUrl: 'https://acme.enlight.io', demo: false };
    let attempts = 0;
    bridge.handle('accounts.add', () => {
      attempts += 1;
      if (attempts === 1) throw bridgeFailure('network', 'Could not connect to acme.enlight.io.');
      return appState({ accounts: [acme], current: acme });
    });
    const store = createAppStore(bridge);
    await store.getState().addAccount({ name: 'Acme', baseUrl: 'https://acme.enlight.io', apiKey: 'k' });
    expect(await store.getState().addAccount({ name: 'Acme', baseUrl: 'https://acme.enlight.io', apiKey: 'k' })).toBe(true);
    expect(store.getState().app?.current).toEqual(acme);
    expect(store.getState().failure).toBeNull();
  });

  it('ignores a second click while the first action is still under way', async () => {
    const bridge = fakeBridge();
    const answer = deferred<ReturnType<typeof appState>>();
    bridge.handle('demo.open', () => answer.promise);
    const store = createAppStore(bridge);
    const first = store.getState().openDemo();
    expect(store.getState().busy).toBe('demo');
    expect(await store.getState().openDemo()).toBe(false);
    answer.resolve(appState({ accounts: [demoAccount], current: demoAccount }));
    expect(await first).toBe(true);
    expect(bridge.calls.filter((c) => c.name === 'demo.open')).toHaveLength(1);
    expect(store.getState().app?.current?.demo).toBe(true);
  });

  it('follows app:state pushed by the back end, and stops listening when disposed', () => {
    const bridge = fakeBridge();
    const store = createAppStore(bridge);
    bridge.emit('app:state', appState({ accounts: [demoAccount], current: demoAccount }));
    expect(store.getState().app?.current?.name).toBe('Example');
    store.getState().dispose();
    expect(bridge.listenerCount('app:state')).toBe(0);
  });

  it('reports a back end it cannot reach instead of hanging on the loading screen', async () => {
    const bridge = fakeBridge();
    bridge.handle('app.state', () => {
      throw new Error('fetch failed');
    });
    const store = createAppStore(bridge);
    await store.getState().load();
    expect(store.getState().loadError).toEqual({ code: 'other', message: 'fetch failed' });
  });
});
