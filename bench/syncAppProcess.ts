// The syncs bench/sync.ts measures, run in a process of their own as the app's main process runs
// them: built (bench/support/buildForNode.ts) and started with plain `node`, the pull on a worker
// thread from the app's build, the grid's queries on this process's thread. Last, in the same
// process, the baseline: the GETs a full sync makes (recorded by bench/sync.ts), merely sent. It
// prints one line of JSON (SyncAppResults) and exits; bench/sync.ts prints the figures.
//
//   node out/bench/syncAppProcess.mjs '{"url":…,"key":…,"concurrency":4,"gridEvery":100,"dir":…,"workerScript":…,"baselineRequests":…,"pairs":3}'
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RequestLimiter } from '../src/main/api/RequestLimiter';
import { nodeHttpTransport, type HttpRequest } from '../src/main/api/transport';
import { indexesDeferred } from '../src/main/store/deferredIndexes';
import { queryWindow, type GridQuery } from '../src/main/store/gridQuery';
import { listingAnswerCounts, type ListingAnswerCounts } from '../src/main/store/listingAnswers';
import { MirrorStore } from '../src/main/store/MirrorStore';
import { MIRROR_RESOURCES, type MirrorResource } from '../src/main/store/mirrorColumns';
import { pullOnWorker } from '../src/main/sync/pullOnWorker';
import type { SyncProgress } from '../src/shared/syncProgress';
import { processCpuMs } from './support/processCpu';

export interface SyncAppSettings {
  url: string;
  key: string;
  concurrency: number;
  /** How often the grid asks during the second full sync (ms); 0 for none. */
  gridEvery: number;
  /** Where the stores go. */
  dir: string;
  /** The app's built pullWorker.js. */
  workerScript: string;
  /** A JSON file of the requests a full sync made, in order (HttpRequest[]), for the baseline. */
  baselineRequests: string;
  /** Syncs and GET-only baselines compared in all, the first pair included: the machine's speed drifts, one pair can mislead. */
  pairs: number;
  /** The sandbox's process: the CPU it uses during each run of a pair is read from /proc where there is one. */
  serverPid?: number;
}

/** How long each grid query took, measured from when it was due; apart for tables whose indexes are in place or not. */
export interface GridLatencies {
  all: number[];
  indexed: number[];
  unindexed: number[];
}

export interface SyncAppResults {
  /** The full sync into a fresh store, alone. */
  alone: {
    ms: number;
    /** Each step's time, in the order they ended. */
    stepMs: [string, number][];
    /** Requests made per step (lists and details). */
    requests: Record<string, number>;
    /** Records per table once synced. */
    counts: Record<string, number>;
  };
  resync: { ms: number; requests: number; changed: number; deleted: number; listRequests: number };
  /**
   * A first sync into a fresh store stopped once half the enrollments were in (as a user or a
   * dropped connection stops it), then the sync that carries it on to the end.
   */
  resumed: { stoppedAtRecords: number; stoppedMs: number; resumedMs: number; resumedRequests: number };
  /** The second full sync, while the grid asked; absent with gridEvery 0. */
  withGrid?: { ms: number; latencies: GridLatencies; listingAnswers: ListingAnswerCounts };
  /** Bytes: this process's RSS when it started, and at its highest over the syncs. */
  startRss: number;
  peakRss: number;
  /** The highest RSS sampled during each of the syncs. */
  peakRssDuring: Record<string, number>;
  /** The same GETs as a full sync, same order, same concurrency, nothing parsed or stored. */
  baseline: { ms: number; requests: number };
  /**
   * Each pair of a full sync into a fresh store and a baseline, run one after the other: the first
   * is `alone` and `baseline`. With each, the CPU the server used meanwhile (null without /proc).
   */
  pairs: { syncMs: number; baselineMs: number; syncServerMs: number | null; baselineServerMs: number | null }[];
}

const startRss = process.memoryUsage().rss;
let peakRss = startRss;
/** The highest RSS sampled during each sync, by name: which of them sets the peak. */
const peakRssDuring: Record<string, number> = {};
let runningNow = 'start';
const notePeakRss = () => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  peakRssDuring[runningNow] = Math.max(peakRssDuring[runningNow] ?? 0, rss);
};
const running = (name: string) => {
  notePeakRss();
  runningNow = name;
};

