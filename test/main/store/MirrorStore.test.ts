import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { MIGRATIONS, migrate } from '../../../src/main/store/migrations';
import { queryWindow } from '../../../src/main/store/gridQuery';

const stores: MirrorStore[] = [];
function open(file = ':memory:'): MirrorStore {
  const store = MirrorStore.open(file);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const student = (id: string, extra: Record<string, unknown> = {}) => ({ id, given_name: 'Ada', family_name: 'Lovelace', email: `${id}@example.com`, locale: 'en-GB', time_zone: 'London', ...extra });

describe('the mirror', () => {
  it('keeps what the server said, less any student api_key', () => {
    const store = open();
    const pass = store.beginListPass('students').pass;
    store.storePage('students', pass, [student('s1', { api_key: 'secret-key', future_field: { a: 1 } })]);
    expect(store.get('students', 's1')).toEqual(student('s1', { future_field: { a: 1 } }));
    const raw = store.db.prepare(`SELECT * FROM students`).all();
    expect(JSON.stringify(raw)).not.toContain('secret-key');
  });

  it('keeps a huge value whole in the record, and only its start where it is sorted, searched and copied', () => {
    const store = open();
    const huge = `Zoë${'x'.repeat(1_000_000)}`;
    const summary = `Fire safety ${'y'.repeat(30_000)}`;
    store.storePage('users', store.beginListPass('users').pass, [{ id: 'u1', given_name: 'Ian', family_name: 'Instructor', email: 'ian@example.com', role: 'admin' }]);
    store.storePage('courses', store.beginListPass('courses').pass, [{ id: 'c1', name: 'Fire', summary }]);
    store.storePage('students', store.beginListPass('students').pass, [student('s1', { given_name: huge, family_name: `a${'🙂'.repeat(600)}` })]);
    const enrollments = Array.from({ length: 50 }, (_, i) => ({ id: `e${i}`, student_id: 's1', course_id: 'c1', instructor_id: 'u1', active: true }));
    store.storePage('enrollments', store.beginListPass('enrollments').pass, enrollments);

    // The record as the server sent it: the grids show this.
    expect(store.get('students', 's1')?.['given_name']).toBe(huge);
    expect(store.get('courses', 'c1')?.['summary']).toBe(summary);
    const columns = store.db.prepare(`SELECT length(given_name) AS given, family_name AS family FROM students`).get() as { given: number; family: string };
    expect(columns.given).toBe(1_000);
    // Cut between characters, never inside one (an emoji is two UTF-16 units: the 1,000th is the
    // first half of the 500th emoji, which goes).
    expect(columns.family).toBe(`a${'🙂'.repeat(499)}`);
    expect(store.db.prepare(`SELECT length(summary) FROM courses`).pluck().get()).toBe(20_000);
    // Each enrollment copies the name's start (1,000 + a space + 500), not a megabyte.
    expect(store.db.prepare(`SELECT MAX(length(student_name)) FROM enrollments`).pluck().get()).toBe(1_501);
    // Found by its start, as a person would type it.
    expect(queryWindow(store.db, 'students', { search: 'Zoëxxx', offset: 0, limit: 10 }).total).toBe(1);
  });

  it('reports only new or changed records as changed', () => {
    const store = open();
    let pass = store.beginListPass('students').pass;
    expect(store.storePage('students', pass, [student('s1'), student('s2')])).toEqual(['s1', 's2']);
    store.finishListPass('students', pass);
    pass = store.beginListPass('students').pass;
    expect(store.storePage('students', pass, [student('s1'), student('s2', { family_name: 'Byron' })])).toEqual(['s2']);
  });

  it('deletes what a complete, drift-free pass did not see, but never a record with local edits', () => {
    const store = open();
    let pass = store.beginListPass('students').pass;
    store.storePage('students', pass, [student('s1'), student('s2'), student('s3')]);
    store.finishListPass('students', pass);
    store.protectWith((resource) => new Set(resource === 'students' ? ['s3'] : []));
    pass = store.beginListPass('students').pass;
    store.storePage('students', pass, [student('s1')]);
    expect(store.finishListPass('students', pass)).toEqual({ deleted: ['s2'], driftFree: true });
    expect(store.count('students')).toBe(2);
  });

  it('deletes nothing after a pass that drifted', () => {
    const store = open();
    let pass = store.beginListPass('students').pass;
    store.storePage('students', pass, [student('s1'), student('s2')]);
    store.finishListPass('students', pass);
    pass = store.beginListPass('students').pass;
    store.storePage('students', pass, [student('s1')], { nextOffset: 99, anchorIds: ['s1'], drifted: true, newRecords: 1 });
    expect(store.finishListPass('students', pass)).toEqual({ deleted: [], driftFree: false });
    expect(store.count('students')).toBe(2);
  });

  it('resumes a pass left half done, from its checkpoint, in a file that survives reopening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mirror-'));
    try {
      const file = join(dir, 'account.sqlite');
      const first = open(file);
      const pass = first.beginListPass('enrollments').pass;
      first.storePage('enrollments', pass, [{ id: 'e1', student_id: 's1', course_id: 'c1', active: true }], { nextOffset: 99, anchorIds: ['e1'], drifted: false, newRecords: 1 });
      first.close();
      stores.splice(stores.indexOf(first), 1);
      const again = open(file);
      expect(again.beginListPass('enrollments')).toMatchObject({ pass, state: 'listing', nextOffset: 99, anchorIds: ['e1'], records: 1 });
      expect(again.beginListPass('enrollments', { fresh: true })).toMatchObject({ pass: pass + 1, nextOffset: 0, records: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    }
  });

  it('finds students by any part of a name or email through the full-text index, in any script', () => {
    const store = open();
    const pass = store.beginListPass('students').pass;
    store.storePage('students', pass, [student('s1'), student('s2', { given_name: '雅婷', family_name: '林', email: 'yating.lin@example.com' }), student('s3', { email: 'bob@example.org' })]);
    const ids = (search: string) => queryWindow(store.db, 'students', { search, offset: 0, limit: 10 }).rows.map((r) => r['id']);
    expect(ids('yating')).toEqual(['s2']);
    expect(ids('林')).toEqual(['s2']);
    expect(ids('example.org')).toEqual(['s3']);
    expect(ids('"; DROP TABLE students; --')).toEqual([]);
    expect(store.count('students')).toBe(3);
  });

  it('answers a sorted, filtered window with the total count', () => {
    const store = open();
    const pass = store.beginListPass('enrollments').pass;
    const rows = Array.from({ length: 250 }, (_, i) => ({ id: `e${String(i).padStart(3, '0')}`, student_id: 's', course_id: i % 2 ? 'c1' : 'c2', active: i % 5 !== 0, expires_at: `2027-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z` }));
    store.storePage('enrollments', pass, rows);
    const window = queryWindow(store.db, 'enrollments', { filters: [{ column: 'course_id', op: 'eq', value: 'c1' }], sort: [{ column: 'expires_at', desc: true }], offset: 10, limit: 20 });
    expect(window.total).toBe(125);
    expect(window.rows).toHaveLength(20);
    const expires = window.rows.map((r) => r['expires_at'] as string);
    expect([...expires].sort().reverse()).toEqual(expires);
    expect(() => queryWindow(store.db, 'enrollments', { sort: [{ column: 'json; DROP TABLE x' }], offset: 0, limit: 1 })).toThrow(/cannot be sorted/);
  });

  it('keeps checksheet steps and the library items they show, and group members', () => {
    const store = open();
    const pass = store.beginListPass('checksheets').pass;
    store.storePage('checksheets', pass, [{ id: 'cs1', course_id: 'c1', version: 1, updated_at: '2020-01-01T00:00:00.000Z' }]);
    expect(store.checksheetsNeedingDetail()).toEqual(['cs1']);
    store.storeChecksheetDetail('cs1', { id: 'cs1', updated_at: '2020-01-01T00:00:00.000Z', sections: [{ id: 'sec', name: 'One', sequence: 1, section_steps: [{ id: 'st1', type: 'Steps::Reference', library_item_id: 'li1' }, { id: 'st2', type: 'Steps::Note' }] }] });
    expect(store.checksheetsNeedingDetail()).toEqual([]);
    // A full sync fetches every detail again, however recent.
    expect(store.checksheetsNeedingDetail({ all: true })).toEqual(['cs1']);
    expect(store.libraryItemsNeeded()).toEqual(['li1']);
    store.storeLibraryItem({ id: 'li1', title: 'Guide' }, pass);
    expect(store.libraryItemsNeeded()).toEqual([]);
    const gPass = store.beginListPass('groups').pass;
    store.storePage('groups', gPass, [{ id: 'g1', name: 'Class of 2020' }]);
    expect(store.storeGroupMembers([{ groupId: 'g1', enrollmentIds: ['e2', 'e1'] }], gPass)).toEqual(['g1']);
    expect(store.storeGroupMembers([{ groupId: 'g1', enrollmentIds: ['e1', 'e2'] }], gPass)).toEqual([]);
    expect(store.groupMembers('g1')).toEqual(['e1', 'e2']);
    expect(store.groupsNeedingMembers(gPass)).toEqual([]);
  });
});

