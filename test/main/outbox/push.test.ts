// Pushing the outbox to the sandbox: exactly the intended server state, in dependency order, with
// every conflict kind shown and settled, refused edits held and fixed, and no create ever doubled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { RequestLimiter } from '../../../src/main/api/RequestLimiter';
import { Outbox } from '../../../src/main/outbox/Outbox';
import { push } from '../../../src/main/outbox/push';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { pull } from '../../../src/main/sync/pull';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/server';
import { answerLosingProxy } from '../../support/answerLosingProxy';
import { expectMirrorMatchesSandbox } from '../../support/mirrorMatchesSandbox';

type Json = Record<string, unknown>;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function clientFor(url: string, key: string) {
  const client = new EnlightClient({ baseUrl: url, apiKey: key, limiter: new RequestLimiter({ maxConcurrent: 4 }), retryBaseMs: 1, retries: 1 });
  cleanups.push(() => client.close());
  return client;
}

async function setUp(options: SandboxOptions = {}) {
  const sandbox = await startSandbox({ scale: 60, ...options });
  cleanups.push(() => sandbox.close());
  const client = clientFor(sandbox.url, sandbox.org.ownerApiKey);
  const store = MirrorStore.open(':memory:');
  cleanups.push(() => store.close());
  const outbox = new Outbox(store);
  await pull({ client, store });
  return { sandbox, client, store, outbox };
}

const serverList = (sandbox: Sandbox, resource: string) => sandbox.store.list<Json>(resource as never, sandbox.org.id, 1_000_000, 0);
const first = (store: MirrorStore, resource: 'students' | 'courses' | 'groups' | 'users' | 'enrollments', n = 0) => [...store.records(resource)][n] as Json;
const anInstructor = (store: MirrorStore) => [...store.records('users')].find((u) => u['role'] === 'instructor' || u['role'] === 'owner') as Json;

describe('edits made offline', () => {
  it('wait while the server is down, lose nothing, and then produce exactly the intended state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enlight-offline-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
    const db = join(dir, 'sandbox.sqlite');
    let sandbox = await startSandbox({ scale: 60, db });
    const { port } = new URL(sandbox.url);
    const key = sandbox.org.ownerApiKey;
    const client = clientFor(sandbox.url, key);
    const store = MirrorStore.open(':memory:');
    cleanups.push(() => store.close());
    const outbox = new Outbox(store);
    await pull({ client, store });
    await sandbox.close();

    // Offline: the edits show at once and wait.
    const student = first(store, 'students');
    const course = first(store, 'courses');
    const group = first(store, 'groups');
    outbox.update('students', String(student['id']), { family_name: 'Offline-Renamed' });
    const newGroup = outbox.create('groups', { name: 'Made on the train' });
    outbox.remove('groups', String(group['id']));
    outbox.update('courses', String(course['id']), { price_cents: 4200 });
    const offline = await push({ client, outbox });
    expect(offline.done).toBe(0);
    expect(outbox.counts().total).toBe(4);
    // Each says why it waits; the create, whose connection may have broken after sending, is to be
    // looked for on the server before it is sent again.
    expect(outbox.entries().map((e) => [e.kind, e.state === 'pending' || (e.kind === 'create' && e.state === 'unknown'), Boolean(e.message)])).toEqual([
      ['update', true, true],
      ['create', true, true],
      ['delete', true, true],
      ['update', true, true],
    ]);

    sandbox = await startSandbox({ db, port: Number(port) });
    cleanups.push(() => sandbox.close());
    // Backoffs are for a flaky server; the user pressed "send now".
    for (const e of outbox.entries()) outbox.retry(e.seq);
    const online = await push({ client, outbox, untilSettled: true });
    expect(online).toMatchObject({ done: 4, rejected: 0, conflicts: 0 });
    expect(outbox.counts().total).toBe(0);

    expect(sandbox.store.student(sandbox.org.id, String(student['id']))).toMatchObject({ family_name: 'Offline-Renamed' });
    expect(serverList(sandbox, 'groups').filter((g) => g['name'] === 'Made on the train')).toHaveLength(1);
    expect(serverList(sandbox, 'groups').some((g) => g['id'] === group['id'])).toBe(false);
    expect(serverList(sandbox, 'courses').find((c) => c['id'] === course['id'])).toMatchObject({ price_cents: 4200 });
    expect(outbox.resolve(newGroup)).not.toBe(newGroup);
    await pull({ client, store });
    expectMirrorMatchesSandbox(store, sandbox);
  });
});

