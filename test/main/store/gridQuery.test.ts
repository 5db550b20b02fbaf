// Grid windows over the real SQLite store: filters on derived columns (an enrollment's state and
// group), enrollment rows with the names a person reads, search through other records, sorting by
// those names, and local edits taking part in all of it, window by window.
import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../src/main/outbox/Outbox';
import { matchingIds, queryWindow, type GridQuery } from '../../../src/main/store/gridQuery';
import { searchCondition } from '../../../src/main/store/gridSearch';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { seededRandom } from '../../../src/sandbox/chaos';

type Json = Record<string, unknown>;

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const at = (days: number) => new Date(NOW + days * 86_400_000).toISOString();

let store: MirrorStore;
let outbox: Outbox;

function put(resource: 'students' | 'courses' | 'users' | 'enrollments' | 'groups', records: Json[]): void {
  store.storePage(resource, store.listState(resource).pass, records);
}

beforeEach(() => {
  store = MirrorStore.open(':memory:');
  for (const r of ['users', 'courses', 'students', 'enrollments', 'groups'] as const) store.beginListPass(r);
  put('users', [
    { id: 'u1', given_name: 'Sam', family_name: 'Smith', email: 'sam@example.com', role: 'instructor' },
    { id: 'u2', given_name: 'Chloe', family_name: 'Yang', email: 'chloe@example.com', role: 'instructor' },
  ]);
  put('courses', [
    { id: 'c1', name: 'First aid', summary: 'Bandages and calm' },
    { id: 'c2', name: 'Welding', summary: 'Sparks' },
  ]);
  put('students', [
    { id: 's1', given_name: 'Ann', family_name: 'Lee', email: 'ann@example.com', company_name: 'Harbour Health', external_id: 'EXT-901' },
    { id: 's2', given_name: 'Bo', family_name: 'Chen', email: 'bo@example.com', company_name: 'Summit Retail', external_id: 'EXT-902' },
    { id: 's3', given_name: 'Cy', family_name: 'Park', email: 'cy@example.org', company_name: null, external_id: null },
  ]);
  // One enrollment in each state, as of NOW; e5 expires exactly now, which is not yet the past.
  put('enrollments', [
    { id: 'e1', student_id: 's1', course_id: 'c1', instructor_id: 'u1', active: true, completed_at: null, expires_at: at(30) },
    { id: 'e2', student_id: 's1', course_id: 'c2', instructor_id: 'u2', active: true, completed_at: at(-3), expires_at: at(-1) },
    { id: 'e3', student_id: 's2', course_id: 'c1', instructor_id: 'u2', active: true, completed_at: null, expires_at: at(-1) },
    { id: 'e4', student_id: 's3', course_id: 'c2', instructor_id: 'u1', active: false, completed_at: null, expires_at: at(30) },
    { id: 'e5', student_id: 's3', course_id: 'c1', instructor_id: null, active: true, completed_at: null, expires_at: at(0) },
  ]);
  put('groups', [
    { id: 'g1', name: 'Night shift' },
    { id: 'g2', name: 'Apprentices' },
  ]);
  store.storeGroupMembers([{ groupId: 'g1', enrollmentIds: ['e1', 'e3'] }, { groupId: 'g2', enrollmentIds: ['e1'] }], 1);
  outbox = new Outbox(store, () => NOW + 60_000);
});

const query = (resource: Parameters<typeof queryWindow>[1], q: Partial<GridQuery> = {}) =>
  queryWindow(store.db, resource, { offset: 0, limit: 100, ...q }, { now: NOW, editStates: (ids) => outbox.editStates(resource as 'students', ids) });
const ids = (resource: Parameters<typeof queryWindow>[1], q: Partial<GridQuery> = {}) => query(resource, q).rows.map((r) => r['id']);