describe('a store file', () => {
  it('is made with pages of 8 KiB, and one made before keeps its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'enlight-pages-'));
    try {
      const made = MirrorStore.open(join(dir, 'new.sqlite'));
      expect([made.db.pragma('page_size', { simple: true }), made.db.pragma('journal_mode', { simple: true })]).toEqual([8192, 'wal']);
      made.close();
      const old = new Database(join(dir, 'old.sqlite'));
      old.pragma('page_size = 4096');
      old.pragma('journal_mode = WAL');
      old.exec(`CREATE TABLE kept (x)`);
      old.close();
      const reopened = MirrorStore.open(join(dir, 'old.sqlite'));
      expect(reopened.db.pragma('page_size', { simple: true })).toBe(4096);
      expect(reopened.db.prepare(`SELECT COUNT(*) FROM kept`).pluck().get()).toBe(0);
      reopened.close();
    } finally {
      // (A closed store's checkpointer thread may still be ending: retried, as elsewhere.)
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    }
  });

  it('can be made by several processes opening it at once (the app and the CLI), each finding it whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enlight-at-once-'));
    try {
      const file = join(dir, 'new.sqlite');
      const startAt = Date.now() + 1500;
      const script = fileURLToPath(new URL('../../support/openStoreAtOnce.ts', import.meta.url));
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const answers = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const worker = new Worker(script, { workerData: { file, startAt }, execArgv: ['--import', tsx] });
          const answers: { ok: boolean; message?: string }[] = [];
          worker.on('message', (answer: { ok: boolean; message?: string }) => answers.push(answer));
          const [code] = (await once(worker, 'exit')) as [number];
          return answers[0] ?? { ok: false, message: `ended (code ${code}) without answering` };
        }),
      );
      expect(answers.map((a) => a.message ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok']);
      const store = MirrorStore.open(file);
      expect(store.db.prepare(`SELECT version FROM schema_migrations ORDER BY version`).pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    }
  });
});