async function main(settings: SyncAppSettings): Promise<SyncAppResults> {
  const { url, key, concurrency, gridEvery, dir, workerScript } = settings;
  // RSS sampled often too: the worker's memory grows between the messages it sends.
  const sampler = setInterval(notePeakRss, 20);
  const limiter = new RequestLimiter({ maxConcurrent: concurrency });
  const sync = (store: MirrorStore, onProgress: (p: SyncProgress) => void, signal?: AbortSignal) =>
    pullOnWorker({ client: { baseUrl: url, apiKey: key }, limiter, store, concurrency, onProgress, workerScript, signal });

  /**
   * A full pull into a fresh store. With `every` > 0, a grid-style query is asked that often on the
   * store's connection, on this thread, meanwhile, as the app's grids do.
   */
  async function syncIntoFreshStore(file: string, every: number) {
    const store = MirrorStore.open(file);
    const someCourse = () => (store.db.prepare(`SELECT course_id FROM enrollments LIMIT 1`).get() as { course_id: string } | undefined)?.course_id ?? '';
    const gridQueries: [MirrorResource, () => GridQuery][] = [
      ['students', () => ({ sort: [{ column: 'family_name' }], filters: [{ column: 'family_name', op: 'gte', value: 'M' }], offset: 2000, limit: 100 })],
      ['enrollments', () => ({ sort: [{ column: 'expires_at', desc: true }], filters: [{ column: 'course_id', op: 'eq', value: someCourse() }], offset: 0, limit: 100 })],
      ['students', () => ({ search: 'smi', sort: [{ column: 'email' }], offset: 0, limit: 100 })],
    ];
    const latencies: GridLatencies = { all: [], indexed: [], unindexed: [] };
    let sampling = true;
    let turn = 0;
    const sample = () => {
      if (!sampling || every <= 0) return;
      const due = performance.now() + every;
      setTimeout(() => {
        if (!sampling) return;
        // Measured from when the query was due: time spent waiting behind other work counts too.
        const [resource, query] = gridQueries[turn++ % gridQueries.length] as [MirrorResource, () => GridQuery];
        queryWindow(store.db, resource, query());
        const took = performance.now() - due;
        latencies.all.push(took);
        // A table in its first listing has no indexes yet (deferredIndexes.ts): its queries scan.
        // Asked after the timing, and on the same thread, so it tells how the query just timed ran.
        (indexesDeferred(store.db, resource) ? latencies.unindexed : latencies.indexed).push(took);
        sample();
      }, every);
    };
    sample();

    let last: SyncProgress | undefined;
    const stepStarted = new Map<string, number>();
    const stepMs = new Map<string, number>();
    const startedAt = performance.now();
    const result = await sync(store, (p) => {
      last = p;
      for (const r of p.resources) {
        if (r.phase !== 'waiting' && !stepStarted.has(r.resource)) stepStarted.set(r.resource, performance.now());
        if ((r.phase === 'done' || r.phase === 'failed') && !stepMs.has(r.resource)) stepMs.set(r.resource, performance.now() - (stepStarted.get(r.resource) ?? startedAt));
      }
    });
    const ms = performance.now() - startedAt;
    sampling = false;
    if (result.outcome !== 'complete') throw new Error(`the sync ended ${result.outcome}: ${result.errors.map((e) => `${e.step}: ${e.message}`).join('; ')}`);
    const requests = Object.fromEntries((last?.resources ?? []).map((r) => [r.resource, r.requests]));
    return { store, ms, latencies, stepMs: [...stepMs], requests };
  }

  async function stopHalfWayAndResume(file: string, stopAt: number): Promise<SyncAppResults['resumed']> {
    const store = MirrorStore.open(file);
    try {
      const stop = new AbortController();
      let stoppedAtRecords = 0;
      const started = performance.now();
      const stopped = await sync(
        store,
        (p) => {
          const records = p.resources.find((r) => r.resource === 'enrollments')?.records ?? 0;
          if (records >= stopAt && !stop.signal.aborted) {
            stoppedAtRecords = records;
            stop.abort();
          }
        },
        stop.signal,
      );
      const stoppedMs = performance.now() - started;
      if (stopped.outcome !== 'stopped') throw new Error(`the sync to stop half-way ended ${stopped.outcome}`);
      const resumedAt = performance.now();
      const resumed = await sync(store, () => {});
      if (resumed.outcome !== 'complete') throw new Error(`the resumed sync ended ${resumed.outcome}`);
      return { stoppedAtRecords, stoppedMs, resumedMs: performance.now() - resumedAt, resumedRequests: resumed.requests };
    } finally {
      await store.close();
    }
  }

  // The server's CPU over a run: what it had to do, apart from the time it waited for the client.
  const serverCpu = () => (settings.serverPid === undefined ? null : processCpuMs(settings.serverPid));
  const serverUsed = async <T>(run: () => Promise<T>): Promise<[T, number | null]> => {
    const before = serverCpu();
    const result = await run();
    const after = serverCpu();
    return [result, before === null || after === null ? null : after - before];
  };

  try {
    running('first sync');
    const [alone, aloneServerMs] = await serverUsed(() => syncIntoFreshStore(join(dir, 'alone.sqlite'), 0));
    running('resync');
    const counts = alone.store.counts();

    const resyncStart = performance.now();
    let resyncProgress: SyncProgress | undefined;
    const resync = await sync(alone.store, (p) => (resyncProgress = p));
    const resyncMs = performance.now() - resyncStart;
    const listed = new Set<string>(MIRROR_RESOURCES);
    const resyncListRequests = (resyncProgress?.resources ?? []).filter((r) => listed.has(r.resource)).reduce((n, r) => n + r.requests, 0);
    alone.store.close();

    let withGrid: SyncAppResults['withGrid'];
    if (gridEvery > 0) {
      running('sync with the grid');
      const run = await syncIntoFreshStore(join(dir, 'with-grid.sqlite'), gridEvery);
      withGrid = { ms: run.ms, latencies: run.latencies, listingAnswers: { ...listingAnswerCounts(run.store.db) } };
      run.store.close();
    }
    notePeakRss();
    const syncsPeakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    // After the peak above is taken: a fourth sync in the same process only adds to what the
    // allocator holds from the three before (alone in a process, it peaked no higher than a first sync).
    running('stopped and resumed');
    const resumed = await stopHalfWayAndResume(join(dir, 'resumed.sqlite'), Math.floor(counts.enrollments / 2));
    notePeakRss();
    clearInterval(sampler);
    const requests = JSON.parse(readFileSync(settings.baselineRequests, 'utf8')) as HttpRequest[];
    const [baseline, baselineServerMs] = await serverUsed(() => getOnly(requests, concurrency));
    const pairs: SyncAppResults['pairs'] = [{ syncMs: alone.ms, baselineMs: baseline.ms, syncServerMs: aloneServerMs, baselineServerMs }];
    // More pairs, in turn baseline first and sync first, so that a drift of the machine's speed
    // weighs on both sides alike.
    for (let i = 1; i < settings.pairs; i++) {
      const file = join(dir, `pair-${i}.sqlite`);
      const runSync = () =>
        serverUsed(async () => {
          const run = await syncIntoFreshStore(file, 0);
          run.store.close();
          for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
          return run.ms;
        });
      const runBaseline = async () => {
        const [{ ms }, serverMs] = await serverUsed(() => getOnly(requests, concurrency));
        return [ms, serverMs] as const;
      };
      if (i % 2 === 1) {
        const [baselineMs, baselineServerMs] = await runBaseline();
        const [syncMs, syncServerMs] = await runSync();
        pairs.push({ syncMs, baselineMs, syncServerMs, baselineServerMs });
      } else {
        const [syncMs, syncServerMs] = await runSync();
        const [baselineMs, baselineServerMs] = await runBaseline();
        pairs.push({ syncMs, baselineMs, syncServerMs, baselineServerMs });
      }
    }
    return {
      alone: { ms: alone.ms, stepMs: alone.stepMs, requests: alone.requests, counts: { ...counts, all: MIRROR_RESOURCES.reduce((n, r) => n + counts[r], 0) + counts.library_items } },
      resync: { ms: resyncMs, requests: resync.requests, changed: resync.changed, deleted: resync.deleted, listRequests: resyncListRequests },
      resumed,
      withGrid,
      startRss,
      peakRss: syncsPeakRss,
      peakRssDuring,
      baseline,
      pairs,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The baseline: the requests sent in order, `concurrency` at a time, their answers only checked for success. */
async function getOnly(requests: HttpRequest[], concurrency: number): Promise<{ ms: number; requests: number }> {
  const http = nodeHttpTransport({ maxSockets: concurrency });
  let next = 0;
  const start = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests.length) {
          const req = requests[next++] as HttpRequest;
          const res = await http.transport(req);
          if (res.status !== 200) throw new Error(`baseline ${req.url}: HTTP ${res.status}`);
        }
      }),
    );
    return { ms: performance.now() - start, requests: requests.length };
  } finally {
    http.close();
  }
}

const settings = JSON.parse(process.argv[2] ?? '') as SyncAppSettings;
process.stdout.write(`${JSON.stringify(await main(settings))}\n`);
