// List-page throughput of the sandbox at scale: starts `npm run sandbox -- --scale N` as its own
// process (so client and server don't share an event loop), then pages through every list with
// a few requests in flight and prints pages/s and latency percentiles per resource.
//
//   npm run bench:sandbox                  # --scale 100000, 4 in flight
//   npm run bench:sandbox -- --scale 20000 --concurrency 8
import { parseArgs } from 'node:util';
import { startSandboxProcess } from './support/sandboxProcess';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '4' },
    'max-pages': { type: 'string', default: '100000' },
  },
});
const scale = Number(values.scale);
const concurrency = Number(values.concurrency);
const maxPages = Number(values['max-pages']);

const started = performance.now();
const sandbox = await startSandboxProcess(['--scale', String(scale)]);
const { url, key } = sandbox;
const startupMs = performance.now() - started;
console.log(`sandbox --scale ${scale}: listening after ${(startupMs / 1000).toFixed(2)} s (process start, seeding, indexes)`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function page(resource: string, offset: number): Promise<{ ms: number; count: number }> {
  const t = performance.now();
  const res = await fetch(`${url}/api/v1/${resource}?limit=100&offset=${offset}`, { headers: { Authorization: `Bearer ${key}` } });
  const body = (await res.json()) as unknown[];
  if (!res.ok || !Array.isArray(body)) throw new Error(`${resource} offset ${offset}: HTTP ${res.status}`);
  return { ms: performance.now() - t, count: body.length };
}

try {
  console.log('resource      pages   records   pages/s   p50 ms   p99 ms');
  for (const resource of ['courses', 'checksheets', 'students', 'enrollments', 'groups', 'users']) {
    const latencies: number[] = [];
    let records = 0;
    let next = 0;
    let done = false;
    const t = performance.now();
    // Workers take the next offset until a short page says the list has ended.
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (!done && latencies.length < maxPages) {
          const offset = next;
          next += 100;
          const result = await page(resource, offset);
          latencies.push(result.ms);
          records += result.count;
          if (result.count < 100) done = true;
        }
      }),
    );
    const seconds = (performance.now() - t) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `${resource.padEnd(12)} ${String(latencies.length).padStart(6)} ${String(records).padStart(9)} ${(latencies.length / seconds).toFixed(0).padStart(9)} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 99).toFixed(1).padStart(8)}`,
    );
  }
} finally {
  await sandbox.stop();
}
