// Pulls against the sandbox, checked record for record against what the sandbox holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { RequestLimiter } from '../../../src/main/api/RequestLimiter';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { pull } from '../../../src/main/sync/pull';
import type { SyncProgress } from '../../../src/shared/syncProgress';
import { startSandbox, type SandboxOptions } from '../../../src/sandbox/server';
import { corruptingProxy } from '../../support/corruptingProxy';
import { expectMirrorMatchesSandbox } from '../../support/mirrorMatchesSandbox';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function setUp(options: SandboxOptions = {}) {
  const sandbox = await startSandbox({ scale: 300, ...options });
  open.push(sandbox);
  const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, limiter: new RequestLimiter({ maxConcurrent: 4 }), retryBaseMs: 1 });
  open.push(client);
  const store = MirrorStore.open(':memory:');
  open.push(store);
  return { sandbox, client, store };
}

describe('a first sync and a resync', () => {
  it('fill the mirror with exactly what the organisation holds, and a resync changes nothing', async () => {
    const { sandbox, client, store } = await setUp();
    const progress: SyncProgress[] = [];
    const first = await pull({ client, store, onProgress: (p) => progress.push(p) });
    expect(first.outcome).toBe('complete');
    expectMirrorMatchesSandbox(store, sandbox);
    expect(progress.at(-1)?.resources.every((r) => r.phase === 'done')).toBe(true);
    expect(progress.some((p) => p.resources.some((r) => r.phase === 'listing' && r.records > 0))).toBe(true);

    const again = await pull({ client, store });
    expect(again).toMatchObject({ outcome: 'complete', changed: 0, deleted: 0 });
    expectMirrorMatchesSandbox(store, sandbox);
  });

  it('brings in edits, creations and deletions made on the server since', async () => {
    const { sandbox, client, store } = await setUp();
    await pull({ client, store });
    const students = await client.list('students', { limit: 3, offset: 10 });
    await client.updateStudent(students[0]!.id, { family_name: 'Renamed' });
    await client.createGroup({ name: 'New cohort' });
    const groups = await client.list('groups', { limit: 1, offset: 2 });
    await client.deleteGroup(groups[0]!.id);
    const courses = await client.list('courses', { limit: 1, offset: 3 });
    await client.cancelCourse(courses[0]!.id);

    const result = await pull({ client, store });
    expect(result.outcome).toBe('complete');
    expect(result.deleted).toBeGreaterThanOrEqual(2);
    expectMirrorMatchesSandbox(store, sandbox);
  });

  it('fill it the same from a server that compresses its answers', async () => {
    const { sandbox, client, store } = await setUp({ gzip: true });
    expect((await pull({ client, store })).outcome).toBe('complete');
    expectMirrorMatchesSandbox(store, sandbox);
  });

  it('never keeps a student api_key', async () => {
    const { client, store } = await setUp();
    await pull({ client, store });
    const text = JSON.stringify(store.db.prepare(`SELECT * FROM students`).all());
    expect(text).not.toContain('api_key');
  });
});

describe('a sync on a bad day', () => {
  it('misses nothing through 500s, dropped connections, 429s and lists that drift as it pages, and settles equal once the server holds still', async () => {
    const { sandbox, client, store } = await setUp({ chaos: 'error=0.1,drop=0.05,throttle=0.05,drift=0.15,seed=11' });
    const before = new Map<string, Set<string>>();
    for (const resource of ['courses', 'students', 'enrollments', 'groups', 'users'] as const) {
      before.set(resource, new Set(sandbox.store.list<{ id: string }>(resource, sandbox.org.id, 1e9, 0).map((r) => r.id)));
    }
    const result = await pull({ client, store, maxPasses: 8 });
    expect(result.outcome).toBe('complete');

    // Every record that was there before and is still there after must be in the mirror: a
    // record skipped because the list shifted under the pager would be missing here.
    for (const [resource, ids] of before) {
      const now = new Set(sandbox.store.list<{ id: string }>(resource as 'courses', sandbox.org.id, 1e9, 0).map((r) => r.id));
      for (const id of ids) if (now.has(id)) expect(store.get(resource as 'courses', id), `${resource} ${id}`).toBeDefined();
    }

    // The sandbox's drift is caused by list requests themselves, even the last ones of a pass;
    // once the bad day is over, one more pull must leave the mirror exactly equal.
    sandbox.setChaos('error=0');
    const settle = await pull({ client, store });
    expect(settle.outcome).toBe('complete');
    expect(Object.values(settle.driftFree).every(Boolean)).toBe(true);
    expectMirrorMatchesSandbox(store, sandbox);
  });

  it.each([
    ['malformed JSON', { status: 200, body: '[{"id": "a", ' }],
    ['an HTML error page', { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', contentType: 'text/html' }],
    ['a record without an id', { status: 200, body: '[{"name": "no id here"}]' }],
    ['a wrong type', { status: 200, body: '[{"id": 42, "name": "Class of 2020"}]' }],
  ])('stops only the affected step on %s, naming the endpoint and keeping what was synced', async (_kind, replacement) => {
    const { sandbox, store } = await setUp();
    // The groups list is broken; every other list and detail answers normally.
    const proxy = await corruptingProxy(sandbox.url, (method, path) => (method === 'GET' && path.startsWith('/api/v1/groups?') ? replacement : undefined));
    open.push(proxy);
    const client = new EnlightClient({ baseUrl: proxy.url, apiKey: sandbox.org.ownerApiKey, retryBaseMs: 1, retries: 1 });
    open.push(client);
    const result = await pull({ client, store });
    expect(result.outcome).toBe('partial');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ step: 'groups' });
    expect(result.errors[0]?.message).toContain('/api/v1/groups');
    expect(result.errors[0]?.endpoint).toContain('/api/v1/groups');
    for (const resource of ['users', 'courses', 'checksheets', 'students', 'enrollments'] as const) {
      expect(store.count(resource), resource).toBe(sandbox.store.count(resource, sandbox.org.id));
    }
  });
});

