// Overview benchmark: starts `npm run sandbox -- --scale N` as its own process, syncs it into a
// fresh SQLite file (as bench/sync.ts does), then prints
//   - the time to compute the whole Overview page from nothing (no counts kept), without and with
//     each of the page's filters (goal: under 100 ms at --scale 100000);
//   - the time to refresh the page after one local edit of an enrollment (goal: under 20 ms).
// Each is the median of several runs, on the app's own thread and connection.
//
//   npm run bench:overview                    # --scale 100000
//   npm run bench:overview -- --scale 20000 --runs 9
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EnlightClient } from '../src/main/api/EnlightClient';
import { RequestLimiter } from '../src/main/api/RequestLimiter';
import { nodeHttpTransport } from '../src/main/api/transport';
import { Outbox } from '../src/main/outbox/Outbox';
import { OverviewPages } from '../src/main/overview/OverviewPages';
import { MirrorStore } from '../src/main/store/MirrorStore';
import { pull } from '../src/main/sync/pull';
import type { OverviewFilters } from '../src/shared/bridge';
import { startSandboxProcess } from './support/sandboxProcess';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
  },
});
const scale = Number(values.scale);
const runs = Math.max(1, Number(values.runs));

const startedAt = performance.now();
const sandbox = await startSandboxProcess(['--scale', String(scale)]);
console.log(`sandbox --scale ${scale} listening after ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
const dir = mkdtempSync(join(tmpdir(), 'enlight-bench-overview-'));
const ms = (n: number) => `${n.toFixed(1)} ms`;
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? NaN;
const timed = (work: () => void): number => {
  const start = performance.now();
  work();
  return performance.now() - start;
};

try {
  const http = nodeHttpTransport({ maxSockets: 4 });
  const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.key, transport: http.transport, limiter: new RequestLimiter({ maxConcurrent: 4 }) });
  const store = MirrorStore.open(join(dir, 'mirror.sqlite'));
  const syncStart = performance.now();
  const result = await pull({ client, store, concurrency: 4 });
  if (result.outcome !== 'complete') throw new Error(`the sync ended ${result.outcome}: ${result.errors.map((e) => e.message).join('; ')}`);
  const counts = store.counts();
  console.log(`synced ${counts.enrollments.toLocaleString('en-US')} enrollments, ${counts.students.toLocaleString('en-US')} students, ${counts.groups.toLocaleString('en-US')} groups in ${((performance.now() - syncStart) / 1000).toFixed(1)} s\n`);

  const outbox = new Outbox(store);
  const noOutbox = { pending: 0, rejected: 0, conflict: 0 };
  const some = (sql: string) => store.db.prepare(sql).pluck().get() as string;
  const filters: [string, OverviewFilters][] = [
    ['whole organisation', {}],
    ['one course', { courseId: some(`SELECT course_id FROM enrollments GROUP BY course_id ORDER BY COUNT(*) DESC LIMIT 1`) }],
    ['one instructor', { instructorId: some(`SELECT instructor_id FROM enrollments WHERE instructor_id IS NOT NULL GROUP BY instructor_id ORDER BY COUNT(*) DESC LIMIT 1`) }],
    ['one group', { groupId: some(`SELECT group_id FROM group_memberships GROUP BY group_id ORDER BY COUNT(*) DESC LIMIT 1`) }],
  ];

  // The whole page from nothing: a new OverviewPages each run keeps no counts from the run before.
  console.log('whole page, counted from nothing (median of runs):');
  for (const [label, page] of filters) {
    const samples = Array.from({ length: runs }, () => timed(() => new OverviewPages(store).get(page, noOutbox)));
    console.log(`  ${label.padEnd(20)} ${ms(median(samples)).padStart(10)}   (first ${ms(samples[0] ?? NaN)})${label === 'whole organisation' ? '   goal: < 100 ms' : ''}`);
  }

  // After one local edit: the page was shown, an enrollment's expiry is changed, the page asked for again.
  console.log('\nrefresh after one local edit (median of runs):');
  const open = store.db.prepare(`SELECT id, expires_at FROM enrollments WHERE active = 1 AND completed_at IS NULL AND expires_at > ? LIMIT ?`).all(new Date().toISOString(), runs) as {
    id: string;
    expires_at: string;
  }[];
  for (const [label, page] of filters) {
    const pages = new OverviewPages(store);
    pages.get(page, noOutbox);
    const samples = open.map((e) => {
      outbox.update('enrollments', e.id, { expires_at: new Date(Date.parse(e.expires_at) + 86_400_000).toISOString() });
      return timed(() => pages.get(page, noOutbox));
    });
    while (outbox.undo());
    console.log(`  ${label.padEnd(20)} ${ms(median(samples)).padStart(10)}   (max ${ms(Math.max(...samples))})${label === 'whole organisation' ? '   goal: < 20 ms' : ''}`);
  }

  store.close();
  client.close();
  http.close();
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
