// The service as the window and the browser use it, against a real sandbox: accounts, the demo,
// syncing with its events, grid windows, settings, and links, with no API key ever leaking.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEvents, EventName, SyncStatus } from '../../src/shared/bridge';
import { EnlightError } from '../../src/shared/errors';
import { EnlightClient } from '../../src/main/api/EnlightClient';
import { AccountRegistry } from '../../src/main/accounts/AccountRegistry';
import { SessionSecretStore } from '../../src/main/secrets/SessionSecretStore';
import { indexesDeferred } from '../../src/main/store/deferredIndexes';
import { MirrorStore } from '../../src/main/store/MirrorStore';
import { MIRROR_RESOURCES } from '../../src/main/store/mirrorColumns';
import { EnlightService, type ServiceOptions } from '../../src/main/service';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { filesContaining } from '../support/filesContaining';
import { nextEvent } from '../support/serviceEvents';

const cleanup: (() => unknown)[] = [];
let dataDir: string;
let secrets: SessionSecretStore;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'enlight-service-'));
  secrets = new SessionSecretStore();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

function makeService(options: Partial<ServiceOptions> = {}) {
  const logs: string[] = [];
  const service = new EnlightService({ dataDir, secrets, keychainWarning: 'No OS keychain is available.', demoScale: 120, clientOptions: { retryBaseMs: 1 }, log: (line) => logs.push(line), ...options });
  const events: { event: EventName; payload: unknown }[] = [];
  service.events.onAny((event, payload) => events.push({ event, payload }));
  cleanup.push(() => service.close());
  return { service, events, logs };
}

/** A sandbox kept in a file, that the test takes away and brings back at the same address, as a line that drops. */
async function sandboxThatGoesAway(scale: number) {
  const dir = mkdtempSync(join(tmpdir(), 'enlight-goes-away-'));
  const db = join(dir, 'sandbox.sqlite');
  let sandbox = await startSandbox({ scale, db });
  cleanup.push(() => sandbox.close().then(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 })));
  const port = Number(new URL(sandbox.url).port);
  return {
    url: sandbox.url,
    apiKey: sandbox.org.ownerApiKey,
    away: () => sandbox.close(),
    back: async () => {
      sandbox = await startSandbox({ db, port });
      return sandbox;
    },
  };
}

async function sandboxOrg(): Promise<Sandbox> {
  const sandbox = await startSandbox({ scale: 150 });
  cleanup.push(() => sandbox.close());
  return sandbox;
}

const finished = (service: EnlightService) => nextEvent(service, 'sync:status', (s: SyncStatus) => !s.running);

async function rejection(promise: Promise<unknown>): Promise<EnlightError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EnlightError);
    return error as EnlightError;
  }
  throw new Error('expected the call to fail');
}

describe('the first run', () => {
  it('shows no account, says keys are kept for this session only, and gives the version', async () => {
    const { service } = makeService();
    const state = await service['app.state']({});
    expect(state).toEqual({ accounts: [], current: null, keychain: false, keychainWarning: 'No OS keychain is available.', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const status = await service['sync.status']({});
    expect(status).toMatchObject({ running: false, lastOutcome: null, counts: { courses: 0, students: 0, enrollments: 0, groups: 0, users: 0 } });
  });

  it('says what to do when a grid or a sync is asked for before any account is open', async () => {
    const { service } = makeService();
    const error = await rejection(service['students.query']({ offset: 0, limit: 50 }));
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/No account is open.*demo/);
    expect((await rejection(service['sync.start']({}))).message).toMatch(/No account is open/);
  });
});

describe('adding an account', () => {
  it('checks the key with the server, keeps it only in the secret store, and opens the account', async () => {
    const sandbox = await sandboxOrg();
    const key = sandbox.org.ownerApiKey;
    const { service, events } = makeService();
    const state = await service['accounts.add']({ name: 'Main campus', baseUrl: sandbox.url, apiKey: key });
    expect(state.accounts).toEqual([{ name: 'Main campus', baseUrl: sandbox.url, demo: false }]);
    expect(state.current).toEqual({ name: 'Main campus', baseUrl: sandbox.url, demo: false });
    expect(events.find((e) => e.event === 'app:state')?.payload).toEqual(state);
    expect(await secrets.get('Main campus')).toBe(key);
    expect(filesContaining(dataDir, key)).toEqual([]);
  });

  it('saves nothing when the server refuses the key, and says so without the key', async () => {
    const sandbox = await sandboxOrg();
    const wrong = '0123456789abcdef0123456789abcdef';
    const { service, events, logs } = makeService();
    const error = await rejection(service['accounts.add']({ name: 'Typo', baseUrl: sandbox.url, apiKey: wrong }));
    expect(error.code).toBe('auth');
    expect(error.message).not.toContain(wrong);
    expect(JSON.stringify(error.toJSON())).not.toContain(wrong);
    expect((await service['app.state']({})).accounts).toEqual([]);
    expect(await secrets.get('Typo')).toBeUndefined();
    expect(JSON.stringify(events)).not.toContain(wrong);
    expect(logs.join('\n')).not.toContain(wrong);
  });

  it('refuses a second account with the same name, in words a person can act on', async () => {
    const sandbox = await sandboxOrg();
    const { service } = makeService();
    await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    const error = await rejection(service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey }));
    expect(error).toMatchObject({ code: 'validation', message: 'There is already an account named "Main".' });
  });

  it('refuses an address that would send the key unencrypted', async () => {
    const { service } = makeService();
    const error = await rejection(service['accounts.add']({ name: 'Plain', baseUrl: 'http://acme.enlight.io', apiKey: 'k'.repeat(32) }));
    expect(error.code).toBe('bad-url');
    expect(error.message).toMatch(/HTTPS/);
  });
});