describe('an enrollment state', () => {
  it('is counted as the bridge defines it, against the clock given', () => {
    const state = (value: string) => ids('enrollments', { filters: [{ column: 'state', op: 'eq', value }], sort: [{ column: 'id' }] });
    expect(state('active')).toEqual(['e1', 'e5']);
    expect(state('completed')).toEqual(['e2']);
    expect(state('expired')).toEqual(['e3']);
    expect(state('cancelled')).toEqual(['e4']);
    expect(ids('enrollments', { filters: [{ column: 'state', op: 'in', values: ['expired', 'cancelled'] }], sort: [{ column: 'id' }] })).toEqual(['e3', 'e4']);
    expect(ids('enrollments', { filters: [{ column: 'state', op: 'ne', value: 'active' }], sort: [{ column: 'id' }] })).toEqual(['e2', 'e3', 'e4']);
    // A minute later e5 has expired.
    const later = queryWindow(store.db, 'enrollments', { filters: [{ column: 'state', op: 'eq', value: 'expired' }], sort: [{ column: 'id' }], offset: 0, limit: 10 }, { now: NOW + 60_000 });
    expect(later.rows.map((r) => r['id'])).toEqual(['e3', 'e5']);
  });

  it('refuses a state that does not exist, and a comparison that means nothing for it', () => {
    expect(() => query('enrollments', { filters: [{ column: 'state', op: 'eq', value: 'finished' }] })).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining('active, completed, expired, cancelled') }));
    expect(() => query('enrollments', { filters: [{ column: 'state', op: 'lt', value: 'active' }] })).toThrow(expect.objectContaining({ code: 'validation' }));
  });

  it('follows a local edit: cancelling an enrollment moves it to cancelled at once', () => {
    outbox.remove('enrollments', 'e1');
    expect(ids('enrollments', { filters: [{ column: 'state', op: 'eq', value: 'cancelled' }], sort: [{ column: 'id' }] })).toEqual(['e1', 'e4']);
    expect(query('enrollments', { filters: [{ column: 'state', op: 'eq', value: 'active' }] }).total).toBe(1);
  });
});

describe('a group filter', () => {
  it('finds the enrollments of a group, and the students with an enrollment in it', () => {
    expect(ids('enrollments', { filters: [{ column: 'group_id', op: 'eq', value: 'g1' }], sort: [{ column: 'id' }] })).toEqual(['e1', 'e3']);
    expect(ids('enrollments', { filters: [{ column: 'group_id', op: 'in', values: ['g1', 'g2'] }], sort: [{ column: 'id' }] })).toEqual(['e1', 'e3']);
    expect(ids('enrollments', { filters: [{ column: 'group_id', op: 'ne', value: 'g1' }], sort: [{ column: 'id' }] })).toEqual(['e2', 'e4', 'e5']);
    expect(ids('enrollments', { filters: [{ column: 'group_id', op: 'is-null' }], sort: [{ column: 'id' }] })).toEqual(['e2', 'e4', 'e5']);
    expect(ids('students', { filters: [{ column: 'group_id', op: 'eq', value: 'g1' }], sort: [{ column: 'id' }] })).toEqual(['s1', 's2']);
    expect(ids('students', { filters: [{ column: 'group_id', op: 'not-null' }], sort: [{ column: 'id' }] })).toEqual(['s1', 's2']);
  });

  it('counts an enrollment created here in the groups it will join', () => {
    const id = outbox.create('enrollments', { student_id: 's3', course_id: 'c2', instructor_id: 'u1', group_ids: ['g2'] });
    expect(ids('enrollments', { filters: [{ column: 'group_id', op: 'eq', value: 'g2' }], sort: [{ column: 'id' }] })).toEqual(['e1', id]);
    expect(ids('students', { filters: [{ column: 'group_id', op: 'eq', value: 'g2' }], sort: [{ column: 'id' }] })).toEqual(['s1', 's3']);
    expect(query('enrollments', { filters: [{ column: 'group_id', op: 'eq', value: 'g2' }] }).rows.find((r) => r['id'] === id)?.['group_names']).toEqual(['Apprentices']);
  });
});

