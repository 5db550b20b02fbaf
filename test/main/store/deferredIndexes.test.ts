// A table's first listing is written without its secondary indexes and full-text triggers, and
// ends with exactly the schema a new store has; meanwhile the grids, search and the Overview keep
// answering, and a store a crash left half-listed gets its indexes back when it is opened.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { OverviewPages } from '../../../src/main/overview/OverviewPages';
import { fullTextDeferred, idIndexDeferred, indexesDeferred } from '../../../src/main/store/deferredIndexes';
import { queryWindow } from '../../../src/main/store/gridQuery';
import { MirrorStore } from '../../../src/main/store/MirrorStore';
import { MIRROR_RESOURCES } from '../../../src/main/store/mirrorColumns';
import { RowidsById } from '../../../src/main/store/RowidsById';
import { pull } from '../../../src/main/sync/pull';
import type { SyncPhase } from '../../../src/shared/syncProgress';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { expectMirrorMatchesSandbox } from '../../support/mirrorMatchesSandbox';
import { closedPort } from '../api/helpers';

type Json = Record<string, unknown>;

let sandbox: Sandbox;
let client: EnlightClient;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 300 });
  client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, retryBaseMs: 1 });
  dir = mkdtempSync(join(tmpdir(), 'enlight-deferred-'));
});

