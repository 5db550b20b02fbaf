import { describe, expect, it, vi } from 'vitest';
import { createStores } from '../../src/renderer/src/state/createStores';
import type { NetworkEvents } from '../../src/renderer/src/state/createConnectionStore';
import { appState, demoAccount, syncStatus } from './fixtures';
import { fakeBridge } from './fakeBridge';

const network: NetworkEvents = { navigator: { onLine: true }, addEventListener: () => {}, removeEventListener: () => {} };

describe('the stores together', () => {
  it('start the first sync as soon as the demo organisation opens', async () => {
    const bridge = fakeBridge();
    bridge.handle('demo.open', () => appState({ accounts: [demoAccount], current: demoAccount }));
    bridge.handle('sync.status', () => syncStatus());
    bridge.handle('sync.start', () => syncStatus({ running: true }));
    bridge.handle('outbox.summary', () => ({ counts: { pending: 0, sending: 0, unknown: 0, rejected: 0, conflict: 0, ambiguous: 0, waiting: 0, stuck: 0, total: 0 } }));
    const stores = createStores(bridge, network);
    await stores.app.getState().openDemo();
    await vi.waitFor(() => expect(stores.sync.getState().status?.running).toBe(true));
    expect(bridge.calls.map((c) => c.name).filter((n) => n !== 'outbox.summary')).toEqual(['demo.open', 'sync.status', 'sync.start']);
  });

  it('show the open account’s outbox, kept current by outbox:changed', async () => {
    const bridge = fakeBridge();
    const counts = (pending: number) => ({ pending, sending: 0, unknown: 0, rejected: 0, conflict: 0, ambiguous: 0, waiting: 0, stuck: 0, total: pending });
    bridge.handle('demo.open', () => appState({ accounts: [demoAccount], current: demoAccount }));
    bridge.handle('sync.status', () => syncStatus({ lastOutcome: 'complete', lastCompleteAt: '2026-02-02T00:00:00Z' }));
    bridge.handle('outbox.summary', () => ({ counts: counts(2) }));
    const stores = createStores(bridge, network);
    await stores.app.getState().openDemo();
    await vi.waitFor(() => expect(stores.outbox.getState().summary?.counts.pending).toBe(2));
    bridge.emit('outbox:changed', { counts: counts(0) });
    expect(stores.outbox.getState().summary?.counts.total).toBe(0);
  });

  it('show the newly opened account’s sync, not the previous one’s', async () => {
    const bridge = fakeBridge();
    const other = { name: 'Acme', baseUrl: 'https://acme.enlight.io', demo: false };
    bridge.handle('accounts.open', () => appState({ accounts: [demoAccount, other], current: other }));
    bridge.handle('sync.status', () => syncStatus({ lastOutcome: 'complete', lastCompleteAt: '2026-02-02T00:00:00Z' }));
    const stores = createStores(bridge, network);
    bridge.emit('app:state', appState({ accounts: [demoAccount, other], current: demoAccount }));
    bridge.emit('sync:progress', { resources: [], rateLimitWaits: 3, rateLimitWaitedMs: 100 });
    await stores.app.getState().openAccount('Acme');
    expect(stores.sync.getState().progress).toBeNull();
    await vi.waitFor(() => expect(stores.sync.getState().status?.lastCompleteAt).toBe('2026-02-02T00:00:00Z'));
    expect(bridge.calls.some((c) => c.name === 'sync.start')).toBe(false);
  });
});
