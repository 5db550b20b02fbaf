// Full-sync benchmark: starts `npm run sandbox -- --scale N` as its own process on loopback, then
// runs a full pull into a fresh SQLite file as the app does (on a worker thread, from the built
// `out/main/pullWorker.js`: the bench builds it first) and prints
//   - records/s;
//   - requests made against the minimum needed (lists at 100 a page, ending on a short page, plus
//     the details the lists lack), per list and in all;
//   - wall time of the sync against merely GETting the same URLs, in the same order, with the same
//     concurrency (the baseline, run last in this same process; the URLs are recorded from a third
//     full pull, run on this thread, whose time is printed too);
//   - the time of an unchanged resync;
//   - p95 latency of a grid-style query (a sorted, filtered window of 100 rows with its total)
//     asked every 100 ms (--grid-every) on the app's connection and thread, during a second full
//     sync into another fresh store; in all, and apart on tables whose indexes are in place and on
//     tables in their first listing;
//   - peak RSS over the app's syncs (before the pull on this thread, whose heap grows as the
//     worker's is kept from growing).
//
//   npm run bench:sync                       # --scale 100000, 4 in flight
//   npm run bench:sync -- --scale 20000 --concurrency 8
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EnlightClient } from '../src/main/api/EnlightClient';
import { RequestLimiter } from '../src/main/api/RequestLimiter';
import { nodeHttpTransport, type HttpRequest, type HttpTransport } from '../src/main/api/transport';
import { indexesDeferred } from '../src/main/store/deferredIndexes';
import { queryWindow, type GridQuery } from '../src/main/store/gridQuery';
import { MirrorStore } from '../src/main/store/MirrorStore';
import { MIRROR_RESOURCES, type MirrorResource } from '../src/main/store/mirrorColumns';
import { pull, type PullResult } from '../src/main/sync/pull';
import { pullOnWorker } from '../src/main/sync/pullOnWorker';
import { PAGE_SIZE } from '../src/main/sync/walkList';
import type { SyncProgress } from '../src/shared/syncProgress';
import { startSandboxProcess } from './support/sandboxProcess';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '4' },
    'grid-every': { type: 'string', default: '100' },
  },
});
const scale = Number(values.scale);
const concurrency = Number(values.concurrency);
/** How often the grid asks while the sync runs (ms); 0 for a sync alone. A user scrolling asks a few times a second. */
const gridEvery = Number(values['grid-every']);

// ---- the sandbox, in its own process so client and server don't share an event loop ----
const startedAt = performance.now();
// The worker runs from the app's build, as in the app (not through tsx's loader, which costs memory).
execSync('npx electron-vite build', { stdio: 'ignore' });
const workerScript = join(process.cwd(), 'out', 'main', 'pullWorker.js');
const sandbox = await startSandboxProcess(['--scale', String(scale)]);
const { url, key } = sandbox;
console.log(`sandbox --scale ${scale} listening after ${((performance.now() - startedAt) / 1000).toFixed(1)} s; ${concurrency} requests in flight`);

const dir = mkdtempSync(join(tmpdir(), 'enlight-bench-sync-'));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** How long each grid query took, measured from when it was due; apart for tables whose indexes are in place or not. */
interface GridLatencies {
  all: number[];
  indexed: number[];
  unindexed: number[];
}

type Pull = (store: MirrorStore, onProgress: (p: SyncProgress) => void) => Promise<PullResult>;

/**
 * A full pull into a fresh store. With `gridEvery` > 0, a grid-style query is asked that often on
 * the store's connection, on this thread, meanwhile, as the app's grids do.
 */
async function syncIntoFreshStore(run: Pull, file: string, gridEvery: number) {
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
    if (!sampling || gridEvery <= 0) return;
    const due = performance.now() + gridEvery;
    setTimeout(() => {
      if (!sampling) return;
      // Measured from when the query was due: time spent waiting behind sync work counts too.
      const [resource, query] = gridQueries[turn++ % gridQueries.length] as [MirrorResource, () => GridQuery];
      queryWindow(store.db, resource, query());
      const took = performance.now() - due;
      latencies.all.push(took);
      // A table in its first listing has no indexes yet (deferredIndexes.ts): its queries scan.
      // Asked after the timing, and on the same thread, so it tells how the query just timed ran.
      (indexesDeferred(store.db, resource) ? latencies.unindexed : latencies.indexed).push(took);
      notePeakRss();
      sample();
    }, gridEvery);
  };
  sample();

  let last: SyncProgress | undefined;
  const stepStarted = new Map<string, number>();
  const stepMs = new Map<string, number>();
  const startedAt = performance.now();
  const onProgress = (p: SyncProgress) => {
    last = p;
    notePeakRss();
    for (const r of p.resources) {
      if (r.phase !== 'waiting' && !stepStarted.has(r.resource)) stepStarted.set(r.resource, performance.now());
      if ((r.phase === 'done' || r.phase === 'failed') && !stepMs.has(r.resource)) stepMs.set(r.resource, performance.now() - (stepStarted.get(r.resource) ?? startedAt));
    }
  };
  const result = await run(store, onProgress);
  const ms = performance.now() - startedAt;
  sampling = false;
  if (result.outcome !== 'complete') throw new Error(`the sync ended ${result.outcome}: ${result.errors.map((e) => `${e.step}: ${e.message}`).join('; ')}`);
  return { store, ms, latencies, stepMs, progress: new Map((last?.resources ?? []).map((r) => [r.resource, r])) };
}

let peakRss = process.memoryUsage().rss;
const notePeakRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

