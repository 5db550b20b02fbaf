// Full-sync benchmark: starts `npm run sandbox -- --scale N` as its own process on loopback, then
// runs full pulls into fresh SQLite files as the app does, and prints
//   - records/s;
//   - requests made against the minimum needed (lists at 100 a page, ending on a short page, plus
//     the details the lists lack), per list and in all;
//   - wall time of the sync against merely GETting the same URLs, in the same order, with the same
//     concurrency (the baseline, run last in the same process as the syncs; the URLs are recorded
//     first, from a full pull on this thread, whose time is printed too);
//   - the time of an unchanged resync;
//   - the time of a first sync stopped half-way through the enrollments and resumed;
//   - p95 latency of a grid-style query (a sorted, filtered window of 100 rows with its total)
//     asked every 100 ms (--grid-every) on the app's connection and thread, during a second full
//     sync into another fresh store; in all, and apart on tables whose indexes are in place and on
//     tables in their first listing;
//   - the peak RSS of the process that ran those syncs;
//   - the sync against the baseline again, over --pairs pairs run in turn (a sync into a fresh
//     store and a baseline, in alternating order), with their median: this machine's speed drifts
//     by a quarter within minutes, so a single pair can mislead;
//   - the sandbox's CPU in each run of those pairs (from /proc, on Linux), and how long it sat
//     waiting for the client: its own work drifts with the machine, the waiting is the client's.
//
// The app's syncs (the first, the resync, the one with the grid) and the baseline run in a process
// of their own, bench/syncAppProcess.ts, built and started with plain node as the app's main
// process runs them: the pull on a worker thread from the app's build (`out/main/pullWorker.js`:
// the bench builds the app first), and no tsx loader in the process whose memory is measured.
//
//   npm run bench:sync                       # --scale 100000, 4 in flight
//   npm run bench:sync -- --scale 20000 --concurrency 8
//   npm run bench:sync -- --latency 20      # every answer 20 ms late, as over a network
//   npm run bench:sync -- --gzip            # the sandbox compresses its answers
import { execSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EnlightClient } from '../src/main/api/EnlightClient';
import { RequestLimiter } from '../src/main/api/RequestLimiter';
import { nodeHttpTransport, type HttpRequest, type HttpTransport } from '../src/main/api/transport';
import { MirrorStore } from '../src/main/store/MirrorStore';
import { MIRROR_RESOURCES } from '../src/main/store/mirrorColumns';
import { pull } from '../src/main/sync/pull';
import { PAGE_SIZE, PAGE_STEP } from '../src/main/sync/walkList';
import { buildForNode } from './support/buildForNode';
import { startSandboxProcess } from './support/sandboxProcess';
import type { SyncAppResults, SyncAppSettings } from './syncAppProcess';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '4' },
    'grid-every': { type: 'string', default: '100' },
    pairs: { type: 'string', default: '3' },
    // The issue's figures are on loopback, where the client's own work is all that separates a
    // sync from plain GETs; a delay on every answer shows how much of that a network hides.
    latency: { type: 'string', default: '0' },
    // The sandbox compresses its answers, as a real server's front does: on loopback a cost, over
    // a slow network most of the saving.
    gzip: { type: 'boolean', default: false },
  },
});
const latency = Number(values.latency);
if (!Number.isSafeInteger(latency) || latency < 0) throw new Error(`--latency takes whole milliseconds (got ${values.latency})`);
const scale = Number(values.scale);
const concurrency = Number(values.concurrency);
/** How often the grid asks while the sync runs (ms); 0 for a sync alone. A user scrolling asks a few times a second. */
const gridEvery = Number(values['grid-every']);
/** Pairs of a full sync and a GET-only baseline, run in turn (--pairs); the median ratio is the figure. */
const pairs = Math.max(1, Number(values.pairs));

// ---- the app's build, the process that runs its syncs, and the sandbox in a process of its own ----
const startedAt = performance.now();
execSync('npx electron-vite build', { stdio: 'ignore' });
const workerScript = join(process.cwd(), 'out', 'main', 'pullWorker.js');
const appProcess = await buildForNode('bench/syncAppProcess.ts', 'syncAppProcess');
const sandbox = await startSandboxProcess(['--scale', String(scale), ...(latency > 0 ? ['--latency', String(latency)] : []), ...(values.gzip ? ['--gzip'] : [])]);
const { url, key } = sandbox;
console.log(
  `sandbox --scale ${scale}${latency > 0 ? ` --latency ${latency}` : ''}${values.gzip ? ' --gzip' : ''} listening after ${((performance.now() - startedAt) / 1000).toFixed(1)} s; ${concurrency} requests in flight`,
);

