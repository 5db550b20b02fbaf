// A task asked for again while it runs runs once more afterwards, not once per ask: change events
// arrive after every sync page, and each needs only the latest answer.
//
// With `rest`, a run asked for while the last one ran (a sync writing what the task reads, many
// times a second) first waits `rest` times as long as the last run took. Each run is work for the
// app's back end, which answers the grids too: reading a table a sync is first filling can take a
// tenth of a second, and back to back such reads would leave it little time for anything else. A
// task asked for after a quiet moment (an edit) still runs at once.
export interface CoalescedOptions {
  /** How long to wait before a run asked for meanwhile, as a multiple of the last run's time. */
  rest?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function coalesced(task: () => Promise<void>, options: CoalescedOptions = {}): () => Promise<void> {
  const { rest = 0, now = () => performance.now(), sleep = sleepFor } = options;
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    for (;;) {
      again = false;
      const started = now();
      await task();
      if (!again) return;
      const took = now() - started;
      if (rest > 0 && took > 0) await sleep(rest * took);
    }
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => {
      running = null;
    });
    return running;
  };
}

/** For reads that follow change events: back to back, they take at most a third of the time. */
export const REFRESH_PACE: CoalescedOptions = { rest: 2 };