describe('a disk that fills up', () => {
  it('stops the sync at once, says so in plain words, keeps what was synced, and carries on once there is room', async () => {
    const { sandbox, client, store: reference } = await setUp();
    // How many pages the whole mirror takes, to leave room for a quarter of it.
    await pull({ client, store: reference });
    const room = Math.ceil(Number(reference.db.pragma('page_count', { simple: true })) / 4);

    const dir = mkdtempSync(join(tmpdir(), 'enlight-full-'));
    const store = MirrorStore.open(join(dir, 'mirror.sqlite'));
    open.push({ close: () => store.close().then(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 })) });
    // SQLite answers past this size as it does on a full disk.
    store.db.pragma(`max_page_count = ${room}`);
    const phases = new Map<string, string>();
    const failed = pull({ client, store, onProgress: (p) => p.resources.forEach((r) => phases.set(r.resource, r.phase)) });
    await expect(failed).rejects.toThrow(`The disk holding this account's data (${dir}) is full.`);
    await expect(failed).rejects.toThrow(/sync again: what was synced so far is kept/);
    expect(store.lastRun()).toMatchObject({ outcome: 'failed' });
    expect(store.lastRun()?.message).toContain('is full');

    // Stopped at the first list that could not be written: no later step was tried.
    const order = ['users', 'courses', 'checksheets', 'students', 'groups', 'enrollments'] as const;
    const stoppedAt = order.findIndex((r) => store.listState(r).lastCompleteAt === null);
    expect(stoppedAt).toBeGreaterThan(0);
    for (const later of [...order.slice(stoppedAt + 1), 'group members', 'checksheet details', 'library items']) expect(phases.get(later), later).toBe('waiting');
    const kept = order.slice(0, stoppedAt).map((r) => [r, store.count(r)] as const);
    for (const [resource, n] of kept) expect(n, resource).toBe(sandbox.store.count(resource, sandbox.org.id));
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Room again: the next sync ends equal to the server.
    store.db.pragma(`max_page_count = 1073741823`);
    expect((await pull({ client, store })).outcome).toBe('complete');
    expectMirrorMatchesSandbox(store, sandbox);
  });
});

describe('two syncs of one account', () => {
  it('never run at once, whichever process starts them: the second is refused before it does anything', async () => {
    const { sandbox, client } = await setUp();
    const dir = mkdtempSync(join(tmpdir(), 'enlight-two-syncs-'));
    const file = join(dir, 'mirror.sqlite');
    // Two connections to one file, as the app and the CLI have.
    const app = MirrorStore.open(file);
    const cli = MirrorStore.open(file);
    open.push({ close: () => Promise.all([app.close(), cli.close()]).then(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 })) });

    const cliClient = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, retryBaseMs: 1 });
    open.push(cliClient);

    const first = pull({ client, store: app });
    await expect(pull({ client: cliClient, store: cli })).rejects.toThrow(/Another sync of this account is running .* This one was not started/);
    expect((await first).outcome).toBe('complete');
    // The refused one recorded no run of its own, and sent nothing.
    expect(app.db.prepare(`SELECT COUNT(*) FROM sync_runs`).pluck().get()).toBe(1);
    expect(cliClient.stats.requests).toBe(0);

    // Once the first has ended, the lock is free again.
    expect((await pull({ client: cliClient, store: cli })).outcome).toBe('complete');
    expectMirrorMatchesSandbox(cli, sandbox);
  });
});
