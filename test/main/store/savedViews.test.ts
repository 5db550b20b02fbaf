// Saved grid views and column layouts: kept per account and per grid, replaced by name, sorted,
// still there after the app restarts, and never able to break a grid when what was stored no
// longer fits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnLayout } from '../../../src/shared/bridge';
import { dispatchCall } from '../../../src/main/dispatchCall';
import { SessionSecretStore } from '../../../src/main/secrets/SessionSecretStore';
import { EnlightService } from '../../../src/main/service';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { SavedViews } from '../../../src/main/store/SavedViews';
import { startSandbox } from '../../../src/sandbox/server';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'enlight-views-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
  return dir;
}

const layout: ColumnLayout = { order: ['course_name', 'student_name'], hidden: ['custom_name'], widths: { course_name: 240 }, pinned: ['student_name'] };
const view = (name: string, extra: Partial<Parameters<SavedViews['save']>[1]> = {}) => ({
  name,
  sort: [{ column: 'expires_at', desc: true }],
  filters: [{ column: 'state', op: 'eq' as const, value: 'active' }],
  search: '',
  layout,
  ...extra,
});

describe('saved views', () => {
  it('are listed by name, replaced by a view of the same name, deleted by name, and kept per grid', () => {
    const store = MirrorStore.open(':memory:');
    cleanup.push(() => store.close());
    const views = new SavedViews(store);

    expect(views.list('enrollments')).toEqual([]);
    views.save('enrollments', view('Expiring soon'));
    const saved = views.save('enrollments', view('active only', { search: 'chen' }));
    expect(saved.map((v) => v.name)).toEqual(['active only', 'Expiring soon']);
    expect(saved[0]).toEqual(view('active only', { search: 'chen' }));

    // The same name, told apart only by case, is the same view: it is replaced, not doubled.
    const replaced = views.save('enrollments', view('expiring SOON', { sort: [{ column: 'course_name' }] }));
    expect(replaced.map((v) => v.name)).toEqual(['active only', 'expiring SOON']);
    expect(replaced[1]?.sort).toEqual([{ column: 'course_name' }]);

    expect(views.list('students')).toEqual([]);
    views.save('students', view('Expiring soon'));
    expect(views.delete('enrollments', 'Expiring Soon').map((v) => v.name)).toEqual(['active only']);
    expect(views.list('students').map((v) => v.name)).toEqual(['Expiring soon']);
    // Deleting one that is not there changes nothing.
    expect(views.delete('enrollments', 'No such view').map((v) => v.name)).toEqual(['active only']);
  });

  it('and column layouts are still there when the account is opened again', () => {
    const file = join(tempDir(), 'mirror.sqlite');
    const first = MirrorStore.open(file);
    new SavedViews(first).save('courses', view('Mine'));
    expect(new SavedViews(first).layout('courses')).toBeNull();
    expect(new SavedViews(first).setLayout('courses', layout)).toEqual(layout);
    first.close();

    const again = MirrorStore.open(file);
    cleanup.push(() => again.close());
    expect(new SavedViews(again).list('courses')).toEqual([view('Mine')]);
    expect(new SavedViews(again).layout('courses')).toEqual(layout);
    expect(new SavedViews(again).layout('groups')).toBeNull();
    const wider = { ...layout, widths: { course_name: 300 } };
    new SavedViews(again).setLayout('courses', wider);
    expect(new SavedViews(again).layout('courses')).toEqual(wider);
  });

  it('that no longer fit what the app reads are dropped, and the others still come back', () => {
    const store = MirrorStore.open(':memory:');
    cleanup.push(() => store.close());
    const views = new SavedViews(store);
    views.save('users', view('Good one'));
    const insert = store.db.prepare(`INSERT INTO saved_views (resource, name, json, saved_at) VALUES ('users', ?, ?, '2020-01-01T00:00:00.000Z')`);
    insert.run('Not JSON', '{"name": "Not JSON", ');
    insert.run('Wrong shape', JSON.stringify({ name: 'Wrong shape', sort: 'by name', search: '', layout }));
    insert.run('Too narrow', JSON.stringify(view('Too narrow', { layout: { ...layout, widths: { course_name: 2 } } })));
    store.db.prepare(`INSERT INTO column_layouts (resource, json, saved_at) VALUES ('users', '{"order": 7}', '2020-01-01T00:00:00.000Z')`).run();

    expect(views.list('users').map((v) => v.name)).toEqual(['Good one']);
    expect(views.layout('users')).toBeNull();
    // Dropped for good: nothing is left to trip over next time.
    expect(store.db.prepare(`SELECT name FROM saved_views WHERE resource = 'users'`).pluck().all()).toEqual(['Good one']);
    expect(store.db.prepare(`SELECT COUNT(*) FROM column_layouts`).pluck().get()).toBe(0);
  });
});

describe('through the bridge', () => {
  it('a view or layout that is not valid is refused with what is wrong, and what was saved stays', async () => {
    const dataDir = tempDir();
    const sandbox = await startSandbox({ scale: 10 });
    cleanup.push(() => sandbox.close());
    const service = new EnlightService({ dataDir, secrets: new SessionSecretStore(), clientOptions: { retryBaseMs: 1 } });
    cleanup.push(() => service.close());
    await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });

    const saved = await dispatchCall(service, 'views.save', { resource: 'enrollments', view: view('Expiring soon') });
    expect(saved.result).toMatchObject({ ok: true, value: [view('Expiring soon')] });
    await dispatchCall(service, 'layout.set', { resource: 'enrollments', layout });

    const bad = [
      await dispatchCall(service, 'views.save', { resource: 'enrollments', view: view('   ') }),
      await dispatchCall(service, 'views.save', { resource: 'enrollments', view: { ...view('Sneaky'), extra: true } }),
      await dispatchCall(service, 'views.save', { resource: 'lessons', view: view('Elsewhere') }),
      await dispatchCall(service, 'layout.set', { resource: 'enrollments', layout: { ...layout, widths: { course_name: 1e9 } } }),
      await dispatchCall(service, 'views.delete', { resource: 'enrollments', name: '' }),
    ];
    for (const outcome of bad) {
      expect(outcome.kind).toBe('rejected');
      expect(outcome.result).toMatchObject({ ok: false, error: { code: 'validation' } });
      if (!outcome.result.ok) expect(outcome.result.error.message).toMatch(/are not valid .*Correct them and try again/);
    }
    expect(await service['views.list']({ resource: 'enrollments' })).toEqual([view('Expiring soon')]);
    expect(await service['layout.get']({ resource: 'enrollments' })).toEqual(layout);
    expect(await service['views.delete']({ resource: 'enrollments', name: 'Expiring soon' })).toEqual([]);
  });

  it('with no account open, says to open one', async () => {
    const service = new EnlightService({ dataDir: tempDir(), secrets: new SessionSecretStore() });
    cleanup.push(() => service.close());
    await expect(service['views.list']({ resource: 'courses' })).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/No account is open/) });
  });
});