describe('syncing', () => {
  it('runs in the background, pushing progress, changed records and its status, and fills the grids', async () => {
    const sandbox = await sandboxOrg();
    const key = sandbox.org.ownerApiKey;
    const { service, events, logs } = makeService();
    await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: key });

    const done = finished(service);
    const started = await service['sync.start']({});
    expect(started.running).toBe(true);
    const again = await service['sync.start']({ full: true });
    expect(again.running).toBe(true);
    const status = await done;

    expect(status).toMatchObject({ running: false, lastOutcome: 'complete', lastErrors: [] });
    expect(status.lastCompleteAt).toEqual(expect.any(String));
    const total = (resource: 'students' | 'courses' | 'enrollments' | 'groups' | 'users') => sandbox.store.list<{ id: string }>(resource, sandbox.org.id, 1e9, 0).length;
    expect(status.counts).toEqual({ courses: total('courses'), students: total('students'), enrollments: total('enrollments'), groups: total('groups'), users: total('users') });
    expect(status.progress?.resources.every((r) => r.phase === 'done')).toBe(true);

    const names = events.map((e) => e.event);
    expect(names).toContain('sync:progress');
    const changed = events.filter((e) => e.event === 'data:changed').map((e) => e.payload as BridgeEvents['data:changed']);
    expect(new Set(changed.map((c) => c.resource))).toEqual(new Set(['courses', 'students', 'enrollments', 'groups', 'users']));
    expect(changed.filter((c) => c.resource === 'students').flatMap((c) => c.ids ?? []).length).toBe(total('students'));
    expect(events.filter((e) => e.event === 'sync:status').map((e) => (e.payload as SyncStatus).running)).toEqual([true, false]);
    expect(JSON.stringify(events)).not.toContain(key);
    expect(logs.join('\n')).not.toContain(key);

    const page = await service['students.query']({ sort: [{ column: 'family_name' }], offset: 0, limit: 25 });
    expect(page.total).toBe(total('students'));
    expect(page.rows).toHaveLength(25);
    // Sorted as SQLite's NOCASE does: ASCII letters folded, everything else by code point.
    const familyNames = page.rows.map((r) => String(r['family_name']).replace(/[A-Z]/g, (c) => c.toLowerCase()));
    expect(familyNames).toEqual([...familyNames].sort());
    const first = page.rows[0] as { id: string };
    expect(await service['records.get']({ resource: 'students', id: first.id })).toMatchObject({ id: first.id });
    expect(await service['records.get']({ resource: 'students', id: 'no-such-id' })).toBeNull();

    const filtered = await service['courses.query']({ filters: [{ column: 'name', op: 'contains', value: 'a' }], offset: 0, limit: 1000 });
    expect(filtered.rows.every((r) => String(r['name']).toLowerCase().includes('a'))).toBe(true);
  });

  it('refuses a column the grid does not have, saying so', async () => {
    const sandbox = await sandboxOrg();
    const { service } = makeService();
    await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    const error = await rejection(service['students.query']({ sort: [{ column: 'password; DROP TABLE students' }], offset: 0, limit: 10 }));
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/^Students cannot be sorted or filtered by .*Choose one of the grid's columns\.$/);
  });

  it('stops when asked, and the next sync carries on to the end', async () => {
    const sandbox = await sandboxOrg();
    const { service } = makeService();
    await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    const listing = nextEvent(service, 'sync:progress', (p) => p.resources.some((r) => r.phase === 'listing'));
    await service['sync.start']({});
    await listing;
    const stopped = await service['sync.stop']({});
    expect(stopped).toMatchObject({ running: false, lastOutcome: 'stopped' });

    const done = finished(service);
    await service['sync.start']({});
    expect(await done).toMatchObject({ running: false, lastOutcome: 'complete' });
  });

  it('says the server cannot be reached, and that the app is offline, when it is gone', async () => {
    const sandbox = await sandboxOrg();
    const { service, events, logs } = makeService();
    await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    await sandbox.close();
    const offline = nextEvent(service, 'connection:changed');
    const done = finished(service);
    await service['sync.start']({});
    const status = await done;
    expect(status.lastOutcome).toBe('failed');
    expect(status.lastErrors[0]?.message).toMatch(/internet connection|server address/);
    expect(await offline).toEqual({ online: false });
    expect(JSON.stringify(events)).not.toContain(sandbox.org.ownerApiKey);
    expect(JSON.stringify(status)).not.toContain(sandbox.org.ownerApiKey);
    expect(logs.join('\n')).not.toContain(sandbox.org.ownerApiKey);
  });

  it('once the server answers again, says so, and carries on the sync it broke off with the edits made meanwhile', async () => {
    const line = await sandboxThatGoesAway(150);
    const { service } = makeService({ reconnectDelaysMs: [20] });
    await service['accounts.add']({ name: 'Main', baseUrl: line.url, apiKey: line.apiKey });
    let done = finished(service);
    await service['sync.start']({});
    expect(await done).toMatchObject({ lastOutcome: 'complete' });

    // The line drops: the sync breaks off, and an edit waits in the outbox.
    await line.away();
    const offline = nextEvent(service, 'connection:changed', (c) => !c.online);
    done = finished(service);
    await service['sync.start']({});
    expect(await done).toMatchObject({ lastOutcome: 'failed' });
    await offline;
    const [student] = (await service['students.query']({ sort: [{ column: 'family_name' }], offset: 0, limit: 1 })).rows;
    const id = String(student?.['id']);
    await service['records.update']({ resource: 'students', id, fields: { family_name: 'Back Online' } });
    expect((await service['outbox.summary']({})).counts.total).toBe(1);

    // It comes back at the same address: nobody presses anything.
    const online = nextEvent(service, 'connection:changed', (c) => c.online);
    const resumed = nextEvent(service, 'sync:status', (s: SyncStatus) => !s.running && s.lastOutcome === 'complete');
    const sandbox = await line.back();
    expect(await online).toEqual({ online: true });
    await resumed;
    expect((await service['outbox.summary']({})).counts.total).toBe(0);
    const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    cleanup.push(() => client.close());
    expect((await client.getStudent(id)).family_name).toBe('Back Online');
  });

  it('asks the server at once when the window says the network is back', async () => {
    const line = await sandboxThatGoesAway(60);
    // Its next try would be an hour away.
    const { service } = makeService({ reconnectDelaysMs: [3_600_000] });
    await service['accounts.add']({ name: 'Main', baseUrl: line.url, apiKey: line.apiKey });
    expect(await service['connection.check']({})).toEqual({ online: true });
    await line.away();
    const done = finished(service);
    await service['sync.start']({});
    await done;
    expect(await service['connection.check']({})).toEqual({ online: false });

    await line.back();
    const online = nextEvent(service, 'connection:changed', (c) => c.online);
    const resumed = nextEvent(service, 'sync:status', (s: SyncStatus) => !s.running && s.lastOutcome === 'complete');
    await service['connection.check']({});
    expect(await online).toEqual({ online: true });
    await resumed;
  });

  it('does not carry on by itself a broken-off sync the user then stopped', async () => {
    const line = await sandboxThatGoesAway(60);
    const { service } = makeService({ reconnectDelaysMs: [20] });
    await service['accounts.add']({ name: 'Main', baseUrl: line.url, apiKey: line.apiKey });
    await line.away();
    const done = finished(service);
    await service['sync.start']({});
    expect(await done).toMatchObject({ lastOutcome: 'failed' });
    // "Stop" while it waits for the server: the person wants no sync now.
    await service['sync.stop']({});
    // Coming back online decides at once, in the same turn, whether to start a sync.
    const starts = vi.spyOn(service, 'sync.start');

    const online = nextEvent(service, 'connection:changed', (c) => c.online);
    await line.back();
    await online;
    expect(starts).not.toHaveBeenCalled();
    expect(await service['sync.status']({})).toMatchObject({ running: false, lastOutcome: 'failed' });
  });
});

