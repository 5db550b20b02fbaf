// The Overview's figures follow the local copy: counted again after a sync page, an edit or the
// outbox moving, once per burst, and never shown for filters the page no longer has.
import { describe, expect, it, vi } from 'vitest';
import type { Overview, OverviewFilters, SyncStatus } from '../../../src/shared/bridge';
import { createOverviewStore } from '../../../src/renderer/src/overview/createOverviewStore';
import { filtersFromOverviewHash, overviewHash } from '../../../src/renderer/src/overview/overviewHash';
import { isBareHash } from '../../../src/renderer/src/overview/isBareHash';
import { bridgeFailure, deferred, fakeBridge } from '../fakeBridge';
import { overviewFixture } from './overviewFixture';

const counted = (n: number): Overview => ({ ...overviewFixture(), outbox: { pending: n, rejected: 0, conflict: 0 } });
const status = (running: boolean): SyncStatus => ({
  running,
  progress: null,
  lastCompleteAt: running ? null : '2025-06-04T09:00:00.000Z',
  lastOutcome: running ? null : 'complete',
  lastErrors: [],
  counts: { courses: 0, students: 0, enrollments: 0, groups: 0, users: 0 },
});

describe('the overview store', () => {
  it('counts on listening, and again after data, outbox and a finished sync change the copy', async () => {
    const bridge = fakeBridge();
    let answers = 0;
    bridge.handle('overview.get', () => counted(++answers));
    const store = createOverviewStore(bridge);
    const stop = store.getState().listen();
    await vi.waitFor(() => expect(store.getState().overview?.outbox.pending).toBe(1));

    bridge.emit('data:changed', { resource: 'enrollments', ids: ['e1'] });
    await vi.waitFor(() => expect(store.getState().overview?.outbox.pending).toBe(2));
    bridge.emit('outbox:changed', { counts: { pending: 1, sending: 0, unknown: 0, rejected: 0, conflict: 0, ambiguous: 0, waiting: 0, stuck: 0, total: 1 } });
    await vi.waitFor(() => expect(store.getState().overview?.outbox.pending).toBe(3));
    // A sync starting is no change yet; its end is.
    bridge.emit('sync:status', status(true));
    bridge.emit('sync:status', status(false));
    await vi.waitFor(() => expect(store.getState().overview?.outbox.pending).toBe(4));
    expect(answers).toBe(4);

    stop();
    for (const event of ['data:changed', 'outbox:changed', 'sync:status'] as const) expect(bridge.listenerCount(event)).toBe(0);
  });

  it('counts a burst of changes once more after the count under way, not once per change', async () => {
    const bridge = fakeBridge();
    const first = deferred<Overview>();
    const asked: number[] = [];
    bridge.handle('overview.get', () => {
      asked.push(asked.length);
      return asked.length === 1 ? first.promise : counted(asked.length);
    });
    const store = createOverviewStore(bridge);
    store.getState().listen();
    for (let page = 0; page < 20; page += 1) bridge.emit('data:changed', { resource: 'students' });
    first.resolve(counted(1));
    await vi.waitFor(() => expect(store.getState().overview?.outbox.pending).toBe(2));
    expect(asked).toHaveLength(2);
  });

  it('asks with the page’s filters, and drops an answer for filters changed meanwhile', async () => {
    const bridge = fakeBridge();
    const slow = deferred<Overview>();
    const inputs: OverviewFilters[] = [];
    bridge.handle('overview.get', (input) => {
      inputs.push(input);
      return inputs.length === 1 ? slow.promise : counted(100);
    });
    const store = createOverviewStore(bridge, { groupId: 'g1' });
    store.getState().listen();
    store.getState().setFilters({ courseId: 'c2' });
    const seen: (number | undefined)[] = [];
    store.subscribe((s) => seen.push(s.overview?.outbox.pending));
    slow.resolve(counted(1));
    await vi.waitFor(() => expect(store.getState().overview).not.toBeNull());
    expect(inputs).toEqual([{ groupId: 'g1' }, { courseId: 'c2' }]);
    expect(store.getState().overview?.outbox.pending).toBe(100);
    expect(store.getState().countedWith).toEqual({ courseId: 'c2' });
    // The answer for the group's page was never shown.
    expect(seen).not.toContain(1);
  });

  it('keeps the last figures and says why when a count fails, and clears the failure when one works', async () => {
    const bridge = fakeBridge();
    let fail = false;
    bridge.handle('overview.get', () => {
      if (fail) throw bridgeFailure('other', 'The local copy could not be read: disk full.');
      return counted(1);
    });
    const store = createOverviewStore(bridge);
    await store.getState().refresh();
    fail = true;
    await store.getState().refresh();
    expect(store.getState().failure).toEqual({ code: 'other', message: 'The local copy could not be read: disk full.' });
    expect(store.getState().overview?.outbox.pending).toBe(1);
    fail = false;
    await store.getState().refresh();
    expect(store.getState().failure).toBeNull();
  });
});

describe('the overview’s address', () => {
  it('carries the page filters there and back', () => {
    expect(overviewHash({})).toBe('#/overview');
    const filters = { groupId: 'g 1', instructorId: 'u/2', courseId: 'c&3' };
    expect(filtersFromOverviewHash(overviewHash(filters))).toEqual(filters);
    expect(filtersFromOverviewHash('#/overview?courseId=c9&other=x')).toEqual({ courseId: 'c9' });
  });

  it('ignores filters that are not ids', () => {
    expect(filtersFromOverviewHash('#/overview')).toEqual({});
    expect(filtersFromOverviewHash(`#/overview?groupId=${'x'.repeat(201)}`)).toEqual({});
  });

  it('lands on the overview only when the app opened on no screen', () => {
    for (const bare of ['', '#', '#/']) expect(isBareHash(bare)).toBe(true);
    for (const chosen of ['#/students', '#/overview', '#/settings']) expect(isBareHash(chosen)).toBe(false);
  });
});