const dir = mkdtempSync(join(tmpdir(), 'enlight-bench-sync-'));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => fmt(bytes / 1024 / 1024);
const s = (ms: number) => (ms / 1000).toFixed(1);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Runs the app's syncs in their own process (bench/syncAppProcess.ts) and reads what it measured. */
async function runAppSyncs(baselineRequests: string): Promise<SyncAppResults> {
  const settings: SyncAppSettings = { url, key, concurrency, gridEvery, dir, workerScript, baselineRequests, pairs, serverPid: sandbox.pid };
  const child = spawn(process.execPath, [appProcess, JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the app's syncs ended with exit code ${code}`);
  return JSON.parse(output) as SyncAppResults;
}

try {
  // ---- a full pull on this thread, to record the requests a sync makes for the baseline ----
  const limiter = new RequestLimiter({ maxConcurrent: concurrency });
  const http = nodeHttpTransport({ maxSockets: concurrency });
  const recorded: HttpRequest[] = [];
  const recording: HttpTransport = (req) => {
    recorded.push({ ...req, signal: undefined });
    return http.transport(req);
  };
  const client = new EnlightClient({ baseUrl: url, apiKey: key, transport: recording, limiter });
  const store = MirrorStore.open(join(dir, 'this-thread.sqlite'));
  const threadStart = performance.now();
  const onThisThread = await pull({ client, store, concurrency });
  const threadMs = performance.now() - threadStart;
  store.close();
  client.close();
  http.close();
  if (onThisThread.outcome !== 'complete') throw new Error(`the sync on this thread ended ${onThisThread.outcome}`);
  const baselineRequests = join(dir, 'baseline-requests.json');
  writeFileSync(baselineRequests, JSON.stringify(recorded));

  const app = await runAppSyncs(baselineRequests);
  const { alone, resync, withGrid } = app;
  const counts = alone.counts;
  const records = counts['all'] ?? 0;
  const syncMs = alone.ms;
  console.log(`\nfull sync: ${fmt(records)} records in ${(syncMs / 1000).toFixed(1)} s = ${fmt(records / (syncMs / 1000))} records/s`);
  console.log(`steps: ${alone.stepMs.map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);

  // The minimum: pages of 100, and the short (or empty) page that says the list has ended. A
  // drift-safe walk (walkList.ts) starts each page on the last record of the one before, which is
  // how it sees a record deleted behind it: that costs one page in 99, shown apart.
  const minimumPages = (records: number) => Math.floor(records / PAGE_SIZE) + 1;
  const overlappingPages = (records: number) => (records < PAGE_SIZE ? 1 : Math.floor((records - PAGE_SIZE) / PAGE_STEP) + 2);
  const row = (name: string, made: number, minimum: number, overlapping?: number) =>
    `${name.padEnd(18)} ${String(made).padStart(6)} ${String(minimum).padStart(8)} ${(made / Math.max(1, minimum)).toFixed(3).padStart(6)}` +
    (overlapping === undefined ? '' : ` ${String(overlapping).padStart(12)} ${(made / overlapping).toFixed(3).padStart(6)}`);
  console.log(`\nrequests             made  minimum  ratio  overlapping  ratio`);
  let listMade = 0;
  let listMinimum = 0;
  let listOverlapping = 0;
  for (const resource of MIRROR_RESOURCES) {
    const made = alone.requests[resource] ?? 0;
    const minimum = minimumPages(counts[resource] ?? 0);
    const overlapping = overlappingPages(counts[resource] ?? 0);
    listMade += made;
    listMinimum += minimum;
    listOverlapping += overlapping;
    console.log(row(resource, made, minimum, overlapping));
  }
  const details: [string, number][] = [
    ['checksheet details', counts['checksheets'] ?? 0],
    ['library items', counts['library_items'] ?? 0],
    ['group members', counts['groups'] ?? 0],
  ];
  let detailMade = 0;
  let detailMinimum = 0;
  for (const [step, minimum] of details) {
    const made = alone.requests[step] ?? 0;
    detailMade += made;
    detailMinimum += minimum;
    console.log(row(step, made, minimum));
  }
  console.log(row('lists', listMade, listMinimum, listOverlapping));
  console.log(row('all', listMade + detailMade, listMinimum + detailMinimum));
  console.log(
    `(overlapping: the pages of a walk whose pages overlap by one record, the price of seeing deletions made while it pages; ` +
      `past that, a first listing, not knowing where a list ends, asks for up to ${concurrency - 1} pages past its end)`,
  );

  console.log(`\nunchanged resync: ${(resync.ms / 1000).toFixed(1)} s, ${resync.requests} requests, ${resync.changed} changed, ${resync.deleted} deleted`);
  // A resync knows where each list ended last time, so it asks for no page past the end.
  console.log(`  its lists: ${resync.listRequests} requests against ${listMinimum} minimum (${(resync.listRequests / listMinimum).toFixed(3)}) and ${listOverlapping} overlapping (${(resync.listRequests / listOverlapping).toFixed(3)})`);

  const { resumed } = app;
  console.log(
    `\na first sync stopped at ${fmt(resumed.stoppedAtRecords)} enrollments, after ${s(resumed.stoppedMs)} s, then resumed: ${s(resumed.resumedMs)} s more, ` +
      `${resumed.resumedRequests} requests (every other list is listed again: a sync ends equal to the server as it is then)`,
  );

  if (withGrid) {
    const describeLatencies = (what: string, xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      console.log(`${what}: ${xs.length} queries, p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`);
    };
    console.log(`\na second full sync, with a grid query every ${gridEvery} ms on the app's thread: ${(withGrid.ms / 1000).toFixed(1)} s`);
    describeLatencies('grid query while syncing (goal: p95 < 50 ms)', withGrid.latencies.all);
    describeLatencies('  on a table whose indexes are in place', withGrid.latencies.indexed);
    describeLatencies('  on a table in its first listing (no indexes yet)', withGrid.latencies.unindexed);
    const { computed, grown } = withGrid.listingAnswers;
    console.log(`  answers over a table in its first listing: ${computed} computed whole, ${grown} grown from a kept answer with the rows added since`);
  }
  console.log(`\npeak RSS of the process that ran the app's syncs: ${mb(app.peakRss)} MB (goal: < 300 MB); ${mb(app.startRss)} MB when it started`);
  console.log(`  highest sampled during each: ${Object.entries(app.peakRssDuring).filter(([name]) => name !== 'start').map(([name, bytes]) => `${name} ${mb(bytes)} MB`).join(', ')} (run after the peak was taken)`);

  console.log(`\nthe same full sync on this thread instead of a worker, in this process (under tsx), run first: ${(threadMs / 1000).toFixed(1)} s`);

  // ---- the baseline, run last in the app's syncs' process ----
  const baselineMs = app.baseline.ms;
  console.log(
    `\nsync vs merely GETting the same ${app.baseline.requests} URLs with ${concurrency} in flight: ${(syncMs / 1000).toFixed(1)} s vs ${(baselineMs / 1000).toFixed(1)} s = ${(syncMs / baselineMs).toFixed(2)}x (goal: <= 1.25x)`,
  );
  if (withGrid) console.log(`  the sync that answered the grid meanwhile: ${(withGrid.ms / baselineMs).toFixed(2)}x`);
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length % 2 ? (sorted[(sorted.length - 1) / 2] as number) : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;
  };
  if (app.pairs.length > 1) {
    const ratios = app.pairs.map((p) => p.syncMs / p.baselineMs);
    console.log(
      `sync vs GET-only, ${app.pairs.length} pairs run in turn: ${app.pairs.map((p, i) => `${s(p.syncMs)}/${s(p.baselineMs)} s = ${(ratios[i] as number).toFixed(2)}x`).join(', ')}; median ${median(ratios).toFixed(2)}x (goal: <= 1.25x)`,
    );
  }
  // The sandbox's own work in each run, read off its process: on a shared machine its speed drifts
  // between runs, and the time it sat waiting for the client is what the client can still win.
  const measured = app.pairs.filter((p) => p.syncServerMs !== null && p.baselineServerMs !== null) as { syncMs: number; baselineMs: number; syncServerMs: number; baselineServerMs: number }[];
  if (measured.length > 0) {
    console.log(
      `the sandbox's CPU in each pair, sync/GET-only: ${measured.map((p) => `${s(p.syncServerMs)}/${s(p.baselineServerMs)} s`).join(', ')}; ` +
        // (Clock ticks round the CPU time: a run that kept the server busy throughout can show it
        // using a little more than the wall time.)
        `it waited for the client a median ${s(Math.max(0, median(measured.map((p) => p.syncMs - p.syncServerMs))))} s of each sync, ${s(Math.max(0, median(measured.map((p) => p.baselineMs - p.baselineServerMs))))} s of each GET-only run`,
    );
  }
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
