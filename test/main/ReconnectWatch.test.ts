// Asking whether the server is back: soon at first, then less often, and once it is, saying so once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectWatch } from '../../src/main/ReconnectWatch';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a watch for the server coming back', () => {
  it('asks after each wait in turn, repeating the last, and calls back once it answers', async () => {
    const asked: number[] = [];
    let answers = false;
    const onBack = vi.fn();
    const start = Date.now();
    new ReconnectWatch({
      reachable: async () => {
        asked.push(Date.now() - start);
        return answers;
      },
      onBack,
      delaysMs: [100, 200, 400],
    });
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 400);
    expect(asked).toEqual([100, 300, 700, 1100]);
    expect(onBack).not.toHaveBeenCalled();

    answers = true;
    await vi.advanceTimersByTimeAsync(400);
    expect(onBack).toHaveBeenCalledTimes(1);
    // And asks no more.
    await vi.advanceTimersByTimeAsync(5000);
    expect(asked).toHaveLength(5);
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('takes a failed ask for "not yet", and asks nothing once stopped, not even an answer on its way', async () => {
    let calls = 0;
    let answer: (back: boolean) => void = () => {};
    const onBack = vi.fn();
    const watch = new ReconnectWatch({
      reachable: () => {
        calls++;
        if (calls === 1) return Promise.reject(new Error('no route to host'));
        return new Promise<boolean>((resolve) => (answer = resolve));
      },
      onBack,
      delaysMs: [50],
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
    watch.stop();
    answer(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(onBack).not.toHaveBeenCalled();
    expect(calls).toBe(2);
  });
});

describe('asking at once', () => {
  it('asks without waiting for the next try, once at a time, and keeps its timing after', async () => {
    let asked = 0;
    let answer: (back: boolean) => void = () => {};
    const onBack = vi.fn();
    const watch = new ReconnectWatch({
      reachable: () => {
        asked++;
        return new Promise<boolean>((resolve) => (answer = resolve));
      },
      onBack,
      delaysMs: [30_000],
    });
    watch.askNow();
    watch.askNow();
    expect(asked).toBe(1);
    answer(false);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(asked).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toBe(2);
    answer(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(onBack).toHaveBeenCalledTimes(1);
    watch.askNow();
    expect(asked).toBe(2);
  });
});
