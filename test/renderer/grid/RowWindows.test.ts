import { describe, expect, it, vi } from 'vitest';
import type { GridQueryInput, GridWindow, RowEditState } from '../../../src/shared/bridge';
import { followRowWindows, queryRowWindows } from '../../../src/renderer/src/grid/queryRowWindows';
import { bridgeFailure, deferred, fakeBridge } from '../fakeBridge';

/** A back end holding `total` students whose ids are their positions. */
function studentsBackEnd(total: () => number) {
  const bridge = fakeBridge();
  bridge.handle('students.query', (input: GridQueryInput) => {
    const end = Math.min(total(), input.offset + input.limit);
    const rows = [];
    for (let i = input.offset; i < end; i += 1) rows.push({ id: `s${i}` });
    return { rows, total: total() };
  });
  return bridge;
}

const offsetsAsked = (bridge: ReturnType<typeof fakeBridge>) => bridge.calls.map((c) => (c.input as GridQueryInput).offset);

describe('a grid’s rows, read in windows', () => {
  it('first reads one window with the grid’s sort and search, which tells the count', async () => {
    const bridge = studentsBackEnd(() => 100_000);
    const windows = queryRowWindows(bridge, 'students', { sort: [{ column: 'family_name', desc: true }], search: '  ann ' }, () => {});
    followRowWindows(bridge, 'students', windows);
    await vi.waitFor(() => expect(windows.total).toBe(100_000));
    expect(bridge.calls).toEqual([{ name: 'students.query', input: { offset: 0, limit: 100, sort: [{ column: 'family_name', desc: true }], search: 'ann' } }]);
    expect(windows.rowAt(42)).toEqual({ id: 's42' });
  });

  it('reads the rows scrolled to, and holds only a few windows however far one scrolls', async () => {
    const bridge = studentsBackEnd(() => 100_000);
    const windows = queryRowWindows(bridge, 'students', { sort: [], search: '' }, () => {});
    followRowWindows(bridge, 'students', windows);
    await vi.waitFor(() => expect(windows.total).toBe(100_000));
    // Scrolled slowly: every stop is read, and windows far behind are forgotten.
    for (let first = 0; first < 100_000; first += 5_000) {
      windows.show(first, first + 30);
      await vi.waitFor(() => expect(windows.rowAt(first + 30)).toEqual({ id: `s${first + 30}` }));
    }
    windows.show(99_980, 99_999);
    await vi.waitFor(() => expect(windows.rowAt(99_999)).toEqual({ id: 's99999' }));
    expect(windows.rowAt(40)).toBeUndefined();
    expect(windows.heldWindows).toBeLessThanOrEqual(6);
    // Nothing was read twice, and nothing was read that was not scrolled to.
    expect(new Set(offsetsAsked(bridge)).size).toBe(bridge.calls.length);
    expect(bridge.calls.length).toBe(21);
  });

  it('skips the windows a fast scroll passes on its way: only where it stops is read', async () => {
    const bridge = studentsBackEnd(() => 100_000);
    const windows = queryRowWindows(bridge, 'students', { sort: [], search: '' }, () => {});
    followRowWindows(bridge, 'students', windows);
    await vi.waitFor(() => expect(windows.total).toBe(100_000));
    for (let first = 0; first < 100_000; first += 1_000) windows.show(first, first + 30);
    windows.show(99_980, 99_999);
    await vi.waitFor(() => expect(windows.rowAt(99_999)).toEqual({ id: 's99999' }));
    expect(bridge.calls.length).toBeLessThan(10);
    expect(windows.heldWindows).toBeLessThanOrEqual(6);
  });

  it('reads the visible windows again when its resource changes, and only then', async () => {
    let total = 150;
    const bridge = studentsBackEnd(() => total);
    const windows = queryRowWindows(bridge, 'students', { sort: [], search: '' }, () => {});
    followRowWindows(bridge, 'students', windows);
    windows.show(90, 110);
    await vi.waitFor(() => expect(windows.rowAt(149)).toEqual({ id: 's149' }));
    const before = bridge.calls.length;

    bridge.emit('data:changed', { resource: 'courses' });
    total = 160;
    bridge.emit('data:changed', { resource: 'students', ids: ['s159'] });
    await vi.waitFor(() => expect(windows.total).toBe(160));
    await vi.waitFor(() => expect(windows.rowAt(159)).toEqual({ id: 's159' }));
    expect(offsetsAsked(bridge).slice(before).sort((a, b) => a - b)).toEqual([0, 100]);
  });

  it('notices records arriving in a list that was empty', async () => {
    let total = 0;
    const bridge = studentsBackEnd(() => total);
    const windows = queryRowWindows(bridge, 'students', { sort: [], search: 'mallory' }, () => {});
    followRowWindows(bridge, 'students', windows);
    await vi.waitFor(() => expect(windows.total).toBe(0));
    total = 1;
    bridge.emit('data:changed', { resource: 'students' });
    await vi.waitFor(() => expect(windows.rowAt(0)).toEqual({ id: 's0' }));
    expect(windows.total).toBe(1);
  });

  it('answers a burst of changes during a read with one more read, not one per change', async () => {
    const bridge = fakeBridge();
    const answers = [deferred<GridWindow>(), deferred<GridWindow>(), deferred<GridWindow>()];
    let call = 0;
    bridge.handle('enrollments.query', () => answers[call++]!.promise);
    const windows = queryRowWindows(bridge, 'enrollments', { sort: [], search: '' }, () => {});
    followRowWindows(bridge, 'enrollments', windows);
    for (let i = 0; i < 5; i += 1) bridge.emit('data:changed', { resource: 'enrollments' });
    answers[0]!.resolve({ rows: [], total: 10 });
    answers[1]!.resolve({ rows: [], total: 20 });
    await vi.waitFor(() => expect(call).toBe(3));
    answers[2]!.resolve({ rows: [], total: 50 });
    await vi.waitFor(() => expect(windows.total).toBe(50));
    expect(call).toBe(3);
  });

  it('says why the rows could not be read', async () => {
    const bridge = fakeBridge();
    bridge.handle('groups.query', () => {
      throw bridgeFailure('validation', 'Unknown column');
    });
    const windows = queryRowWindows(bridge, 'groups', { sort: [], search: '' }, () => {});
    followRowWindows(bridge, 'groups', windows);
    await vi.waitFor(() => expect(windows.failure).toEqual({ code: 'validation', message: 'Unknown column' }));
    expect(windows.total).toBeNull();
  });

  it('reports nothing after the grid has gone', async () => {
    const bridge = fakeBridge();
    const answer = deferred<GridWindow>();
    bridge.handle('users.query', () => answer.promise);
    const onChange = vi.fn();
    const windows = queryRowWindows(bridge, 'users', { sort: [], search: '' }, onChange);
    const stop = followRowWindows(bridge, 'users', windows);
    stop();
    answer.resolve({ rows: [{ id: 'u1' }], total: 1 });
    await answer.promise;
    expect(onChange).not.toHaveBeenCalled();
    expect(windows.total).toBeNull();
    expect(bridge.listenerCount('data:changed')).toBe(0);
  });
});

