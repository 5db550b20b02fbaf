// Push benchmark: starts `npm run sandbox` as its own process, queues a few thousand mixed edits in
// a local copy, pushes them, and prints
//   - entries/s pushed, against the sandbox's own request rate (plain PATCHes with the same number
//     in flight, measured first in this process);
//   - requests per entry, and the extra requests spent on conflict checks and reconciliation as a
//     share of the total;
// once on a healthy sandbox and once on one that drops 2% of connections and answers 500 to 2%.
//
//   npm run bench:push                          # 2000 edits, 4 in flight
//   npm run bench:push -- --edits 5000 --concurrency 8
import { parseArgs } from 'node:util';
import { EnlightClient } from '../src/main/api/EnlightClient';
import { RequestLimiter } from '../src/main/api/RequestLimiter';
import { Outbox } from '../src/main/outbox/Outbox';
import { push } from '../src/main/outbox/push';
import { MirrorStore } from '../src/main/store/MirrorStore';
import { pull } from '../src/main/sync/pull';
import { startSandboxProcess } from './support/sandboxProcess';

const { values } = parseArgs({ options: { edits: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '4' } } });
const edits = Number(values.edits);
const concurrency = Number(values.concurrency);

async function run(label: string, chaos: string[]) {
  const sandbox = await startSandboxProcess(['--scale', String(Math.max(1000, edits)), ...chaos]);
  const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.key, limiter: new RequestLimiter({ maxConcurrent: concurrency }) });
  const store = MirrorStore.open(':memory:');
  try {
    await pull({ client, store, concurrency });
    const students = [...store.records('students')];
    const groups = [...store.records('groups')];

    // The sandbox's own pace: plain PATCHes, no outbox, the same number in flight.
    const baselineCount = Math.min(500, students.length);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < baselineCount) {
          const s = students[next++] as { id: string; family_name?: string };
          await client.updateStudent(s.id, { family_name: String(s.family_name ?? '') }).catch(() => undefined);
        }
      }),
    );
    const baselineRate = baselineCount / ((performance.now() - t0) / 1000);

    // The queue: half updates of students, a fifth new students, new groups, group renames.
    const outbox = new Outbox(store);
    for (let i = 0; i < edits; i++) {
      const kind = i % 10;
      if (kind < 5) outbox.update('students', String(students[i % students.length]?.['id']), { family_name: `Bench ${i}` });
      else if (kind < 7) outbox.create('students', { given_name: 'Bench', family_name: `New ${i}`, email: `bench-${label}-${i}@example.com` });
      else if (kind < 9) outbox.create('groups', { name: `Bench group ${i}` });
      else outbox.update('groups', String(groups[i % groups.length]?.['id']), { name: `Bench renamed ${i}` });
    }
    const queued = outbox.counts().total;
    const before = client.stats.requests;
    const t1 = performance.now();
    const result = await push({ client, outbox, concurrency, untilSettled: true });
    const seconds = (performance.now() - t1) / 1000;
    const requests = client.stats.requests - before;
    const extra = result.requests.check + result.requests.reconcile;
    console.log(
      `${label.padEnd(8)} ${queued} entries in ${seconds.toFixed(1)} s = ${(queued / seconds).toFixed(0)} entries/s ` +
        `(sandbox alone: ${baselineRate.toFixed(0)} PATCH/s, so ${((queued / seconds / baselineRate) * 100).toFixed(0)}% of its pace)`,
    );
    console.log(
      `         ${requests} requests (${(requests / queued).toFixed(2)} per entry, retries included): sends ${result.requests.send}, ` +
        `conflict checks ${result.requests.check} (${((result.requests.check / requests) * 100).toFixed(1)}%), reconciliation ${result.requests.reconcile} (${((result.requests.reconcile / requests) * 100).toFixed(1)}%); ` +
        `extra ${((extra / requests) * 100).toFixed(1)}% of the total; left in the outbox: ${outbox.counts().total}`,
    );
    for (const e of outbox.entries()) console.log(`         left: #${e.seq} ${e.state} ${e.kind} ${e.resource} ${JSON.stringify(e.fields)}: ${e.message}`);
  } finally {
    store.close();
    client.close();
    await sandbox.stop();
  }
}

await run('healthy', []);
await run('chaos', ['--chaos', 'drop=0.02,error=0.02,seed=7']);
