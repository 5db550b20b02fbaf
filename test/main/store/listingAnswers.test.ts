// A grid's answers over a table in its first listing are kept and grown with the rows written
// since (listingAnswers.ts). Every answer must equal the one computed whole, on a connection that
// keeps nothing, whatever is written meanwhile: pages, overlap records unchanged or rewritten,
// names copied in by triggers, a pushed record, a row added by a writer that keeps no mark,
// deletions, and a table listed again from empty.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryWindow, type GridQuery } from '../../../src/main/store/gridQuery';
import { listingAnswerCounts } from '../../../src/main/store/listingAnswers';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import type { MirrorResource } from '../../../src/main/store/mirrorColumns';
import { seededRandom } from '../../../src/sandbox/chaos';

type Json = Record<string, unknown>;

let dir: string;
let file: string;
/** The pull's store (its own connection, as on its worker) and the app's, which answers the grids. */
let pull: MirrorStore;
let app: MirrorStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'enlight-listing-'));
  file = join(dir, 'store.sqlite');
  pull = MirrorStore.open(file);
  app = MirrorStore.open(file);
});

afterEach(() => {
  pull.close();
  app.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** The window as computed whole: a new connection keeps no answer. */
function wholeWindow(resource: MirrorResource, q: GridQuery) {
  const fresh = new Database(file, { readonly: true });
  try {
    return queryWindow(fresh, resource, q);
  } finally {
    fresh.close();
  }
}

function expectSameAnswers(resource: MirrorResource, queries: GridQuery[], step: string): void {
  for (const q of queries) {
    const kept = queryWindow(app.db, resource, q);
    const whole = wholeWindow(resource, q);
    expect({ step, q, total: kept.total, ids: kept.rows.map((r) => r['id']) }).toEqual({ step, q, total: whole.total, ids: whole.rows.map((r) => r['id']) });
  }
}

const FAMILY = ['Lee', 'Smith', 'Nguyen', 'Okafor', 'Andersson', 'Park', null, 'smith', 'Müller', 'Zhang'];
const GIVEN = ['Ann', 'Bo', 'Dana', 'Jon', 'Sanna', 'Ravi'];
const COMPANY = ['Acme', 'Harbour Health', null];

describe('a grid during a first listing', () => {
  it('answers as if computed whole, through pages, rewrites, pushes, deletions and other writers', () => {
    // Seeded, so a failure can be replayed.
    const next = seededRandom(20261123);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    let made = 0;
    const student = (id = `s${++made}`): Json => ({
      id,
      given_name: pick(GIVEN),
      family_name: pick(FAMILY),
      email: `${id}@${pick(['example.com', 'mail.org'])}`,
      company_name: pick(COMPANY),
      external_id: next() < 0.5 ? `EXT-${made}` : null,
    });
    const listed: Json[] = [];
    const queries: GridQuery[] = [
      { sort: [{ column: 'family_name' }], filters: [{ column: 'family_name', op: 'gte', value: 'M' }], offset: 0, limit: 20 },
      { sort: [{ column: 'family_name' }], filters: [{ column: 'family_name', op: 'gte', value: 'M' }], offset: 30, limit: 25 },
      { sort: [{ column: 'email', desc: true }], offset: 0, limit: 50 },
      { search: 'an', sort: [{ column: 'family_name' }, { column: 'given_name', desc: true }], offset: 5, limit: 40 },
      { search: 'smi', sort: [{ column: 'email' }], offset: 0, limit: 100 },
      { sort: [{ column: 'given_name' }], filters: [{ column: 'company_name', op: 'eq', value: 'Acme' }], offset: 0, limit: 10 },
      { sort: [{ column: 'family_name', desc: true }], offset: 990, limit: 30 },
      // Not sorted (a grid as it opens): read off the rowid order, with only its total kept.
      { offset: 0, limit: 50 },
      { filters: [{ column: 'company_name', op: 'eq', value: 'Acme' }], search: 'an', offset: 10, limit: 20 },
    ];

    const { pass } = pull.beginListPass('students', { deferIndexes: true });
    const other = new Database(file);
    try {
      for (let step = 0; step < 120; step++) {
        const roll = next();
        let what: string;
        if (roll < 0.55) {
          // A page of new records; often with the last record of the page before (the overlap), unchanged.
          const page = Array.from({ length: 1 + Math.floor(next() * 40) }, () => student());
          const overlap = next() < 0.7 && listed.length ? [listed[listed.length - 1] as Json] : [];
          pull.storePages('students', pass, [{ records: [...overlap, ...page] }]);
          listed.push(...page);
          what = 'page';
        } else if (roll < 0.7 && listed.length) {
          // A record already listed comes again, changed (drift): its family name moves it in the grid.
          const i = Math.floor(next() * listed.length);
          listed[i] = { ...(listed[i] as Json), family_name: pick(FAMILY), company_name: pick(COMPANY) };
          pull.storePages('students', pass, [{ records: [listed[i] as Json, student()] }]);
          what = 'rewrite';
        } else if (roll < 0.8) {
          // The app writes a pushed record, new or changed, on its own connection.
          const record = next() < 0.5 || !listed.length ? student() : { ...(listed[Math.floor(next() * listed.length)] as Json), given_name: pick(GIVEN) };
          app.storePage('students', pass, [record]);
          what = 'push';
        } else if (roll < 0.9) {
          // Another writer, which moves no mark, changes the row it added last time (still above
          // the mark unless a page came since) and adds one.
          other.prepare(`UPDATE students SET family_name = ? WHERE rowid = (SELECT MAX(rowid) FROM students WHERE id GLOB 'x*')`).run(pick(FAMILY));
          const id = `x${++made}`;
          other.prepare(`INSERT INTO students (id, family_name, email, json, seen_pass) VALUES (?, ?, ?, ?, ?)`).run(id, pick(FAMILY), `${id}@example.com`, JSON.stringify({ id }), pass);
          what = 'other writer';
        } else {
          other.prepare(`DELETE FROM students WHERE rowid = (SELECT rowid FROM students ORDER BY random() LIMIT 1)`).run();
          what = 'delete';
        }
        expectSameAnswers('students', queries, `${step}: ${what}`);
      }
    } finally {
      other.close();
    }
    // Both ways were taken: answers computed whole (first asked, or after a listed row changed) and grown.
    const counts = listingAnswerCounts(app.db);
    expect(counts.computed).toBeGreaterThan(queries.length);
    expect(counts.grown).toBeGreaterThan(counts.computed);
  });

  it('keeps enrollments sorted by the names their students are renamed to meanwhile', async () => {
    const pass = (r: MirrorResource) => pull.beginListPass(r, { deferIndexes: true }).pass;
    const students = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, given_name: `Given${i % 7}`, family_name: `Family${(i * 13) % 11}`, email: `s${i}@example.com` }));
    pull.storePages('users', pass('users'), [{ records: [{ id: 'u1', given_name: 'Sam', family_name: 'Smith' }] }]);
    pull.storePages('courses', pass('courses'), [{ records: [{ id: 'c0', name: 'First aid' }, { id: 'c1', name: 'Welding' }] }]);
    await pull.buildDeferredIndexes('users');
    await pull.buildDeferredIndexes('courses');
    const sp = pass('students');
    pull.storePages('students', sp, [{ records: students }]);
    await pull.buildDeferredIndexes('students');
    const ep = pass('enrollments');
    const queries: GridQuery[] = [
      { sort: [{ column: 'student_name' }], offset: 0, limit: 15 },
      { sort: [{ column: 'expires_at', desc: true }], filters: [{ column: 'course_id', op: 'eq', value: 'c1' }], offset: 0, limit: 100 },
    ];
    for (let page = 0; page < 12; page++) {
      const records = Array.from({ length: 10 }, (_, i) => {
        const n = page * 10 + i;
        return { id: `e${n}`, student_id: `s${(n * 7) % 30}`, course_id: `c${n % 3}`, instructor_id: n % 2 ? 'u1' : null, expires_at: `2027-0${1 + (n % 9)}-01T00:00:00.000Z` };
      });
      pull.storePages('enrollments', ep, [{ records }]);
      expectSameAnswers('enrollments', queries, `page ${page}`);
      if (page % 3 === 1) {
        // A student listed again with a new name: the trigger renames their enrollments already listed.
        const s = students[(page * 5) % 30] as Json;
        s['family_name'] = `Renamed${page}`;
        pull.storePages('students', sp, [{ records: [s] }]);
        expectSameAnswers('enrollments', queries, `rename after page ${page}`);
      }
    }
    expect(listingAnswerCounts(app.db).grown).toBeGreaterThan(0);
    // Each enrollment was written with the names it shows, and follows its student's renames.
    const names = `SELECT e.id, e.student_name, e.course_name, e.instructor_name,
        (SELECT trim(s.given_name || ' ' || s.family_name) FROM students s WHERE s.id = e.student_id) AS student,
        (SELECT c.name FROM courses c WHERE c.id = e.course_id) AS course,
        (SELECT trim(u.given_name || ' ' || u.family_name) FROM users u WHERE u.id = e.instructor_id) AS instructor
      FROM enrollments e ORDER BY e.rowid`;
    const rows = pull.db.prepare(names).all() as Json[];
    expect(rows).toHaveLength(120);
    for (const r of rows) expect([r['student_name'], r['course_name'], r['instructor_name']]).toEqual([r['student'], r['course'], r['instructor']]);
    expect(rows.filter((r) => String(r['student_name']).startsWith('Given') && String(r['student_name']).includes('Renamed')).length).toBeGreaterThan(0);
    await pull.buildDeferredIndexes('enrollments');
    expectSameAnswers('enrollments', queries, 'indexes built');
    // The listing's marks and triggers are gone with it.
    expect(pull.db.prepare(`SELECT COUNT(*) FROM first_listing_marks`).pluck().get()).toBe(0);
    expect(pull.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_listing_*'`).pluck().all()).toEqual([]);
  });

  it('keeps no answer that holds a row added by a writer that moves no mark', () => {
    const q: GridQuery = { sort: [{ column: 'family_name' }], offset: 0, limit: 10 };
    const { pass } = pull.beginListPass('students', { deferIndexes: true });
    pull.storePages('students', pass, [{ records: [{ id: 's1', family_name: 'Lee' }, { id: 's2', family_name: 'Park' }] }]);
    expectSameAnswers('students', [q], 'listed');
    const other = new Database(file);
    try {
      other.prepare(`INSERT INTO students (id, family_name, json, seen_pass) VALUES ('x1', 'Abbott', '{"id":"x1"}', ?)`).run(pass);
      expectSameAnswers('students', [q], 'added by the other writer');
      // Above the mark, so not counted as a change: no answer may have kept it.
      other.prepare(`UPDATE students SET family_name = 'Zola' WHERE id = 'x1'`).run();
      expectSameAnswers('students', [q], 'changed by the other writer');
      expect(queryWindow(app.db, 'students', q).rows.map((r) => r['id'])).toEqual(['s1', 's2', 'x1']);
    } finally {
      other.close();
    }
  });

  it('does not take an answer kept from one listing for one of the next', async () => {
    const page = (prefix: string, n: number, family: (i: number) => string) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, family_name: family(i), email: `${prefix}${i}@example.com` }));
    const q: GridQuery = { sort: [{ column: 'family_name' }], filters: [{ column: 'family_name', op: 'gte', value: 'M' }], offset: 0, limit: 10 };
    let { pass } = pull.beginListPass('students', { deferIndexes: true });
    // Half of them match: the answer keeps rowids 11–20 only.
    pull.storePages('students', pass, [{ records: page('a', 20, (i) => `${i < 10 ? 'A' : 'N'}${String(i).padStart(2, '0')}`) }]);
    expectSameAnswers('students', [q], 'first listing');
    await pull.buildDeferredIndexes('students');
    // The table is emptied (an account's store started over) and listed again, reusing the rowids.
    pull.db.exec(`DELETE FROM students`);
    ({ pass } = pull.beginListPass('students', { fresh: true, deferIndexes: true }));
    expect(pull.hasDeferredIndexes('students')).toBe(true);
    pull.storePages('students', pass, [{ records: page('b', 25, (i) => `P${String(i).padStart(2, '0')}`) }]);
    expectSameAnswers('students', [q], 'second listing');
    expect(queryWindow(app.db, 'students', q).rows[0]?.['id']).toBe('b0');
  });
});