describe('a chain of new records', () => {
  it('goes in order: the student, then the group, then the enrollment naming both', async () => {
    const { sandbox, client, store, outbox } = await setUp();
    const course = [...store.records('courses')].find((c) => c['multiple_sign_ups'] !== false) ?? first(store, 'courses');
    const instructor = anInstructor(store);
    const student = outbox.create('students', { given_name: 'Chain', family_name: 'Link', email: 'chain.link@example.com' });
    const group = outbox.create('groups', { name: 'Chained cohort' });
    const enrollment = outbox.create('enrollments', { student_id: student, course_id: course['id'], instructor_id: instructor['id'], group_ids: [group] });
    outbox.update('enrollments', enrollment, { group_ids: [group] });

    const result = await push({ client, outbox, untilSettled: true });
    expect(result).toMatchObject({ done: 3, rejected: 0 });
    const studentId = outbox.resolve(student);
    const groupId = outbox.resolve(group);
    const enrollmentId = outbox.resolve(enrollment);
    expect(sandbox.store.student(sandbox.org.id, studentId)).toMatchObject({ email: 'chain.link@example.com' });
    const onServer = await client.getEnrollment(enrollmentId);
    expect(onServer).toMatchObject({ student_id: studentId, course_id: course['id'] });
    const members = await client.getGroup(groupId);
    expect(members.enrollments.map((e) => e.id)).toEqual([enrollmentId]);
    await pull({ client, store });
    expectMirrorMatchesSandbox(store, sandbox);
  });

  it('is held while its first record is refused, and goes once that is fixed', async () => {
    const { sandbox, client, store, outbox } = await setUp();
    const taken = String(first(store, 'students')['email']);
    // Someone creates the same email on the server after our check passed locally.
    const student = outbox.create('students', { given_name: 'Late', family_name: 'Comer', email: 'late.comer@example.com' });
    await client.createStudent({ given_name: 'Other', family_name: 'Admin', email: 'late.comer@example.com' });
    const enrollment = outbox.create('enrollments', { student_id: student, course_id: first(store, 'courses')['id'], instructor_id: anInstructor(store)['id'] });

    const refused = await push({ client, outbox, untilSettled: true });
    expect(refused).toMatchObject({ done: 0, rejected: 1 });
    const [entry, held] = outbox.entries();
    expect(entry).toMatchObject({ state: 'rejected', fieldErrors: { email: ['has already been taken'] } });
    expect(entry?.message).toContain('email has already been taken');
    expect(held).toMatchObject({ recordId: enrollment, state: 'pending', waitingFor: [student] });
    expect(outbox.current('students', student)).toMatchObject({ email: 'late.comer@example.com' });

    expect(() => outbox.resubmit(entry!.seq, { email: taken })).toThrow('has already been taken');
    outbox.resubmit(entry!.seq, { email: 'late.comer2@example.com' });
    expect(await push({ client, outbox, untilSettled: true })).toMatchObject({ done: 2, rejected: 0 });
    expect(serverList(sandbox, 'students').filter((s) => s['email'] === 'late.comer2@example.com')).toHaveLength(1);
  });
});