describe('closing the app during a first sync', () => {
  it('leaves the listing unindexed for the sync that carries it on', async () => {
    // Slow enough that the close lands in the middle of a list.
    const sandbox = await startSandbox({ scale: 3000, latencyMs: 20 });
    cleanup.push(() => sandbox.close());
    const { service } = makeService();
    await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    const listing = nextEvent(service, 'sync:progress', (p) => p.resources.some((r) => r.resource === 'students' && r.phase === 'listing' && r.records > 0));
    await service['sync.start']({});
    await listing;
    await service.close();

    const file = new AccountRegistry(dataDir, secrets).databasePath('Main');
    const left = MirrorStore.open(file);
    const halfListed = MIRROR_RESOURCES.filter((r) => left.listState(r).state === 'listing' && left.listState(r).fromEmpty);
    expect(halfListed.length).toBeGreaterThan(0);
    // Not built on the way out, nor on opening: the next sync writes the rest without them.
    for (const resource of halfListed) expect(indexesDeferred(left.db, resource), resource).toBe(true);
    await left.close();

    const { service: next } = makeService();
    expect((await next['app.state']({})).current?.name).toBe('Main');
    expect(await next['sync.status']({})).toMatchObject({ lastOutcome: 'stopped', lastCompleteAt: null });
    const done = finished(next);
    await next['sync.start']({});
    expect(await done).toMatchObject({ lastOutcome: 'complete' });
    await next.close();
    const synced = MirrorStore.open(file);
    for (const resource of MIRROR_RESOURCES) expect(indexesDeferred(synced.db, resource), resource).toBe(false);
    expect(synced.count('students')).toBe(sandbox.store.count('students', sandbox.org.id));
    await synced.close();
  });
});