describe('migrations', () => {
  it('refuse a database built with a migration that has since changed', () => {
    const db = new Database(':memory:');
    migrate(db);
    const edited = MIGRATIONS.map((m) => ({ ...m, sql: `${m.sql}\n-- edited` }));
    expect(() => migrate(db, edited)).toThrow(/differs/);
    db.close();
  });

  it('give students and enrollments an id index of their own, keeping every row, index, trigger and search', () => {
    const db = new Database(':memory:');
    const before9 = MIGRATIONS.filter((m) => m.version < 9);
    migrate(db, before9);
    db.prepare(`INSERT INTO students (id, given_name, family_name, email, json, seen_pass) VALUES ('s1', 'Ada', 'Lovelace', 'ada@example.com', '{}', 1)`).run();
    db.prepare(`INSERT INTO courses (id, name, json, seen_pass) VALUES ('c1', 'Safety', '{}', 1)`).run();
    db.prepare(`INSERT INTO enrollments (id, student_id, course_id, json, seen_pass) VALUES ('e1', 's1', 'c1', '{}', 1)`).run();
    const objects = () =>
      db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('students', 'enrollments') AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name`).all() as {
        name: string;
      }[];
    const rows = () => db.prepare(`SELECT rowid, * FROM students UNION ALL SELECT rowid, id, student_id, course_id, student_name, course_name, json, seen_pass, NULL, NULL, NULL FROM enrollments`).raw().all();
    const kept = objects();
    const held = rows();

    migrate(db, MIGRATIONS.filter((m) => m.version <= 9));
    expect(objects()).toEqual(
      [...kept, { type: 'index', name: 'enrollments_id', sql: 'CREATE UNIQUE INDEX enrollments_id ON enrollments(id)' }, { type: 'index', name: 'students_id', sql: 'CREATE UNIQUE INDEX students_id ON students(id)' }].sort(
        (a, b) => a.name.localeCompare(b.name),
      ),
    );
    expect(rows()).toEqual(held);
    // The primary key's index, which can't be dropped, is gone; ids stay unique.
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE tbl_name IN ('students', 'enrollments') AND type = 'index' AND sql IS NULL`).all()).toEqual([]);
    expect(() => db.prepare(`INSERT INTO students (id, json, seen_pass) VALUES ('s1', '{}', 2)`).run()).toThrow(/UNIQUE/);
    // Triggers on and of the rebuilt tables still work: search, and enrollment names.
    expect(db.prepare(`SELECT rowid FROM students_fts WHERE students_fts MATCH 'lovelace'`).pluck().all()).toEqual([1]);
    db.prepare(`UPDATE students SET family_name = 'Byron' WHERE id = 's1'`).run();
    expect(db.prepare(`SELECT student_name FROM enrollments WHERE id = 'e1'`).pluck().get()).toBe('Ada Byron');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => db.exec(`INSERT INTO students_fts(students_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    db.close();
  });

  it('give students an index by company that holds their external ids too, on a store that has students', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version < 10));
    db.prepare(`INSERT INTO students (id, company_name, external_id, json, seen_pass) VALUES ('s1', 'Harbour Health', 'EXT-1', '{}', 1), ('s2', 'acme', NULL, '{}', 1)`).run();
    migrate(db);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'students_company'`).pluck().get()).toBe('CREATE INDEX students_company ON students(company_name COLLATE NOCASE, external_id)');
    // Sorting by company, as people read names, comes off it.
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM students ORDER BY company_name COLLATE NOCASE`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual(['SCAN students USING INDEX students_company']);
    expect(db.prepare(`SELECT id FROM students ORDER BY company_name COLLATE NOCASE`).pluck().all()).toEqual(['s2', 's1']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('still name an enrollment written without its names, and keep the names one is written with', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version < 12));
    db.prepare(`INSERT INTO students (id, given_name, family_name, json, seen_pass) VALUES ('s1', 'Ada', 'Lovelace', '{}', 1)`).run();
    db.prepare(`INSERT INTO courses (id, name, json, seen_pass) VALUES ('c1', 'Safety', '{}', 1)`).run();
    migrate(db);
    db.prepare(`INSERT INTO enrollments (id, student_id, course_id, json, seen_pass) VALUES ('e1', 's1', 'c1', '{}', 1)`).run();
    db.prepare(`INSERT INTO enrollments (id, student_id, course_id, json, seen_pass, student_name, course_name) VALUES ('e2', 's1', 'c1', '{}', 1, 'As listed', 'Safety')`).run();
    expect(db.prepare(`SELECT id, student_name, course_name, instructor_name FROM enrollments ORDER BY id`).all()).toEqual([
      { id: 'e1', student_name: 'Ada Lovelace', course_name: 'Safety', instructor_name: null },
      { id: 'e2', student_name: 'As listed', course_name: 'Safety', instructor_name: null },
    ]);
    db.close();
  });

  it('refuse a database written by a newer version of the app', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(`INSERT INTO schema_migrations VALUES (999, 'future', 'x', 'now')`).run();
    expect(() => migrate(db)).toThrow(/newer Enlight Admin/);
    db.close();
  });
});