describe('an enrollment row', () => {
  it('carries the names of its student, course, instructor and groups', () => {
    const [e1] = query('enrollments', { filters: [{ column: 'id', op: 'eq', value: 'e1' }] }).rows;
    expect(e1).toMatchObject({ student_name: 'Ann Lee', student_email: 'ann@example.com', course_name: 'First aid', instructor_name: 'Sam Smith', group_names: ['Apprentices', 'Night shift'] });
    const [e5] = query('enrollments', { filters: [{ column: 'id', op: 'eq', value: 'e5' }] }).rows;
    expect(e5).toMatchObject({ instructor_name: null, group_names: [] });
  });

  it('sorts by those names, and keeps them current when the server renames a record', () => {
    expect(ids('enrollments', { sort: [{ column: 'student_name' }, { column: 'course_name' }] })).toEqual(['e1', 'e2', 'e3', 'e5', 'e4']);
    expect(ids('enrollments', { sort: [{ column: 'course_name', desc: true }, { column: 'id', desc: true }] })).toEqual(['e4', 'e2', 'e5', 'e3', 'e1']);
    expect(ids('enrollments', { sort: [{ column: 'instructor_name' }, { column: 'id' }] })).toEqual(['e5', 'e2', 'e3', 'e1', 'e4']);
    put('students', [{ id: 's3', given_name: 'Aaron', family_name: 'Park', email: 'cy@example.org' }]);
    expect(ids('enrollments', { sort: [{ column: 'student_name' }, { column: 'id' }] })).toEqual(['e4', 'e5', 'e1', 'e2', 'e3']);
    expect(ids('enrollments', { filters: [{ column: 'student_name', op: 'contains', value: 'aaron' }], sort: [{ column: 'id' }] })).toEqual(['e4', 'e5']);
  });

  it('shows and sorts by a name edited here before the server has it', () => {
    outbox.update('students', 's3', { given_name: 'Aaron' });
    outbox.update('users', 'u1', { given_name: 'Zed' });
    expect(ids('enrollments', { sort: [{ column: 'student_name' }, { column: 'id' }] })).toEqual(['e4', 'e5', 'e1', 'e2', 'e3']);
    expect(ids('enrollments', { sort: [{ column: 'instructor_name', desc: true }, { column: 'id' }] })).toEqual(['e1', 'e4', 'e2', 'e3', 'e5']);
    expect(query('enrollments', { filters: [{ column: 'id', op: 'eq', value: 'e4' }] }).rows[0]).toMatchObject({ student_name: 'Aaron Park', instructor_name: 'Zed Smith' });
  });
});