describe('switching and removing accounts', () => {
  it('stops the running sync of the account it leaves', async () => {
    const one = await sandboxOrg();
    const two = await sandboxOrg();
    const { service } = makeService();
    await service['accounts.add']({ name: 'One', baseUrl: one.url, apiKey: one.org.ownerApiKey });
    await service['accounts.add']({ name: 'Two', baseUrl: two.url, apiKey: two.org.ownerApiKey });
    await service['accounts.open']({ name: 'One' });
    const listing = nextEvent(service, 'sync:progress', (p) => p.resources.some((r) => r.phase === 'listing'));
    await service['sync.start']({});
    await listing;
    const state = await service['accounts.open']({ name: 'Two' });
    expect(state.current?.name).toBe('Two');
    expect(await service['sync.status']({})).toMatchObject({ running: false, lastOutcome: null, counts: { students: 0 } });
  });

  it('says it is online again when the account it opens answers, after the one it left did not', async () => {
    const one = await sandboxOrg();
    const two = await sandboxOrg();
    const { service } = makeService({ reconnectDelaysMs: [20] });
    await service['accounts.add']({ name: 'Two', baseUrl: two.url, apiKey: two.org.ownerApiKey });
    await service['accounts.add']({ name: 'One', baseUrl: one.url, apiKey: one.org.ownerApiKey });
    await one.close();
    const offline = nextEvent(service, 'connection:changed', (c) => !c.online);
    const done = finished(service);
    await service['sync.start']({});
    await done;
    await offline;
    const online = nextEvent(service, 'connection:changed', (c) => c.online);
    await service['accounts.open']({ name: 'Two' });
    expect(await online).toEqual({ online: true });
  });

  it('forgets the open account, its key and its data when it is removed', async () => {
    const sandbox = await sandboxOrg();
    const { service } = makeService();
    await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    const state = await service['accounts.remove']({ name: 'Main' });
    expect(state).toMatchObject({ accounts: [], current: null });
    expect(await secrets.get('Main')).toBeUndefined();
    expect((await rejection(service['accounts.remove']({ name: 'Main' }))).code).toBe('not-found');
    expect((await rejection(service['accounts.open']({ name: 'Nobody' }))).message).toMatch(/no account named "Nobody"/);
  });
});

