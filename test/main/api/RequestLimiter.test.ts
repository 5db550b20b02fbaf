// The account's limiter on its own, on a fake clock: how many run at once, in what order, how a
// pause holds everyone, how pacing spaces starts, and that giving up never leaks a slot.
import { describe, expect, it, vi } from 'vitest';
import { RequestLimiter } from '../../../src/main/api/RequestLimiter';
import { expectEnlightError, fakeTime } from './helpers';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RequestLimiter', () => {
  it('runs at most maxConcurrent at once, first come first served', async () => {
    const limiter = new RequestLimiter({ maxConcurrent: 2 });
    const gates = [0, 1, 2, 3, 4].map(() => deferred());
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await gate.promise;
        running--;
      }),
    );
    await vi.waitFor(() => expect(started).toEqual([0, 1]));
    expect(limiter.queued).toBe(3);
    gates[1]?.resolve();
    await vi.waitFor(() => expect(started).toEqual([0, 1, 2]));
    for (const gate of gates) gate.resolve();
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('releases the slot when the work fails', async () => {
    const limiter = new RequestLimiter({ maxConcurrent: 1 });
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.active).toBe(0);
    await expect(limiter.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('holds every caller until a pause ends, on one shared timer, and counts the wall-clock wait once', async () => {
    const time = fakeTime();
    const limiter = new RequestLimiter({ maxConcurrent: 4, sleep: time.sleep, now: time.now });
    limiter.pauseUntil(time.now() + 3000);
    let through = 0;
    const callers = [0, 1, 2].map(() => limiter.acquire().then(() => through++));
    await vi.waitFor(() => expect(time.pending).toBe(1));
    expect(through).toBe(0);
    time.release();
    await Promise.all(callers);
    expect(through).toBe(3);
    expect(time.requested).toEqual([3000]);
    expect(limiter.stats).toEqual({ waits: 3, waitedMs: 3000, pauses: 1 });
    for (let i = 0; i < 3; i++) limiter.release();
  });

  it('lets a longer pause extend a shorter one, never the reverse', async () => {
    const time = fakeTime();
    const limiter = new RequestLimiter({ sleep: time.sleep, now: time.now });
    const start = time.now();
    limiter.pauseFor(1000);
    limiter.pauseFor(500);
    expect(limiter.pausedUntil).toBe(start + 1000);
    const waiting = limiter.acquire();
    await vi.waitFor(() => expect(time.pending).toBe(1));
    limiter.pauseFor(4000);
    // The first wait ends at 1 s; the caller finds the pause longer and waits again.
    time.release();
    await vi.waitFor(() => expect(time.pending).toBe(1));
    time.release();
    await waiting;
    expect(time.now()).toBe(start + 4000);
    expect(limiter.isPaused()).toBe(false);
    limiter.release();
  });

  it('spaces starts evenly with perSecond', async () => {
    const time = fakeTime();
    const limiter = new RequestLimiter({ maxConcurrent: 10, perSecond: 10, sleep: time.sleep, now: time.now });
    const all = Promise.all([0, 1, 2, 3].map(() => limiter.acquire()));
    // The first starts at once; the others are given start times 100 ms apart.
    await vi.waitFor(() => expect(time.pending).toBe(3));
    expect(time.requested).toEqual([100, 200, 300]);
    time.release();
    await all;
    expect(limiter.stats.waits).toBe(3);
    for (let i = 0; i < 4; i++) limiter.release();
  });

  it('gives up promptly when cancelled in the queue or in a pause, holding nothing', async () => {
    const time = fakeTime();
    const limiter = new RequestLimiter({ maxConcurrent: 1, sleep: time.sleep, now: time.now });
    await limiter.acquire();
    const queued = new AbortController();
    const inQueue = limiter.acquire(queued.signal);
    await vi.waitFor(() => expect(limiter.queued).toBe(1));
    queued.abort();
    await expectEnlightError(inQueue, 'cancelled');
    expect(limiter.queued).toBe(0);
    limiter.release();
    expect(limiter.active).toBe(0);

    limiter.pauseFor(60_000);
    const paused = new AbortController();
    const inPause = limiter.acquire(paused.signal);
    await vi.waitFor(() => expect(time.pending).toBe(1));
    paused.abort();
    await expectEnlightError(inPause, 'cancelled');
    expect(limiter.active).toBe(0);
    expect(time.pending).toBe(0);
  });
});
