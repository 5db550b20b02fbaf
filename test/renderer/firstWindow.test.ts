import { describe, expect, it, vi } from 'vitest';
import type { GridWindow } from '../../src/shared/bridge';
import { FIRST_WINDOW_ROWS, followFirstWindow, type WindowState } from '../../src/renderer/src/pages/useFirstWindow';
import { bridgeFailure, deferred, fakeBridge } from './fakeBridge';

describe('a page’s first window of rows', () => {
  it('reads the first 100 rows, and reads again when its resource changes but not another', async () => {
    const bridge = fakeBridge();
    let total = 1;
    bridge.handle('students.query', () => ({ rows: [{ id: 's1' }], total }));
    const seen: WindowState[] = [];
    const stop = followFirstWindow(bridge, 'students', (s) => seen.push(s));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(bridge.calls[0]).toEqual({ name: 'students.query', input: { offset: 0, limit: FIRST_WINDOW_ROWS } });

    bridge.emit('data:changed', { resource: 'courses' });
    total = 2;
    bridge.emit('data:changed', { resource: 'students', ids: ['s2'] });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]).toEqual({ status: 'ready', window: { rows: [{ id: 's1' }], total: 2 } });
    expect(bridge.calls).toHaveLength(2);
    stop();
  });

  it('answers a burst of changes during a read with one more read, not one per change', async () => {
    const bridge = fakeBridge();
    const answers = [deferred<GridWindow>(), deferred<GridWindow>()];
    let call = 0;
    bridge.handle('enrollments.query', () => answers[call++]!.promise);
    const seen: WindowState[] = [];
    followFirstWindow(bridge, 'enrollments', (s) => seen.push(s));
    for (let i = 0; i < 5; i += 1) bridge.emit('data:changed', { resource: 'enrollments' });
    answers[0]!.resolve({ rows: [], total: 10 });
    await vi.waitFor(() => expect(call).toBe(2));
    answers[1]!.resolve({ rows: [], total: 50 });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ status: 'ready', window: { rows: [], total: 50 } }));
    expect(call).toBe(2);
  });

  it('says why the rows could not be read', async () => {
    const bridge = fakeBridge();
    bridge.handle('groups.query', () => {
      throw bridgeFailure('validation', 'Unknown column');
    });
    const seen: WindowState[] = [];
    followFirstWindow(bridge, 'groups', (s) => seen.push(s));
    await vi.waitFor(() => expect(seen).toEqual([{ status: 'failed', error: { code: 'validation', message: 'Unknown column' } }]));
  });

  it('reports nothing after the page has gone', async () => {
    const bridge = fakeBridge();
    const answer = deferred<GridWindow>();
    bridge.handle('users.query', () => answer.promise);
    const seen: WindowState[] = [];
    const stop = followFirstWindow(bridge, 'users', (s) => seen.push(s));
    stop();
    answer.resolve({ rows: [], total: 0 });
    await answer.promise;
    expect(seen).toEqual([]);
    expect(bridge.listenerCount('data:changed')).toBe(0);
  });
});
