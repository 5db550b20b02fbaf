// Local edits through the service, as the window makes them: shown at once in the grid, counted
// in the outbox panel, sent by the next sync, with the server's words when refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { EventName, SyncStatus } from '../../src/shared/bridge';
import { SessionSecretStore } from '../../src/main/secrets/SessionSecretStore';
import { EnlightService } from '../../src/main/service';
import { startSandbox } from '../../src/sandbox/server';
import { nextEvent } from '../support/serviceEvents';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

it('edits show at once, wait in the outbox, and reach the server with the next sync', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'enlight-service-outbox-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 }));
  const sandbox = await startSandbox({ scale: 80 });
  cleanup.push(() => sandbox.close());
  const service = new EnlightService({ dataDir, secrets: new SessionSecretStore(), clientOptions: { retryBaseMs: 1 } });
  cleanup.push(() => service.close());
  const events: EventName[] = [];
  service.events.onAny((event) => events.push(event));

  await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
  const synced = nextEvent(service, 'sync:status', (s: SyncStatus) => !s.running);
  await service['sync.start']({});
  await synced;

  const [first] = (await service['students.query']({ sort: [{ column: 'family_name' }], offset: 0, limit: 1 })).rows;
  const id = String(first?.['id']);
  const summary = await service['records.update']({ resource: 'students', id, fields: { family_name: 'Aaaardvark' } });
  expect(summary.counts).toMatchObject({ pending: 1, total: 1 });
  expect(events).toContain('outbox:changed');
  expect((await service['records.get']({ resource: 'students', id }))?.['family_name']).toBe('Aaaardvark');
  const { id: groupId } = await service['records.create']({ resource: 'groups', fields: { name: 'Made in the app' } });
  expect((await service['groups.query']({ search: 'Made in the app', offset: 0, limit: 10 })).rows.map((r) => r['id'])).toEqual([groupId]);

  // A refused edit is refused at once, with the documented words.
  await expect(service['records.create']({ resource: 'groups', fields: { name: '' } })).rejects.toMatchObject({ code: 'validation', fieldErrors: { name: ["can't be blank"] } });

  const list = await service['outbox.list']({});
  expect(list.map((e) => [e.kind, e.resource, e.state])).toEqual([
    ['update', 'students', 'pending'],
    ['create', 'groups', 'pending'],
  ]);

  const pushed = nextEvent(service, 'sync:status', (s: SyncStatus) => !s.running);
  await service['sync.start']({});
  expect((await pushed).lastOutcome).toBe('complete');
  expect((await service['outbox.summary']({})).counts.total).toBe(0);
  expect(sandbox.store.student(sandbox.org.id, id)?.family_name).toBe('Aaaardvark');
  expect(sandbox.store.list<{ name: string }>('groups', sandbox.org.id, 10_000, 0).filter((g) => g.name === 'Made in the app')).toHaveLength(1);
  await expect(service['records.undo']({})).rejects.toMatchObject({ code: 'not-found' });
});
