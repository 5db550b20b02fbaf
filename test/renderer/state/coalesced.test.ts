// Change events come after every page a sync writes: a refresh asked for while one runs runs once
// more afterwards, and, paced, only after resting in proportion to how long the last one took.
import { expect, it, vi } from 'vitest';
import { coalesced } from '../../../src/renderer/src/state/coalesced';

/** A task that takes `ms` on a clock of its own, and can be held open till let go. */
function clockedTask(ms: number) {
  let clock = 0;
  const rests: number[] = [];
  let release: (() => void) | undefined;
  let runs = 0;
  const task = async () => {
    runs++;
    await new Promise<void>((resolve) => (release = resolve));
    clock += ms;
  };
  return {
    task,
    rests,
    runs: () => runs,
    letGo: () => release?.(),
    now: () => clock,
    sleep: async (wait: number) => {
      rests.push(wait);
      clock += wait;
    },
  };
}

it('runs once more after a run asked for again, however often it was asked', async () => {
  const t = clockedTask(40);
  const refresh = coalesced(t.task, { now: t.now, sleep: t.sleep });
  const first = refresh();
  for (let i = 0; i < 5; i++) void refresh();
  t.letGo();
  await vi.waitFor(() => expect(t.runs()).toBe(2));
  t.letGo();
  await first;
  expect(t.runs()).toBe(2);
  expect(t.rests).toEqual([]);
});

it('paced, rests in proportion to the last run before a run asked for meanwhile, and never after a lone ask', async () => {
  const t = clockedTask(40);
  const refresh = coalesced(t.task, { rest: 2, now: t.now, sleep: t.sleep });

  // A lone ask (an edit after a quiet moment) runs at once and rests after nothing.
  const lone = refresh();
  t.letGo();
  await lone;
  expect(t.rests).toEqual([]);

  // Asked again while running (a sync writing): the next run comes after twice the 40 ms the last took.
  const burst = refresh();
  void refresh();
  t.letGo();
  await vi.waitFor(() => expect(t.runs()).toBe(3));
  expect(t.rests).toEqual([80]);
  t.letGo();
  await burst;
  expect(t.runs()).toBe(3);
});