describe('the unsent edits of a grid’s rows', () => {
  /** Students s0..s(total-1); s3 has a refused edit of its email. */
  function backEnd(total: number) {
    const bridge = fakeBridge();
    bridge.handle('students.query', (input: GridQueryInput) => {
      const rows = [];
      const edits: Record<string, RowEditState> = {};
      for (let i = input.offset; i < Math.min(total, input.offset + input.limit); i += 1) {
        rows.push({ id: `s${i}`, email: `s${i}@example.com` });
        if (i === 3) edits['s3'] = { seq: 9, kind: 'update', state: 'rejected', stuck: false, fields: ['email'], message: 'email has already been taken', fieldErrors: { email: ['has already been taken'] }, conflict: null };
      }
      return { rows, total, edits };
    });
    return bridge;
  }

  it('come with each window, by row and by id', async () => {
    const bridge = backEnd(150);
    const windows = queryRowWindows(bridge, 'students', { sort: [], search: '' }, () => {});
    followRowWindows(bridge, 'students', windows);
    await vi.waitFor(() => expect(windows.total).toBe(150));
    expect(windows.editsAt(3)).toMatchObject({ seq: 9, state: 'rejected' });
    expect(windows.editsAt(4)).toBeUndefined();
  });

  it('are read again when the outbox changes (a push refused an edit), with the filters the grid has', async () => {
    const bridge = backEnd(150);
    const filters = [{ column: 'locale', op: 'eq' as const, value: 'en-GB' }];
    const windows = queryRowWindows(bridge, 'students', { sort: [], search: '', filters }, () => {});
    followRowWindows(bridge, 'students', windows);
    await vi.waitFor(() => expect(windows.total).toBe(150));
    const before = bridge.calls.length;
    bridge.emit('outbox:changed', { counts: { pending: 0, sending: 0, unknown: 0, rejected: 1, conflict: 0, ambiguous: 0, waiting: 0, stuck: 0, total: 1 } });
    await vi.waitFor(() => expect(bridge.calls.length).toBe(before + 1));
    expect(bridge.calls.at(-1)?.input).toMatchObject({ filters });
  });

  it('reads rows past the held windows for a block action without keeping them', async () => {
    const bridge = backEnd(10_000);
    const windows = queryRowWindows(bridge, 'students', { sort: [], search: '' }, () => {});
    followRowWindows(bridge, 'students', windows);
    await vi.waitFor(() => expect(windows.total).toBe(10_000));
    const rows = await windows.rowsBetween(50, 2_549);
    expect(rows).toHaveLength(2_500);
    expect(rows[0]).toMatchObject({ id: 's50' });
    expect(rows.at(-1)).toMatchObject({ id: 's2549' });
    // Rows 50..99 came from the held window; the rest in reads of at most 1,000.
    expect(bridge.calls.slice(1).map((c) => [(c.input as GridQueryInput).offset, (c.input as GridQueryInput).limit])).toEqual([
      [100, 1000],
      [1100, 1000],
      [2100, 450],
    ]);
    expect(windows.heldWindows).toBe(1);
    expect(windows.rowAt(2_000)).toBeUndefined();
  });

  it('shows new values at once, before the change event reads the window again', async () => {
    const bridge = backEnd(150);
    const onChange = vi.fn();
    const windows = queryRowWindows(bridge, 'students', { sort: [], search: '' }, onChange);
    followRowWindows(bridge, 'students', windows);
    await vi.waitFor(() => expect(windows.total).toBe(150));
    const before = windows.rowAt(8);
    windows.patch(new Map([['s8', { email: 'new@example.com' }]]));
    expect(windows.rowAt(8)).toEqual({ id: 's8', email: 'new@example.com' });
    expect(windows.rowAt(8)).not.toBe(before);
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});