describe('the demo organisation', () => {
  it('opens without a key from anyone, keeps no key in the keychain, and syncs', async () => {
    const { service } = makeService();
    const state = await service['demo.open']({});
    expect(state.current).toEqual({ name: 'Demo organisation', baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), demo: true });
    expect(state.accounts).toEqual([]);
    expect(await secrets.get('Demo organisation')).toBeUndefined();
    const done = finished(service);
    await service['sync.start']({});
    const status = await done;
    expect(status.lastOutcome).toBe('complete');
    expect(status.counts.students).toBeGreaterThan(0);
    // Opening it again while it is open changes nothing.
    expect((await service['demo.open']({})).current?.baseUrl).toBe(state.current?.baseUrl);
  });

  it('keeps its data, edits included, in the data folder from one run to the next, and reopens on the next run', async () => {
    const first = makeService();
    await first.service['demo.open']({});
    let done = finished(first.service);
    await first.service['sync.start']({});
    await done;
    await first.service.close();

    // An edit made to the demo organisation between runs, as the app's own edits will be.
    const sandbox = await startSandbox({ db: join(dataDir, 'demo', 'sandbox.sqlite') });
    const student = sandbox.store.list<{ id: string }>('students', sandbox.org.id, 1, 0)[0];
    const response = await fetch(`${sandbox.url}/api/v1/students/${student?.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${sandbox.org.ownerApiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ family_name: 'Edited-in-the-demo' }),
    });
    expect(response.status).toBe(200);
    await sandbox.close();

    const second = makeService();
    const state = await second.service['app.state']({});
    expect(state.current?.demo).toBe(true);
    done = finished(second.service);
    await second.service['sync.start']({});
    await done;
    expect(await second.service['records.get']({ resource: 'students', id: student?.id ?? '' })).toMatchObject({ family_name: 'Edited-in-the-demo' });
  });
});

describe('settings', () => {
  it('are kept in settings.json and read back by the next run, with the last account', async () => {
    const sandbox = await sandboxOrg();
    const first = makeService();
    expect(await first.service['settings.get']({})).toEqual({ theme: 'system', language: 'en' });
    expect(await first.service['settings.set']({ theme: 'dark' })).toEqual({ theme: 'dark', language: 'en' });
    expect(await first.service['settings.set']({ language: 'zh-TW' })).toEqual({ theme: 'dark', language: 'zh-TW' });
    await first.service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    await first.service.close();
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark', language: 'zh-TW' });

    const second = makeService();
    expect(await second.service['settings.get']({})).toEqual({ theme: 'dark', language: 'zh-TW' });
    expect((await second.service['app.state']({})).current?.name).toBe('Main');
  });

  it('fall back to the defaults from a damaged file', async () => {
    writeFileSync(join(dataDir, 'settings.json'), '{"theme": "neon", "language": ');
    const log = vi.fn();
    const { service } = makeService({ log });
    expect(await service['settings.get']({})).toEqual({ theme: 'system', language: 'en' });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/settings\.json could not be read/));
    expect((await service['app.state']({})).current).toBeNull();
  });

  it('start with no account open when the last one is gone', async () => {
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ theme: 'light', language: 'en', lastAccount: { name: 'Removed elsewhere' } }));
    const { service } = makeService();
    expect((await service['app.state']({})).current).toBeNull();
    expect(existsSync(join(dataDir, 'demo'))).toBe(false);
  });
});

describe('opening links', () => {
  it('hands https links to the opener and refuses anything else', async () => {
    const opened: string[] = [];
    const { service } = makeService({ openExternal: async (url) => void opened.push(url) });
    expect(await service['shell.openExternal']({ url: 'https://help.enlight.io/api' })).toEqual({ opened: true });
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'http://enlight.io', 'https://enlight.io@evil.com/']) {
      const error = await rejection(service['shell.openExternal']({ url }));
      expect(error).toMatchObject({ code: 'bad-url', message: expect.stringMatching(/Only https:\/\/ links/) });
    }
    expect(opened).toEqual(['https://help.enlight.io/api']);
  });

  it('says it did not open the link where there is no opener (browser mode opens it itself)', async () => {
    const { service } = makeService();
    expect(await service['shell.openExternal']({ url: 'https://enlight.io' })).toEqual({ opened: false });
  });
});
