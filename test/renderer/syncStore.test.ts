import { describe, expect, it, vi } from 'vitest';
import type { SyncProgress } from '../../src/shared/syncProgress';
import { createSyncStore } from '../../src/renderer/src/state/createSyncStore';
import { syncStatus } from './fixtures';
import { bridgeFailure, fakeBridge } from './fakeBridge';

const progress = (records: number): SyncProgress => ({
  resources: [{ resource: 'students', phase: 'listing', pages: 2, records, requests: 2, expected: 1000, etaSeconds: 12 }],
  rateLimitWaits: 1,
  rateLimitWaitedMs: 1500,
});

describe('the sync store', () => {
  it('shows live progress as it is pushed, and keeps the last figures when the sync ends', () => {
    const bridge = fakeBridge();
    const store = createSyncStore(bridge);
    bridge.emit('sync:status', syncStatus({ running: true }));
    bridge.emit('sync:progress', progress(100));
    bridge.emit('sync:progress', progress(200));
    expect(store.getState().progress?.resources[0]?.records).toBe(200);
    bridge.emit('sync:status', syncStatus({ running: false, lastOutcome: 'complete', lastCompleteAt: '2026-01-01T00:00:00Z' }));
    expect(store.getState().status?.running).toBe(false);
    expect(store.getState().progress?.resources[0]?.records).toBe(200);
  });

  it('starts a sync and clears the previous pass’s figures', async () => {
    const bridge = fakeBridge();
    bridge.handle('sync.start', () => syncStatus({ running: true }));
    const store = createSyncStore(bridge);
    bridge.emit('sync:progress', progress(500));
    await store.getState().start();
    expect(store.getState().status?.running).toBe(true);
    expect(store.getState().progress).toBeNull();
  });

  it('does not ask for a second sync while one runs', async () => {
    const bridge = fakeBridge();
    bridge.handle('sync.start', () => syncStatus({ running: true }));
    const store = createSyncStore(bridge);
    bridge.emit('sync:status', syncStatus({ running: true }));
    await store.getState().start();
    expect(bridge.calls).toEqual([]);
  });

  it('says it is stopping until the back end reports the sync ended', async () => {
    const bridge = fakeBridge();
    bridge.handle('sync.stop', () => syncStatus({ running: true }));
    const store = createSyncStore(bridge);
    bridge.emit('sync:status', syncStatus({ running: true }));
    await store.getState().stop();
    expect(store.getState().stopping).toBe(true);
    bridge.emit('sync:status', syncStatus({ running: false, lastOutcome: 'stopped' }));
    expect(store.getState().stopping).toBe(false);
  });

  it('keeps the reason a sync could not start', async () => {
    const bridge = fakeBridge();
    bridge.handle('sync.start', () => {
      throw bridgeFailure('network', 'Could not reach the server.');
    });
    const store = createSyncStore(bridge);
    await store.getState().start();
    expect(store.getState().failure).toEqual({ action: 'start', error: { code: 'network', message: 'Could not reach the server.' } });
  });

  it('starts the first sync of a never-synced account, carries on one stopped part-way, but not after one that failed or finished', async () => {
    const cases = [
      { status: syncStatus(), starts: true },
      // The app was quit (or Stop pressed) before the first sync ended: the copy is partial.
      { status: syncStatus({ lastOutcome: 'stopped' }), starts: true },
      { status: syncStatus({ lastOutcome: 'stopped', lastCompleteAt: '2026-01-01T00:00:00Z' }), starts: false },
      { status: syncStatus({ lastOutcome: 'failed' }), starts: false },
      { status: syncStatus({ lastOutcome: 'partial' }), starts: false },
      { status: syncStatus({ lastOutcome: 'complete', lastCompleteAt: '2026-01-01T00:00:00Z' }), starts: false },
      { status: syncStatus({ running: true }), starts: false },
    ];
    for (const { status, starts } of cases) {
      const bridge = fakeBridge();
      bridge.handle('sync.status', () => status);
      bridge.handle('sync.start', () => syncStatus({ running: true }));
      await createSyncStore(bridge).getState().startIfNeverSynced();
      expect(bridge.calls.some((c) => c.name === 'sync.start'), JSON.stringify(status)).toBe(starts);
    }
  });

  it('keeps the record counts current while a sync writes pages', async () => {
    const bridge = fakeBridge();
    let students = 0;
    bridge.handle('sync.status', () => syncStatus({ running: true, counts: { courses: 0, students, enrollments: 0, groups: 0, users: 0 } }));
    const store = createSyncStore(bridge);
    await store.getState().load();
    students = 250;
    bridge.emit('data:changed', { resource: 'students', ids: ['a'] });
    await vi.waitFor(() => expect(store.getState().status?.counts.students).toBe(250));
    expect(store.getState().status?.running).toBe(true);
  });
});
