// The account's one limiter, used from another thread: slots and 429 pauses are shared, and a
// borrower that gives up or goes away never keeps a slot. (Both ends of a real MessageChannel, in
// one thread: the messages are the same as between threads.)
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BorrowedLimiter, lendLimiter } from '../../../src/main/api/limiterLoan';
import { RequestLimiter } from '../../../src/main/api/RequestLimiter';
import { isEnlightError } from '../../../src/shared/errors';

const closing: (() => void)[] = [];
afterEach(() => {
  for (const close of closing.splice(0)) close();
});

function lent(maxConcurrent: number) {
  const lender = new RequestLimiter({ maxConcurrent });
  const { port1, port2 } = new MessageChannel();
  const loan = lendLimiter(lender, port1);
  const borrowed = new BorrowedLimiter(port2);
  closing.push(() => borrowed.close(), () => loan.close());
  return { lender, loan, borrowed };
}

/** Resolves once `check` holds, asking again after each message has had its turn. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(check()).toBe(true);
}

describe('a limiter lent to another thread', () => {
  it('shares its slots: the borrower waits while the app holds the last one', async () => {
    const { lender, borrowed } = lent(2);
    await lender.acquire();
    await borrowed.acquire();
    expect(lender.active).toBe(2);

    let second = false;
    const waiting = borrowed.acquire().then(() => (second = true));
    await until(() => lender.queued === 1);
    expect(second).toBe(false);

    lender.release();
    await waiting;
    expect(lender.active).toBe(2);
    borrowed.release();
    borrowed.release();
    await until(() => lender.active === 0);
  });

  it("passes the borrower's 429 pause to the lender, which holds back the app's own calls too", async () => {
    const { lender, borrowed } = lent(4);
    borrowed.pauseFor(60_000);
    await until(() => lender.isPaused());
    expect(lender.stats.pauses).toBe(1);
  });

  it('gives back the slot of a wait the borrower gave up', async () => {
    const { lender, borrowed } = lent(1);
    await lender.acquire();
    const stop = new AbortController();
    const waiting = borrowed.acquire(stop.signal);
    await until(() => lender.queued === 1);
    stop.abort();
    const error: unknown = await waiting.catch((e: unknown) => e);
    expect(isEnlightError(error) && error.code).toBe('cancelled');
    await until(() => lender.queued === 0);
    lender.release();
    expect(lender.active).toBe(0);
  });

  it('takes back every slot when the loan ends with requests still out (a worker that died)', async () => {
    const { lender, loan, borrowed } = lent(3);
    await borrowed.acquire();
    await borrowed.acquire();
    expect(lender.active).toBe(2);
    loan.close();
    expect(lender.active).toBe(0);
  });
});
