// One limiter for every call an account makes: at most `maxConcurrent` requests in flight, at most
// `perSecond` started a second when set, and none at all while the server has asked us to wait
// (a 429's Retry-After pauses every caller, not just the one that was told).
import { setTimeout as delay } from 'node:timers/promises';
import { cancelled } from './cancelled';

/**
 * Waits `ms`; rejects promptly when `signal` aborts. The timer keeps the process alive: a command
 * waiting out a backoff or a Retry-After is still working, not done.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(Math.max(0, ms), undefined, { signal });
};

export interface RequestLimiterOptions {
  /** Requests in flight at once; default 4. */
  maxConcurrent?: number;
  /** Requests started a second, evenly spaced; unlimited when absent or 0. */
  perSecond?: number;
  /** Epoch milliseconds; Date.now by default. pauseUntil takes times on this clock. */
  now?: () => number;
  sleep?: Sleep;
}

export interface RequestLimiterStats {
  /** Times a caller was held back by a pause (a 429) or by `perSecond` pacing. */
  waits: number;
  /** Wall-clock milliseconds during which callers were held back (overlapping waits count once). */
  waitedMs: number;
  /** Times the server's Retry-After started or extended a pause. */
  pauses: number;
}

/** What a client needs of a limiter: RequestLimiter, or one lent to another thread (limiterLoan.ts). */
export interface Limiter {
  acquire(signal?: AbortSignal): Promise<void>;
  release(): void;
  pauseFor(ms: number): void;
  readonly stats: RequestLimiterStats;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class RequestLimiter implements Limiter {
  readonly maxConcurrent: number;
  readonly perSecond: number;
  readonly stats: RequestLimiterStats = { waits: 0, waitedMs: 0, pauses: 0 };
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private activeCount = 0;
  private readonly queue: Waiter[] = [];
  private pausedUntilMs = 0;
  private nextStartAt = 0;
  // Everyone waiting out one pause shares one timer; it is restarted when the pause is extended.
  private pauseGate: { until: number; done: Promise<void>; abort: AbortController; waiting: number } | undefined;
  private holding = 0;
  private holdingSince = 0;

  constructor(options: RequestLimiterOptions = {}) {
    this.maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent ?? 4));
    this.perSecond = Math.max(0, options.perSecond ?? 0);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Requests holding a slot now. */
  get active(): number {
    return this.activeCount;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.queue.length;
  }

  /** Epoch ms until which no request starts; in the past when not paused. */
  get pausedUntil(): number {
    return this.pausedUntilMs;
  }

  isPaused(): boolean {
    return this.pausedUntilMs > this.now();
  }

  /** Holds every caller until `epochMs` (on this limiter's clock). A shorter pause never shortens a longer one. */
  pauseUntil(epochMs: number): void {
    if (!Number.isFinite(epochMs) || epochMs <= this.pausedUntilMs) return;
    this.pausedUntilMs = epochMs;
    this.stats.pauses++;
  }

  /** Holds every caller for `ms` from now. */
  pauseFor(ms: number): void {
    this.pauseUntil(this.now() + Math.max(0, ms));
  }

  /**
   * Waits for a slot, then for any pause and pacing, and takes the slot: call `release()` once the
   * request is done. Rejects with code 'cancelled' when `signal` aborts, holding nothing.
   */
  async acquire(signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    await this.takeSlot(signal);
    try {
      await this.waitForTurn(signal);
    } catch (error) {
      this.release();
      throw error;
    }
  }

  release(): void {
    const next = this.queue.shift();
    if (next) {
      // The slot passes straight to the next caller: the count of active requests stays.
      if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve();
      return;
    }
    this.activeCount = Math.max(0, this.activeCount - 1);
  }

  /** `acquire`, `fn`, `release`. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private takeSlot(signal?: AbortSignal): Promise<void> {
    if (this.activeCount < this.maxConcurrent) {
      this.activeCount++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(cancelled(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
    });
  }

  private async waitForTurn(signal?: AbortSignal): Promise<void> {
    let counted = false;
    const count = () => {
      if (!counted) this.stats.waits++;
      counted = true;
    };
    for (;;) {
      const now = this.now();
      if (this.pausedUntilMs > now) {
        count();
        await this.hold(() => this.waitOutPause(signal));
        continue;
      }
      if (this.perSecond > 0) {
        const interval = 1000 / this.perSecond;
        const at = Math.max(now, this.nextStartAt);
        if (at > now) {
          count();
          // The start time is reserved before sleeping, so callers queue up evenly spaced.
          this.nextStartAt = at + interval;
          await this.hold(() => this.sleepOrCancel(at - now, signal));
          // A pause that began meanwhile still holds this caller; its reserved start is spent.
          if (this.pausedUntilMs > this.now()) continue;
          return;
        }
        this.nextStartAt = now + interval;
      }
      return;
    }
  }

  /** Tracks the wall-clock time during which anyone was held back. */
  private async hold(wait: () => Promise<void>): Promise<void> {
    if (this.holding++ === 0) this.holdingSince = this.now();
    try {
      await wait();
    } finally {
      if (--this.holding === 0) this.stats.waitedMs += Math.max(0, this.now() - this.holdingSince);
    }
  }

  private async waitOutPause(signal?: AbortSignal): Promise<void> {
    let gate = this.pauseGate;
    if (!gate || gate.until !== this.pausedUntilMs) {
      gate?.abort.abort();
      const abort = new AbortController();
      const until = this.pausedUntilMs;
      const done = this.sleep(until - this.now(), abort.signal).catch(() => {});
      gate = { until, done, abort, waiting: 0 };
      this.pauseGate = gate;
      const current = gate;
      void done.then(() => {
        if (this.pauseGate === current) this.pauseGate = undefined;
      });
    }
    gate.waiting++;
    try {
      await raceAbort(gate.done, signal);
    } finally {
      gate.waiting--;
      // When the last waiter gives up, the shared timer goes too.
      if (gate.waiting === 0 && signal?.aborted) {
        gate.abort.abort();
        if (this.pauseGate === gate) this.pauseGate = undefined;
      }
    }
  }

  private async sleepOrCancel(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await this.sleep(ms, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelled(signal);
      throw error;
    }
    throwIfAborted(signal);
  }
}

function raceAbort(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise;
  throwIfAborted(signal);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(cancelled(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled(signal);
}
