// An account's one RequestLimiter, used from another thread (the pull runs on a worker: see
// sync/pullOnWorker.ts). The limiter stays on the app's thread, where pushes and key checks use it
// too; the worker asks it for each slot over a MessagePort. So the account never has more requests
// in flight than its limit, and a 429 seen by either thread holds back both.
import type { MessagePort } from 'node:worker_threads';
import { cancelled } from './cancelled';
import type { Limiter, RequestLimiter, RequestLimiterStats } from './RequestLimiter';

type ToLender = { op: 'acquire'; id: number } | { op: 'cancel'; id: number } | { op: 'release' } | { op: 'pause'; ms: number };
type ToBorrower = { op: 'granted'; id: number } | { op: 'refused'; id: number };

/**
 * Serves `limiter` to the BorrowedLimiter at the other end of `port`. `close()` gives back every
 * slot the borrower still holds or waits for: a worker that ends, or is ended, mid-request must not
 * leave the account's slots taken.
 */
export function lendLimiter(limiter: RequestLimiter, port: MessagePort): { close(): void } {
  const waiting = new Map<number, AbortController>();
  let held = 0;
  let closed = false;
  const post = (message: ToBorrower) => {
    if (!closed) port.postMessage(message);
  };
  port.on('message', (message: ToLender) => {
    if (closed) return;
    switch (message.op) {
      case 'acquire': {
        const abort = new AbortController();
        waiting.set(message.id, abort);
        limiter.acquire(abort.signal).then(
          () => {
            waiting.delete(message.id);
            if (closed) return limiter.release();
            held++;
            post({ op: 'granted', id: message.id });
          },
          () => {
            waiting.delete(message.id);
            post({ op: 'refused', id: message.id });
          },
        );
        return;
      }
      case 'cancel':
        waiting.get(message.id)?.abort();
        return;
      case 'release':
        if (held > 0) {
          held--;
          limiter.release();
        }
        return;
      case 'pause':
        limiter.pauseFor(message.ms);
        return;
    }
  });
  return {
    close() {
      if (closed) return;
      closed = true;
      for (const abort of waiting.values()) abort.abort();
      for (; held > 0; held--) limiter.release();
      port.close();
    },
  };
}

interface Pending {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** The worker's end: a Limiter whose slots and pauses are the lender's. */
export class BorrowedLimiter implements Limiter {
  /** The lender keeps the account's counts (progress reads them there); these stay at zero. */
  readonly stats: RequestLimiterStats = { waits: 0, waitedMs: 0, pauses: 0 };
  readonly #port: MessagePort;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;

  constructor(port: MessagePort) {
    this.#port = port;
    port.on('message', (message: ToBorrower) => {
      const pending = this.#pending.get(message.id);
      if (!pending) {
        // Granted just as this side gave up waiting: the slot goes straight back.
        if (message.op === 'granted') this.#post({ op: 'release' });
        return;
      }
      this.#pending.delete(message.id);
      if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
      if (message.op === 'granted') pending.resolve();
      else pending.reject(cancelled(pending.signal));
    });
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled(signal));
    const id = this.#nextId++;
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = { resolve, reject, signal };
      if (signal) {
        pending.onAbort = () => {
          this.#pending.delete(id);
          this.#post({ op: 'cancel', id });
          reject(cancelled(signal));
        };
        signal.addEventListener('abort', pending.onAbort, { once: true });
      }
      this.#pending.set(id, pending);
      this.#post({ op: 'acquire', id });
    });
  }

  release(): void {
    this.#post({ op: 'release' });
  }

  pauseFor(ms: number): void {
    this.#post({ op: 'pause', ms });
  }

  /** Stops listening, so the worker's thread can end; the lender's close() takes back what is left. */
  close(): void {
    this.#port.close();
  }

  #post(message: ToLender): void {
    this.#port.postMessage(message);
  }
}