try {
  // ---- the full sync alone, with every request recorded for the baseline ----
  const limiter = new RequestLimiter({ maxConcurrent: concurrency });
  const onWorker: Pull = (store, onProgress) => pullOnWorker({ client: { baseUrl: url, apiKey: key }, limiter, store, concurrency, onProgress, workerScript });
  const alone = await syncIntoFreshStore(onWorker, join(dir, 'alone.sqlite'), 0);
  const syncMs = alone.ms;
  const store = alone.store;

  const counts = store.counts();
  const perStep = alone.progress;
  const records = MIRROR_RESOURCES.reduce((n, r) => n + counts[r], 0) + counts.library_items;
  console.log(`\nfull sync: ${fmt(records)} records in ${(syncMs / 1000).toFixed(1)} s = ${fmt(records / (syncMs / 1000))} records/s`);

  console.log(`steps: ${[...alone.stepMs].map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
  console.log('\nrequests      made   minimum   ratio');
  let listMade = 0;
  let listMinimum = 0;
  for (const resource of MIRROR_RESOURCES) {
    const made = perStep.get(resource)?.requests ?? 0;
    // Pages of 100, and the short (or empty) page that says the list has ended.
    const minimum = Math.floor(counts[resource] / PAGE_SIZE) + 1;
    listMade += made;
    listMinimum += minimum;
    console.log(`${resource.padEnd(12)} ${String(made).padStart(6)} ${String(minimum).padStart(9)} ${(made / minimum).toFixed(3).padStart(7)}`);
  }
  const details: [string, number][] = [
    ['checksheet details', counts.checksheets],
    ['library items', counts.library_items],
    ['group members', counts.groups],
  ];
  let detailMade = 0;
  let detailMinimum = 0;
  for (const [step, minimum] of details) {
    const made = perStep.get(step)?.requests ?? 0;
    detailMade += made;
    detailMinimum += minimum;
    console.log(`${step.padEnd(12)} ${String(made).padStart(6)} ${String(minimum).padStart(9)} ${(made / Math.max(1, minimum)).toFixed(3).padStart(7)}`);
  }
  console.log(`${'lists'.padEnd(12)} ${String(listMade).padStart(6)} ${String(listMinimum).padStart(9)} ${(listMade / listMinimum).toFixed(3).padStart(7)}`);
  console.log(`${'all'.padEnd(12)} ${String(listMade + detailMade).padStart(6)} ${String(listMinimum + detailMinimum).padStart(9)} ${((listMade + detailMade) / (listMinimum + detailMinimum)).toFixed(3).padStart(7)}`);

  // ---- an unchanged resync ----
  const resyncStart = performance.now();
  const resync = await onWorker(store, () => {});
  const resyncMs = performance.now() - resyncStart;
  console.log(`\nunchanged resync: ${(resyncMs / 1000).toFixed(1)} s, ${resync.requests} requests, ${resync.changed} changed, ${resync.deleted} deleted`);
  store.close();

  // ---- the same full sync again, into a fresh store, while the grid keeps asking ----
  let withGrid: Awaited<ReturnType<typeof syncIntoFreshStore>> | undefined;
  if (gridEvery > 0) {
    withGrid = await syncIntoFreshStore(onWorker, join(dir, 'with-grid.sqlite'), gridEvery);
    withGrid.store.close();
    const describeLatencies = (what: string, xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      console.log(`${what}: ${xs.length} queries, p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`);
    };
    console.log(`\na second full sync, with a grid query every ${gridEvery} ms on the app's thread: ${(withGrid.ms / 1000).toFixed(1)} s`);
    describeLatencies('grid query while syncing (goal: p95 < 50 ms)', withGrid.latencies.all);
    describeLatencies('  on a table whose indexes are in place', withGrid.latencies.indexed);
    describeLatencies('  on a table in its first listing (no indexes yet)', withGrid.latencies.unindexed);
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  console.log(`peak RSS: ${fmt(peakRss / 1024 / 1024)} MB (goal: < 300 MB)`);

  // ---- the same full pull on this thread, to record its requests for the baseline ----
  const http = nodeHttpTransport({ maxSockets: concurrency });
  const fullSync: HttpRequest[] = [];
  const recording: HttpTransport = (req) => {
    fullSync.push(req);
    return http.transport(req);
  };
  const client = new EnlightClient({ baseUrl: url, apiKey: key, transport: recording, limiter });
  const onThisThread = await syncIntoFreshStore((store, onProgress) => pull({ client, store, concurrency, onProgress }), join(dir, 'this-thread.sqlite'), 0);
  onThisThread.store.close();
  console.log(`\nthe same full sync on this thread instead of a worker: ${(onThisThread.ms / 1000).toFixed(1)} s`);

  // ---- the baseline: the same GETs, same order, same concurrency, nothing parsed or stored ----
  const baseline = nodeHttpTransport({ maxSockets: concurrency });
  let next = 0;
  const baselineStart = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < fullSync.length) {
        const req = fullSync[next++] as HttpRequest;
        const res = await baseline.transport({ ...req, signal: undefined });
        if (res.status !== 200) throw new Error(`baseline ${req.url}: HTTP ${res.status}`);
      }
    }),
  );
  const baselineMs = performance.now() - baselineStart;
  console.log(
    `\nsync vs merely GETting the same ${fullSync.length} URLs with ${concurrency} in flight: ${(syncMs / 1000).toFixed(1)} s vs ${(baselineMs / 1000).toFixed(1)} s = ${(syncMs / baselineMs).toFixed(2)}x (goal: <= 1.25x)`,
  );
  if (withGrid) console.log(`  the sync that answered the grid meanwhile: ${(withGrid.ms / baselineMs).toFixed(2)}x`);
  baseline.close();
  client.close();
  http.close();
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