afterAll(async () => {
  client.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** Every index and trigger of the mirror tables and the groups' members, as SQL: what a store's schema is made of. */
function mirrorSchema(store: MirrorStore): string[] {
  return (
    store.db
      .prepare(`SELECT type || ' ' || name || ': ' || sql AS s FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('index', 'trigger') AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`)
      .pluck()
      .all(JSON.stringify([...MIRROR_RESOURCES, 'group_memberships'])) as string[]
  ).sort();
}

const newStoreSchema = () => {
  const fresh = MirrorStore.open(':memory:');
  try {
    return mirrorSchema(fresh);
  } finally {
    fresh.close();
  }
};

async function allStudents(): Promise<Json[]> {
  const all: Json[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await client.list('students', { limit: 100, offset })) as Json[];
    all.push(...page);
    if (page.length < 100) return all;
  }
}

describe('a first listing', () => {
  it('writes without indexes, still searches and sorts every record, and ends with the schema a new store has', async () => {
    const store = MirrorStore.open(join(dir, 'first.sqlite'));
    try {
      const schema = newStoreSchema();
      expect(mirrorSchema(store)).toEqual(schema);

      const { pass } = store.beginListPass('students', { deferIndexes: true });
      expect(indexesDeferred(store.db, 'students')).toBe(true);
      expect([...fullTextDeferred(store.db)]).toEqual(['students']);
      expect(mirrorSchema(store).some((s) => s.startsWith('index students_family_name') || s.startsWith('trigger students_fts_insert'))).toBe(false);
      // Other tables keep theirs.
      expect(indexesDeferred(store.db, 'enrollments')).toBe(false);

      const students = await allStudents();
      store.storePage('students', pass, students);
      const someone = students.find((s) => typeof s['family_name'] === 'string' && (s['family_name'] as string).length >= 4) as Json;
      const word = (someone['family_name'] as string).slice(0, 4).toLowerCase();
      const expected = students.filter((s) => ['given_name', 'family_name', 'email', 'company_name', 'external_id'].some((c) => String(s[c] ?? '').toLowerCase().includes(word))).length;

      // The full-text index is empty until it is rebuilt: search scans instead, and misses no one.
      const during = queryWindow(store.db, 'students', { search: word, sort: [{ column: 'email' }], offset: 0, limit: 1000 });
      expect(during.total).toBe(expected);
      expect(during.rows.map((r) => r['id'])).toContain(someone['id']);
      const sorted = queryWindow(store.db, 'students', { sort: [{ column: 'family_name' }], offset: 0, limit: students.length });
      expect(sorted.total).toBe(students.length);

      store.finishListPass('students', pass);
      await store.buildDeferredIndexes('students');
      expect(indexesDeferred(store.db, 'students')).toBe(false);
      expect(fullTextDeferred(store.db).size).toBe(0);
      expect(mirrorSchema(store)).toEqual(schema);
      // The rebuilt full-text index holds every record, and agrees with the table.
      expect(() => store.db.exec(`INSERT INTO students_fts(students_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
      const after = queryWindow(store.db, 'students', { search: word, sort: [{ column: 'email' }], offset: 0, limit: 1000 });
      expect(after.rows).toEqual(during.rows);
      expect(queryWindow(store.db, 'students', { sort: [{ column: 'family_name' }], offset: 0, limit: students.length }).rows).toEqual(sorted.rows);

      // A table that holds records keeps its indexes for the next pass.
      store.beginListPass('students', { deferIndexes: true });
      expect(indexesDeferred(store.db, 'students')).toBe(false);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });

  it('writes each record once without the id index: page overlaps, another connection\'s writes, a failed page', async () => {
    const file = join(dir, 'ids.sqlite');
    const store = MirrorStore.open(file);
    const other = MirrorStore.open(file);
    try {
      const { pass } = store.beginListPass('students', { deferIndexes: true });
      expect(idIndexDeferred(store.db, 'students')).toBe(true);
      const students = await allStudents();
      const distinctRows = () => store.db.prepare(`SELECT COUNT(*) AS rows, COUNT(DISTINCT id) AS ids FROM students`).get() as { rows: number; ids: number };

      // Pages overlap by one record, as the walker fetches them.
      for (let offset = 0; offset < 150; offset += 99) store.storePage('students', pass, students.slice(offset, offset + 100));
      expect(distinctRows()).toEqual({ rows: 199, ids: 199 });
      // Counted without reading the table (there is no index to count from yet), and exactly.
      expect(store.count('students')).toBe(199);

      // Meanwhile another connection (the CLI, pushing an edit) writes a record this pass lists later.
      const later = students[250] as Json;
      other.storePage('students', other.listState('students').pass, [{ ...later, family_name: 'Pushed' }]);
      store.storePage('students', pass, students.slice(198, 297));
      expect(distinctRows()).toEqual({ rows: 297, ids: 297 });
      expect(store.get('students', later['id'] as string)).toEqual(later);

      // A page that fails half-way leaves nothing behind, and the next one writes its records once.
      const next = students[297] as Json;
      expect(() => store.storePage('students', pass, [next, { family_name: 'no id' }])).toThrow(/without an id/);
      store.storePage('students', pass, students.slice(296));
      expect(distinctRows()).toEqual({ rows: students.length, ids: students.length });
      expect(store.count('students')).toBe(students.length);

      store.finishListPass('students', pass);
      await store.buildDeferredIndexes('students');
      expect(idIndexDeferred(store.db, 'students')).toBe(false);
      expect(mirrorSchema(store)).toEqual(newStoreSchema());
    } finally {
      other.close();
      store.close();
    }
  });

  it('tells apart two records whose ids share a hash, written and written again without the id index', () => {
    // Two ids with the same 32-bit hash (RowidsById.ts keys rowids by one), found among random ids.
    const probe = new RowidsById();
    const tried: string[] = [];
    let pair: [string, string] | undefined;
    while (!pair) {
      const id = randomUUID();
      const earlier = probe.candidates(id)[0];
      if (earlier !== undefined) pair = [tried[earlier - 1] as string, id];
      probe.add(id, tried.push(id));
    }
    const store = MirrorStore.open(join(dir, 'shared-hash.sqlite'));
    try {
      const { pass } = store.beginListPass('students', { deferIndexes: true });
      const [a, b] = pair.map((id, i) => ({ id, given_name: `Twin ${i}`, family_name: 'Hash', email: `twin${i}@example.com` }));
      store.storePage('students', pass, [a as Json, b as Json]);
      // Both again (pages overlap, or drift fetches a page again), one of them changed.
      expect(store.storePage('students', pass, [{ ...(b as Json), family_name: 'Changed' }, a as Json])).toEqual([pair[1]]);
      expect(store.db.prepare(`SELECT id, family_name FROM students ORDER BY rowid`).raw().all()).toEqual([
        [pair[0], 'Hash'],
        [pair[1], 'Changed'],
      ]);
    } finally {
      store.close();
    }
  });

  it('is indexed by the pull when the list is in, on a worker thread: a resync indexes nothing again', async () => {
    const store = MirrorStore.open(join(dir, 'pull.sqlite'), { buildOnWorkerFrom: 0 });
    try {
      const phases = new Map<string, Set<SyncPhase>>();
      const onProgress = (p: { resources: { resource: string; phase: SyncPhase }[] }) => {
        for (const r of p.resources) phases.set(r.resource, (phases.get(r.resource) ?? new Set()).add(r.phase));
      };
      expect((await pull({ client, store, onProgress })).outcome).toBe('complete');
      expect(phases.get('students')?.has('indexing')).toBe(true);
      expect(phases.get('enrollments')?.has('indexing')).toBe(true);
      expect(mirrorSchema(store)).toEqual(newStoreSchema());

      phases.clear();
      expect((await pull({ client, store, onProgress })).outcome).toBe('complete');
      // The resync listed students and enrollments again (so reported their phases), and indexed neither.
      expect(phases.get('students')?.has('listing')).toBe(true);
      expect(phases.get('enrollments')?.has('listing')).toBe(true);
      expect([...phases.values()].some((p) => p.has('indexing'))).toBe(false);
    } finally {
      store.close();
    }
  });

  it('drops its indexes again when resumed after a stop built them; a resync resumed keeps them', async () => {
    const store = MirrorStore.open(join(dir, 'resumed.sqlite'));
    try {
      const students = await allStudents();
      const { pass } = store.beginListPass('students', { deferIndexes: true });
      expect(store.listState('students').fromEmpty).toBe(true);
      store.storePage('students', pass, students.slice(0, 100), { nextOffset: 99, anchorIds: [], newRecords: 100, drifted: false });
      // Stopped: the pull builds the indexes back for the grids, and the pass stays half done.
      await store.buildDeferredIndexes('students');
      expect(indexesDeferred(store.db, 'students')).toBe(false);

      // Resumed, the rest is written without them, and the pass is the same one, at its checkpoint.
      const resumed = store.beginListPass('students', { deferIndexes: true });
      expect(resumed).toMatchObject({ pass, state: 'listing', nextOffset: 99, records: 100, fromEmpty: true });
      expect(indexesDeferred(store.db, 'students')).toBe(true);
      expect(idIndexDeferred(store.db, 'students')).toBe(true);
      store.storePage('students', pass, students.slice(99));
      expect(store.db.prepare(`SELECT COUNT(*) AS rows, COUNT(DISTINCT id) AS ids FROM students`).get()).toEqual({ rows: students.length, ids: students.length });
      store.finishListPass('students', pass);
      await store.buildDeferredIndexes('students');
      expect(mirrorSchema(store)).toEqual(newStoreSchema());
      expect(() => store.db.exec(`INSERT INTO students_fts(students_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();

      // A resync's pass began on a full table: stopped and resumed, it keeps the indexes.
      const resync = store.beginListPass('students', { deferIndexes: true });
      expect(resync.fromEmpty).toBe(false);
      store.storePage('students', resync.pass, students.slice(0, 100), { nextOffset: 99, anchorIds: [], newRecords: 100, drifted: false });
      expect(store.beginListPass('students', { deferIndexes: true })).toMatchObject({ pass: resync.pass, state: 'listing', fromEmpty: false });
      expect(indexesDeferred(store.db, 'students')).toBe(false);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await store.close();
    }
  });

  it('is stopped half-way through the enrollments, and the resumed pull lists the rest without their indexes', async () => {
    const store = MirrorStore.open(join(dir, 'stopped.sqlite'));
    try {
      const stop = new AbortController();
      const stopped = await pull({
        client,
        store,
        concurrency: 1,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.resources.some((r) => r.resource === 'enrollments' && r.records > 0)) stop.abort();
        },
      });
      expect(stopped.outcome).toBe('stopped');
      // Stopped with the list half done, and indexed for the grids meanwhile.
      expect(store.listState('enrollments')).toMatchObject({ state: 'listing', fromEmpty: true });
      expect(indexesDeferred(store.db, 'enrollments')).toBe(false);

      const phases = new Set<SyncPhase>();
      const resumed = await pull({
        client,
        store,
        onProgress: (p) => {
          for (const r of p.resources) if (r.resource === 'enrollments') phases.add(r.phase);
        },
      });
      expect(resumed.outcome).toBe('complete');
      expect(phases.has('indexing')).toBe(true);
      expect(mirrorSchema(store)).toEqual(newStoreSchema());
      expectMirrorMatchesSandbox(store, sandbox);
    } finally {
      await store.close();
    }
  });

  it("writes a first sync's group members without their index by enrollment, which is built when they are in", async () => {
    const store = MirrorStore.open(join(dir, 'members.sqlite'));
    try {
      store.storeGroupMembers([{ groupId: 'g1', enrollmentIds: ['e2', 'e1'] }, { groupId: 'g2', enrollmentIds: ['e1'] }], 1, { deferIndexes: true });
      expect(indexesDeferred(store.db, 'group_memberships')).toBe(true);
      expect(mirrorSchema(store).some((s) => s.startsWith('index group_memberships_enrollment'))).toBe(false);
      // The next batches of the same sync find the table no longer empty, and still go without it.
      store.storeGroupMembers([{ groupId: 'g3', enrollmentIds: ['e1', 'e3'] }], 1, { deferIndexes: true });
      expect(indexesDeferred(store.db, 'group_memberships')).toBe(true);
      const groupsOfE1 = () => store.db.prepare(`SELECT group_id FROM group_memberships WHERE enrollment_id = 'e1' ORDER BY group_id`).pluck().all();
      expect(groupsOfE1()).toEqual(['g1', 'g2', 'g3']);

      await store.buildDeferredIndexes('group_memberships');
      expect(indexesDeferred(store.db, 'group_memberships')).toBe(false);
      expect(mirrorSchema(store)).toEqual(newStoreSchema());
      expect(groupsOfE1()).toEqual(['g1', 'g2', 'g3']);

      // A table that holds members keeps its index while the next sync writes them.
      expect(store.storeGroupMembers([{ groupId: 'g1', enrollmentIds: ['e2'] }], 2, { deferIndexes: true })).toEqual(['g1']);
      expect(indexesDeferred(store.db, 'group_memberships')).toBe(false);
      expect(groupsOfE1()).toEqual(['g2', 'g3']);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });

  it('answers the Overview while enrollments are listed without their indexes', async () => {
    const store = MirrorStore.open(join(dir, 'overview.sqlite'));
    try {
      const { pass } = store.beginListPass('enrollments', { deferIndexes: true });
      expect(indexesDeferred(store.db, 'enrollments')).toBe(true);
      const page = (await client.list('enrollments', { limit: 100, offset: 0 })) as Json[];
      store.storePage('enrollments', pass, page);
      // Counted here and by the page at the same moment.
      const now = Date.now();
      const overview = new OverviewPages(store, { now: () => now }).get({}, { pending: 0, rejected: 0, conflict: 0 });
      const active = page.filter((e) => e['active'] === true && !e['completed_at'] && (!e['expires_at'] || Date.parse(String(e['expires_at'])) >= now)).length;
      expect(overview.figures.activeEnrollments.value).toBe(active);
    } finally {
      store.close();
    }
  });
});

it('opens a store whose unindexed table somehow holds an id twice, keeping the newer record', () => {
  const file = join(dir, 'twice.sqlite');
  const store = MirrorStore.open(file);
  const { pass } = store.beginListPass('students', { deferIndexes: true });
  store.storePage('students', pass, [{ id: 's1', family_name: 'Older' }]);
  store.db.prepare(`INSERT INTO students (id, family_name, json, seen_pass) VALUES ('s1', 'Newer', '{"id":"s1","family_name":"Newer"}', ?)`).run(pass);
  // Listed to the end, killed before the indexes were built: opening builds them.
  store.finishListPass('students', pass);
  store.close();

  const again = MirrorStore.open(file);
  try {
    expect(idIndexDeferred(again.db, 'students')).toBe(false);
    expect(again.db.prepare(`SELECT family_name FROM students`).pluck().all()).toEqual(['Newer']);
  } finally {
    again.close();
  }
});

it('builds at opening the indexes a crash left unbuilt, but for a first listing the next pull carries on', async () => {
  const file = join(dir, 'crashed.sqlite');
  const store = MirrorStore.open(file);
  const students = await allStudents();
  const { pass } = store.beginListPass('students', { deferIndexes: true });
  store.storePage('students', pass, students.slice(0, 150));
  store.storeGroupMembers([{ groupId: 'g1', enrollmentIds: ['e1'] }], 1, { deferIndexes: true });
  // Courses listed to the end, killed before their indexes were built.
  const courses = store.beginListPass('courses', { deferIndexes: true });
  store.storePage('courses', courses.pass, (await client.list('courses', { limit: 100, offset: 0 })) as Json[]);
  store.finishListPass('courses', courses.pass);
  // Closed with all that unbuilt, as a killed process leaves it.
  await store.close();

  const again = MirrorStore.open(file);
  try {
    expect(indexesDeferred(again.db, 'courses')).toBe(false);
    expect(indexesDeferred(again.db, 'group_memberships')).toBe(false);
    // The students' listing is the next pull's to finish: meanwhile search scans, and misses no one.
    expect(indexesDeferred(again.db, 'students')).toBe(true);
    expect(queryWindow(again.db, 'students', { search: 'example', offset: 0, limit: 1 }).total).toBe(150);

    // A pull that cannot reach the server still leaves every index built for the grids.
    const unreachable = new EnlightClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, apiKey: 'x'.repeat(32), retries: 0 });
    await expect(pull({ client: unreachable, store: again })).rejects.toMatchObject({ code: 'network' });
    unreachable.close();
    expect(mirrorSchema(again)).toEqual(newStoreSchema());
    expect(() => again.db.exec(`INSERT INTO students_fts(students_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    expect(queryWindow(again.db, 'students', { search: 'example', offset: 0, limit: 1 }).total).toBe(150);

    // And one that can, ends equal to the server.
    expect((await pull({ client, store: again })).outcome).toBe('complete');
    expect(mirrorSchema(again)).toEqual(newStoreSchema());
    expectMirrorMatchesSandbox(again, sandbox);
  } finally {
    await again.close();
  }
});