describe('conflicts', () => {
  it('a field changed on the server since it was edited here waits with base, mine and theirs', async () => {
    const { client, store, outbox } = await setUp();
    const s = first(store, 'students');
    const id = String(s['id']);
    outbox.update('students', id, { family_name: 'Mine', given_name: 'Same' });
    await client.updateStudent(id, { family_name: 'Theirs', given_name: 'Same' });

    expect(await push({ client, outbox })).toMatchObject({ conflicts: 1, done: 0 });
    const [entry] = outbox.entries();
    expect(entry).toMatchObject({ state: 'conflict', conflict: { fields: { family_name: { base: s['family_name'], mine: 'Mine', theirs: 'Theirs' } } } });
    expect((await client.getStudent(id)).family_name).toBe('Theirs');

    outbox.resolveConflict(entry!.seq, 'family_name', 'mine');
    expect(await push({ client, outbox })).toMatchObject({ done: 1 });
    expect((await client.getStudent(id)).family_name).toBe('Mine');
    expect(store.get('students', id)).toMatchObject({ family_name: 'Mine' });
  });

  it('taking theirs drops my change to that field and keeps the rest', async () => {
    const { client, store, outbox } = await setUp();
    const id = String(first(store, 'users', 1)['id']);
    outbox.update('users', id, { family_name: 'Mine', given_name: 'Kept' });
    await client.updateUser(id, { family_name: 'Theirs' });
    await push({ client, outbox });
    const [entry] = outbox.entries();
    outbox.resolveConflict(entry!.seq, 'family_name', 'theirs');
    await push({ client, outbox });
    expect(await client.getUser(id)).toMatchObject({ family_name: 'Theirs', given_name: 'Kept' });
    expect(outbox.counts().total).toBe(0);
  });

  it('an edit the server already has is not sent again', async () => {
    const { client, store, outbox } = await setUp();
    const id = String(first(store, 'groups')['id']);
    outbox.update('groups', id, { name: 'Same either way' });
    await client.updateGroup(id, { name: 'Same either way' });
    const before = client.stats.requests;
    expect(await push({ client, outbox })).toMatchObject({ done: 1, conflicts: 0, requests: { send: 0, check: 1 } });
    expect(client.stats.requests - before).toBe(1);
  });

  it('an edit of a record deleted on the server is an edit-vs-delete conflict; a delete of one is done', async () => {
    const { client, store, outbox } = await setUp();
    const [g1, g2] = [...store.records('groups')].map((g) => String(g['id']));
    outbox.update('groups', g1!, { name: 'Renamed here' });
    outbox.remove('groups', g2!);
    await client.deleteGroup(g1!);
    await client.deleteGroup(g2!);
    expect(await push({ client, outbox })).toMatchObject({ conflicts: 1, done: 1 });
    const [entry] = outbox.entries();
    expect(entry).toMatchObject({ recordId: g1, state: 'conflict', conflict: { deleted: true } });
    expect(entry?.message).toContain('deleted on the server');
    // A pull does not take the record away while the edit waits.
    await pull({ client, store });
    expect(outbox.current('groups', g1!)).toMatchObject({ name: 'Renamed here' });
    outbox.discard(entry!.seq);
    await pull({ client, store });
    expect(store.get('groups', g1!)).toBeUndefined();
  });
});

describe('merged updates', () => {
  it('several edits of one record go as one PATCH with the latest values', async () => {
    const { client, store, outbox } = await setUp();
    const id = String(first(store, 'courses')['id']);
    outbox.update('courses', id, { price_cents: 100 });
    outbox.update('courses', id, { price_cents: 200, summary: 'Rewritten' });
    outbox.update('courses', id, { price_cents: 300 });
    const before = client.stats.byEndpoint.get('PATCH /api/v1/courses/:id') ?? 0;
    await push({ client, outbox });
    expect((client.stats.byEndpoint.get('PATCH /api/v1/courses/:id') ?? 0) - before).toBe(1);
    expect(await client.getCourse(id)).toMatchObject({ price_cents: 300, summary: 'Rewritten' });
  });
});

describe('a create whose answer is lost', () => {
  it('is found on the server and adopted, never sent twice', async () => {
    const sandbox = await startSandbox({ scale: 60 });
    cleanups.push(() => sandbox.close());
    let dropped = false;
    const proxy = await answerLosingProxy(sandbox.url, (method, path) => {
      if (method === 'POST' && path.startsWith('/api/v1/') && !dropped) return (dropped = true);
      return false;
    });
    cleanups.push(() => proxy.close());
    const client = clientFor(proxy.url, sandbox.org.ownerApiKey);
    const store = MirrorStore.open(':memory:');
    cleanups.push(() => store.close());
    const outbox = new Outbox(store);
    await pull({ client, store });

    const student = outbox.create('students', { given_name: 'Lost', family_name: 'Answer', email: 'lost.answer@example.com' });
    const group = outbox.create('groups', { name: 'Lost answer group' });
    const result = await push({ client, outbox, untilSettled: true });
    expect(proxy.lost()).toBe(1);
    expect(result.requests.reconcile).toBeGreaterThan(0);
    expect(outbox.counts().total).toBe(0);
    expect(serverList(sandbox, 'students').filter((s) => s['email'] === 'lost.answer@example.com')).toHaveLength(1);
    expect(serverList(sandbox, 'groups').filter((g) => g['name'] === 'Lost answer group')).toHaveLength(1);
    expect(outbox.resolve(student)).not.toBe(student);
    expect(outbox.resolve(group)).not.toBe(group);
  });

  it('that matches several new records asks the user which one is theirs', async () => {
    const { sandbox, client, store, outbox } = await setUp();
    const id = outbox.create('groups', { name: 'Twins' });
    const [entry] = outbox.entries();
    outbox.markSending(entry!.seq);
    await client.createGroup({ name: 'Twins' });
    await client.createGroup({ name: 'Twins' });
    const reopened = new Outbox(store);
    expect(await push({ client, outbox: reopened })).toMatchObject({ conflicts: 1 });
    const [waiting] = reopened.entries();
    expect(waiting?.state).toBe('ambiguous');
    const candidates = waiting?.conflict && 'candidates' in waiting.conflict ? waiting.conflict.candidates : [];
    expect(candidates).toHaveLength(2);
    reopened.adopt(waiting!.seq, candidates[1]!);
    expect(reopened.resolve(id)).toBe(candidates[1]!['id']);
    expect(serverList(sandbox, 'groups').filter((g) => g['name'] === 'Twins')).toHaveLength(2);
  });
});