describe('search', () => {
  it('finds students by name, email, company or external id, every word somewhere', () => {
    expect(ids('students', { search: 'harbour' })).toEqual(['s1']);
    expect(ids('students', { search: 'EXT-90', sort: [{ column: 'id' }] })).toEqual(['s1', 's2']);
    expect(ids('students', { search: 'ann lee' })).toEqual(['s1']);
    expect(ids('students', { search: 'ann chen' })).toEqual([]);
    expect(ids('students', { search: 'ch' })).toEqual(['s2']);
    expect(ids('students', { search: 'bo', sort: [{ column: 'id' }] })).toEqual(['s1', 's2']);
    expect(ids('students', { search: '.org' })).toEqual(['s3']);
  });

  it('reads company names and external ids off their index, not the whole students table', () => {
    const search = searchCondition('students', 'harbour', 'mirror');
    if (!search) throw new Error('a word makes a search');
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN SELECT r.id FROM students r WHERE ${search.sql}`).all(...search.params) as { detail: string }[];
    const details = plan.map((p) => p.detail);
    expect(details).toContain('SCAN m USING COVERING INDEX students_company');
    expect(details.filter((d) => /^SCAN (m|r|students)$/.test(d))).toEqual([]);
  });

  it('finds enrollments by their student and their course', () => {
    expect(ids('enrollments', { search: 'ann', sort: [{ column: 'id' }] })).toEqual(['e1', 'e2']);
    expect(ids('enrollments', { search: 'weld', sort: [{ column: 'id' }] })).toEqual(['e2', 'e4']);
    expect(ids('enrollments', { search: 'ann weld' })).toEqual(['e2']);
    expect(ids('enrollments', { search: 'cy@example', sort: [{ column: 'id' }] })).toEqual(['e4', 'e5']);
  });

  it("finds enrollments through their course's name, not its summary, sorted or not", () => {
    // "Sparks" is only in Welding's summary: the search box says "Names and emails".
    for (const sort of [undefined, [{ column: 'student_name' }]]) {
      expect(ids('enrollments', { search: 'sparks', sort })).toEqual([]);
      expect(ids('enrollments', { search: 'sp', sort })).toEqual([]);
      expect(ids('enrollments', { search: 'aid', sort }).sort()).toEqual(['e1', 'e3', 'e5']);
    }
    // The courses grid still searches its own summaries.
    expect(ids('courses', { search: 'sparks' })).toEqual(['c2']);
  });

  it('matches records edited here on their new values, not their old ones', () => {
    outbox.update('students', 's2', { family_name: 'Okafor' });
    outbox.update('courses', 'c2', { name: 'Metalwork' });
    expect(ids('students', { search: 'okafor' })).toEqual(['s2']);
    expect(ids('students', { search: 'chen' })).toEqual([]);
    expect(ids('enrollments', { search: 'okafor' })).toEqual(['e3']);
    expect(ids('enrollments', { search: 'metalwork', sort: [{ column: 'id' }] })).toEqual(['e2', 'e4']);
    expect(ids('enrollments', { search: 'welding' })).toEqual([]);
  });

  it('answers the same question anew after any write, from the server or from an edit', () => {
    const lee = () => ids('students', { search: 'lee', sort: [{ column: 'id' }] });
    expect(lee()).toEqual(['s1']);
    outbox.update('students', 's1', { family_name: 'Leigh' });
    expect(lee()).toEqual([]);
    put('students', [{ id: 's2', given_name: 'Bo', family_name: 'Lee', email: 'bo@example.com' }]);
    expect(lee()).toEqual(['s2']);
    outbox.undo();
    expect(lee()).toEqual(['s1', 's2']);
  });

  it('takes any text as text', () => {
    expect(ids('students', { search: '"; DROP TABLE students; --' })).toEqual([]);
    expect(ids('enrollments', { search: '%' })).toEqual([]);
    expect(store.count('students')).toBe(3);
  });
});

describe('windows with local edits', () => {
  it('merge edited and unedited rows in one order, without gaps or repeats between windows', () => {
    const more = Array.from({ length: 60 }, (_, i) => ({ id: `m${String(i).padStart(2, '0')}`, student_id: 's2', course_id: 'c2', instructor_id: 'u1', active: true, expires_at: at(10 + (i % 17)) }));
    put('enrollments', more);
    for (const id of ['m03', 'm20', 'm41']) outbox.update('enrollments', id, { expires_at: at(400) });
    outbox.update('enrollments', 'e1', { instructor_id: 'u2' });
    const created = outbox.create('enrollments', { student_id: 's1', course_id: 'c1', instructor_id: 'u1' });
    const all = query('enrollments', { sort: [{ column: 'expires_at' }], limit: 1000 });
    expect(all.total).toBe(66);
    const expires = all.rows.map((r) => String(r['expires_at'] ?? ''));
    expect([...expires].sort()).toEqual(expires);
    expect(all.rows.slice(-3).map((r) => r['id']).sort()).toEqual(['m03', 'm20', 'm41']);
    // Paging through in windows of 7 gives every row exactly once, in the same order.
    const paged: unknown[] = [];
    for (let offset = 0; offset < 66; offset += 7) paged.push(...ids('enrollments', { sort: [{ column: 'expires_at' }], offset, limit: 7 }));
    expect(paged).toEqual(all.rows.map((r) => r['id']));
    expect(paged).toContain(created);
    // The instructor edited here is the one shown, filtered and sorted on.
    expect(ids('enrollments', { filters: [{ column: 'instructor_id', op: 'eq', value: 'u2' }], sort: [{ column: 'id' }] })).toEqual(['e1', 'e2', 'e3']);
    expect(query('enrollments', { filters: [{ column: 'id', op: 'eq', value: 'e1' }] }).rows[0]).toMatchObject({ instructor_id: 'u2', instructor_name: 'Chloe Yang' });
  });

  it('say, row by row, which edits are pending and what the server said of a refused one', () => {
    outbox.update('students', 's1', { family_name: 'Leigh' });
    outbox.update('students', 's2', { email: 'bo.chen@example.com' });
    const refused = outbox.entries().find((e) => e.recordId === 's2');
    outbox.markSending(refused!.seq);
    outbox.markRejected(refused!.seq, 'email is reserved for staff', { email: ['is reserved for staff'] });
    const window = query('students', { sort: [{ column: 'id' }] });
    expect(Object.keys(window.edits ?? {}).sort()).toEqual(['s1', 's2']);
    expect(window.edits?.['s1']).toMatchObject({ kind: 'update', state: 'pending', fields: ['family_name'], message: null });
    expect(window.edits?.['s2']).toMatchObject({ state: 'rejected', fields: ['email'], message: 'email is reserved for staff', fieldErrors: { email: ['is reserved for staff'] }, seq: refused!.seq });
  });
});

describe('select all', () => {
  it('is the rows matching the filter and search, less those unticked', () => {
    expect(matchingIds(store.db, 'enrollments', { filters: [{ column: 'course_id', op: 'eq', value: 'c1' }], exceptIds: ['e3'] }, { now: NOW }).sort()).toEqual(['e1', 'e5']);
    expect(matchingIds(store.db, 'enrollments', { search: 'ann' }, { now: NOW }).sort()).toEqual(['e1', 'e2']);
    expect(matchingIds(store.db, 'students', { ids: ['s3', 's1', 'nope'] }).sort()).toEqual(['s1', 's3']);
  });
});

describe('a column the grid does not have', () => {
  it('is refused for sorting and filtering, and values are only ever values', () => {
    expect(() => query('enrollments', { sort: [{ column: 'json; DROP TABLE enrollments' }] })).toThrow(/cannot be sorted or filtered by/);
    expect(() => query('students', { filters: [{ column: 'student_name', op: 'eq', value: 'x' }] })).toThrow(/cannot be sorted or filtered by/);
    expect(() => query('students', { sort: [{ column: 'constructor' }] })).toThrow(/cannot be sorted or filtered by/);
    expect(() => query('enrollments', { filters: [{ column: 'toString', op: 'eq', value: 'x' }] })).toThrow(/cannot be sorted or filtered by/);
    expect(ids('students', { filters: [{ column: 'email', op: 'in', values: ["x' OR 1=1 --", 'ann@example.com'] }] })).toEqual(['s1']);
    expect(ids('enrollments', { filters: [{ column: 'instructor_id', op: 'ne', value: 'u1' }], sort: [{ column: 'id' }] })).toEqual(['e2', 'e3', 'e5']);
    expect(store.count('enrollments')).toBe(5);
  });
});

describe('a window far down a long list', () => {
  it('is the same rows, in the same order, as reading the list from its top', () => {
    // 120 students with repeated, missing and mixed-case names, and a few edited locally: windows in
    // the far half are read from the list's end, and must agree with the top-down reading exactly.
    put(
      'students',
      Array.from({ length: 120 }, (_, i) => ({
        id: `x${String(i).padStart(3, '0')}`,
        given_name: i % 7 === 0 ? null : ['ann', 'Bo', 'cy', 'Dee'][i % 4],
        family_name: ['Lee', 'lee', 'Chen', 'Park', 'Zed'][i % 5],
        email: `x${i}@example.com`,
        external_id: i % 3 === 0 ? null : `EXT-${i % 10}`,
      })),
    );
    outbox.update('students', 'x010', { given_name: 'Ann' });
    outbox.update('students', 'x099', { family_name: 'Chen' });
    for (const sort of [[], [{ column: 'given_name' }], [{ column: 'family_name', desc: true }], [{ column: 'external_id' }, { column: 'given_name', desc: true }]]) {
      const all = ids('students', { sort, offset: 0, limit: 1000 });
      expect(all).toHaveLength(123);
      for (const offset of [0, 40, 61, 62, 90, 117, 120, 122, 123]) {
        expect(ids('students', { sort, offset, limit: 7 }), `${JSON.stringify(sort)} from ${offset}`).toEqual(all.slice(offset, offset + 7));
      }
    }
  });
});

describe('a grid’s count', () => {
  it('follows every write, though it is kept between the windows of one query', () => {
    const total = () => query('groups', { offset: 0, limit: 1 }).total;
    expect(total()).toBe(2);
    expect(total()).toBe(2);
    put('groups', [{ id: 'g3', name: 'Weekend crew' }]);
    expect(total()).toBe(3);
    outbox.remove('groups', 'g1');
    expect(total()).toBe(2);
    outbox.undo();
    expect(total()).toBe(3);
  });
});

describe('a sorted search of enrollments', () => {
  /** A store of `n` enrollments over people and courses whose names share letters, some edited here. */
  function manyEnrollments(options: { firstListing: boolean }) {
    const random = seededRandom(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const given = ['Lin', 'Ann', 'Li', 'Bo', 'Alina', 'Cy'];
    const family = ['Lee', 'Chen', 'Lindqvist', 'Park', 'Ali', 'Okafor'];
    const many = MirrorStore.open(':memory:');
    for (const r of ['users', 'courses', 'students', 'groups'] as const) many.beginListPass(r);
    many.beginListPass('enrollments', { deferIndexes: options.firstListing });
    const putIn = (resource: 'students' | 'courses' | 'enrollments', records: Json[]) => many.storePage(resource, many.listState(resource).pass, records);
    putIn('courses', ['First aid', 'Welding', 'Linear algebra', 'Alignment', 'Safety'].map((name, i) => ({ id: `c${i}`, name, summary: null })));
    putIn(
      'students',
      Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, given_name: pick(given), family_name: pick(family), email: `p${i}@example.com` })),
    );
    putIn(
      'enrollments',
      Array.from({ length: 300 }, (_, i) => ({
        id: `e${i}`,
        student_id: `s${Math.floor(random() * 40)}`,
        course_id: `c${Math.floor(random() * 5)}`,
        active: random() < 0.8,
        completed_at: random() < 0.3 ? at(-Math.floor(random() * 90)) : null,
        expires_at: random() < 0.9 ? at(Math.floor(random() * 200) - 100) : null,
      })),
    );
    const edits = new Outbox(many, () => NOW + 60_000);
    edits.update('students', 's3', { family_name: 'Lindgren' });
    edits.update('courses', 'c1', { name: 'Metalwork' });
    edits.update('enrollments', 'e7', { expires_at: at(400) });
    return many;
  }

  for (const firstListing of [false, true]) {
    it(`finds what an unsorted one finds, in the sort's order${firstListing ? ', in a first listing too' : ''}`, () => {
      const many = manyEnrollments({ firstListing });
      const rows = (q: Partial<GridQuery>) => queryWindow(many.db, 'enrollments', { offset: 0, limit: 1000, ...q }, { now: NOW }).rows;
      for (const search of ['l', 'li', 'lin', 'lind', 'ali ng', 'metal', 'weld', 'zz']) {
        const found = rows({ search }).map((r) => r['id'] as string);
        for (const sort of [{ column: 'course_name' }, { column: 'student_name', desc: true }, { column: 'expires_at' }, { column: 'state' }]) {
          const sorted = rows({ search, sort: [sort] });
          expect(sorted.map((r) => r['id'] as string).sort(), `${search} by ${sort.column}`).toEqual([...found].sort());
          if (sort.column === 'state') continue;
          const values = sorted.map((r) => (typeof r[sort.column] === 'string' ? (r[sort.column] as string).toLowerCase() : ''));
          const inOrder = [...values].sort();
          expect(values, `${search} by ${sort.column}`).toEqual(sort.desc ? inOrder.reverse() : inOrder);
        }
      }
      many.close();
    });
  }

  it("reads no enrollment's row, only the sort's index and the rowids its student and course indexes give", () => {
    const search = searchCondition('enrollments', 'li', 'mirror', new Set(), { sorted: true });
    if (!search) throw new Error('a word makes a search');
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT r.rowid FROM enrollments r WHERE ${search.sql} ORDER BY r.course_name COLLATE NOCASE, r.rowid`)
      .all(...search.params) as { detail: string }[];
    const details = plan.map((p) => p.detail);
    expect(details).toContain('SCAN r USING COVERING INDEX enrollments_course_name');
    expect(details.filter((d) => /^SEARCH r /.test(d) || d === 'USE TEMP B-TREE FOR ORDER BY')).toEqual([]);
  });
});
