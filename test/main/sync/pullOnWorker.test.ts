// The pull as the app and the command line run it: on a worker thread, over its own connection to
// the account's mirror, with the app's limiter lent to it. Against the sandbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { RequestLimiter } from '../../../src/main/api/RequestLimiter';
import { Outbox } from '../../../src/main/outbox/Outbox';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { pullOnWorker } from '../../../src/main/sync/pullOnWorker';
import { isEnlightError } from '../../../src/shared/errors';
import type { SyncProgress } from '../../../src/shared/syncProgress';
import { startSandbox } from '../../../src/sandbox/server';
import { expectMirrorMatchesSandbox } from '../../support/mirrorMatchesSandbox';

const open: { close(): unknown }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

async function setUp() {
  const sandbox = await startSandbox({ scale: 300 });
  open.push(sandbox);
  const dir = mkdtempSync(join(tmpdir(), 'enlight-pull-worker-'));
  dirs.push(dir);
  // The app's own connection: the grids read through it while the worker writes.
  const store = MirrorStore.open(join(dir, 'mirror.sqlite'));
  open.push(store);
  const limiter = new RequestLimiter({ maxConcurrent: 4 });
  const options = { client: { baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, retryBaseMs: 1 }, limiter, store, storeOptions: { buildOnWorkerFrom: 0 } };
  return { sandbox, store, limiter, options };
}

describe('a pull on a worker thread', () => {
  it('says which request it is trying again, and why, while a server fails now and then', async () => {
    const { sandbox, store, options } = await setUp();
    sandbox.setChaos('error=0.2,seed=5');
    const retries: NonNullable<SyncProgress['retrying']>[] = [];
    let last: SyncProgress | undefined;
    const result = await pullOnWorker({
      ...options,
      onProgress: (p) => {
        if (p.retrying) retries.push(p.retrying);
        last = p;
      },
    });
    expect(result.outcome).toBe('complete');
    expect(retries.length).toBeGreaterThan(0);
    expect(retries[0]).toMatchObject({ endpoint: expect.stringMatching(/^GET \/api\/v1\//) as unknown, reason: 'server-error', status: 500, of: 6 });
    // Answered in the end: the last word is not a retry.
    expect(last?.retrying ?? null).toBeNull();
    sandbox.setChaos('');
    expectMirrorMatchesSandbox(store, sandbox);
  });

  it("fills the app's mirror with exactly what the organisation holds, reporting progress and changes, and gives back every slot", async () => {
    const { sandbox, store, limiter, options } = await setUp();
    const progress: SyncProgress[] = [];
    const changed = new Set<string>();
    const cacheSize = () => store.db.pragma('cache_size', { simple: true });
    const cacheSizes = new Set<unknown>();
    const result = await pullOnWorker({
      ...options,
      onProgress: (p) => {
        progress.push(p);
        cacheSizes.add(cacheSize());
      },
      onChange: (resource, ids) => ids.forEach((id) => changed.add(`${resource}:${id}`)),
    });

    expect(result.outcome).toBe('complete');
    // The app's connection made way for the sync's (MirrorStore.makeWayForSync), and has its cache back.
    expect([...cacheSizes]).toEqual([-8 * 1024]);
    expect(cacheSize()).toBe(-32 * 1024);
    expectMirrorMatchesSandbox(store, sandbox);
    expect(progress.at(-1)?.resources.every((r) => r.phase === 'done')).toBe(true);
    expect(changed.size).toBeGreaterThanOrEqual(store.counts().students + store.counts().enrollments);
    expect(limiter.active).toBe(0);

    const again = await pullOnWorker(options);
    expect(again).toMatchObject({ outcome: 'complete', changed: 0, deleted: 0 });
  });

  it('never deletes a record with edits still to send, though the edits were queued on the app connection', async () => {
    const { sandbox, store, options } = await setUp();
    await pullOnWorker(options);
    const outbox = new Outbox(store);
    const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    open.push(client);
    const [edited, untouched] = await client.list('groups', { limit: 2, offset: 0 });
    outbox.update('groups', edited!.id, { name: 'Renamed here' });
    await client.deleteGroup(edited!.id);
    await client.deleteGroup(untouched!.id);

    const result = await pullOnWorker(options);
    expect(result.outcome).toBe('complete');
    expect(store.get('groups', edited!.id)).toBeDefined();
    expect(store.get('groups', untouched!.id)).toBeUndefined();
  });

  it('stops at a checkpoint when asked, and the next pull carries on to the end', async () => {
    const { sandbox, store, options } = await setUp();
    const stop = new AbortController();
    const stopped = await pullOnWorker({
      ...options,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.resources.some((r) => r.resource === 'students' && r.records > 0)) stop.abort();
      },
    });
    expect(stopped.outcome).toBe('stopped');
    expect(store.lastRun()?.outcome).toBe('stopped');

    const resumed = await pullOnWorker(options);
    expect(resumed.outcome).toBe('complete');
    expectMirrorMatchesSandbox(store, sandbox);
  });

  it("fails with the client's own error, code and words, for a key the server refuses", async () => {
    const { options } = await setUp();
    const error: unknown = await pullOnWorker({ ...options, client: { ...options.client, apiKey: 'x'.repeat(32) } }).catch((e: unknown) => e);
    expect(isEnlightError(error)).toBe(true);
    expect(isEnlightError(error) && error.code).toBe('auth');
    expect(isEnlightError(error) && error.message).toMatch(/key/i);
  });
});