describe('two senders of one account', () => {
  it('never send at once, and neither takes the edits the other is sending for ones a crash left', async () => {
    const sandbox = await startSandbox({ scale: 60 });
    cleanups.push(() => sandbox.close());
    const dir = mkdtempSync(join(tmpdir(), 'enlight-two-senders-'));
    const file = join(dir, 'mirror.sqlite');
    // The app and the CLI: two connections to one file, each with its own outbox and client.
    const appStore = MirrorStore.open(file);
    const cliStore = MirrorStore.open(file);
    cleanups.push(() => Promise.all([appStore.close(), cliStore.close()]).then(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 })));
    const appClient = clientFor(sandbox.url, sandbox.org.ownerApiKey);
    const cliClient = clientFor(sandbox.url, sandbox.org.ownerApiKey);
    await pull({ client: appClient, store: appStore });
    const appOutbox = new Outbox(appStore);
    const student = first(appStore, 'students');
    appOutbox.update('students', String(student['id']), { family_name: 'Sent once' });
    appOutbox.create('groups', { name: 'Made once' });

    // The app is sending: its first request is on the way when the CLI opens the outbox and pushes.
    let cliTried: Promise<unknown> | undefined;
    let cliOutbox: Outbox | undefined;
    let statesSeenByCli: string[] = [];
    const slowProxy = await answerLosingProxy(sandbox.url, (method) => {
      if (!cliTried && method !== 'GET') {
        cliOutbox = new Outbox(cliStore);
        statesSeenByCli = cliOutbox.entries().map((e) => e.state);
        cliTried = push({ client: cliClient, outbox: cliOutbox }).then(
          () => 'sent',
          (error: unknown) => error,
        );
      }
      return false;
    });
    cleanups.push(() => slowProxy.close());
    const sending = push({ client: clientFor(slowProxy.url, sandbox.org.ownerApiKey), outbox: appOutbox, untilSettled: true });
    const refused = await (async () => {
      while (!cliTried) await new Promise((resolve) => setImmediate(resolve));
      return cliTried;
    })();
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/already sending this account's edits. These were not sent twice/);
    expect(cliClient.stats.requests).toBe(0);
    await sending;

    expect(appOutbox.counts().total).toBe(0);
    expect(serverList(sandbox, 'groups').filter((g) => g['name'] === 'Made once')).toHaveLength(1);
    expect(serverList(sandbox, 'students').find((s) => s['id'] === student['id'])?.['family_name']).toBe('Sent once');
    // The CLI's outbox, opened while the app was sending, left the app's entry "sending" as it was.
    expect(statesSeenByCli).toContain('sending');
    expect(cliOutbox?.counts().total).toBe(0);
  });

  it('send again, once its sender is gone, an edit left "sending"', async () => {
    const sandbox = await startSandbox({ scale: 60 });
    cleanups.push(() => sandbox.close());
    const dir = mkdtempSync(join(tmpdir(), 'enlight-left-sending-'));
    const store = MirrorStore.open(join(dir, 'mirror.sqlite'));
    cleanups.push(() => store.close().then(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 })));
    const client = clientFor(sandbox.url, sandbox.org.ownerApiKey);
    await pull({ client, store });
    const outbox = new Outbox(store);
    const student = first(store, 'students');
    outbox.update('students', String(student['id']), { family_name: 'Left sending' });
    const [entry] = outbox.entries();
    // Marked by a sender that then died, while this outbox was open: nothing reset it since.
    outbox.markSending(entry!.seq);
    expect(outbox.entries()[0]?.state).toBe('sending');
    expect(await push({ client, outbox, untilSettled: true })).toMatchObject({ done: 1 });
    expect(outbox.counts().total).toBe(0);
    expect(serverList(sandbox, 'students').find((s) => s['id'] === student['id'])?.['family_name']).toBe('Left sending');
  });
});
