// The grids' calls through the service, over a real sandbox and a real sync: filters that count what
// the sandbox itself holds, select-all as a query, bulk edits that are all or nothing and undo as one
// step, CSV out and back in without a formula ever running, and the server's words on a refused row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROLLMENT_STATES, type BridgeEvents, type EnrollmentState, type SyncStatus } from '../../src/shared/bridge';
import { EnlightClient } from '../../src/main/api/EnlightClient';
import { SessionSecretStore } from '../../src/main/secrets/SessionSecretStore';
import { EnlightService } from '../../src/main/service';
import type { EnrollmentDoc, GroupDoc, StudentDoc, UserDoc, CourseDoc } from '../../src/sandbox/model';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { nextEvent } from '../support/serviceEvents';

// The grids count states as of the current minute; the clock stands at the start of one.
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
let sandbox: Sandbox;
let service: EnlightService;
let dataDir: string;
const changed: BridgeEvents['data:changed'][] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'enlight-service-grid-'));
  sandbox = await startSandbox({ scale: 300 });
  service = new EnlightService({ dataDir, secrets: new SessionSecretStore(), clientOptions: { retryBaseMs: 1 }, now: () => NOW });
  service.events.on('data:changed', (e) => changed.push(e));
  await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
  const synced = nextEvent(service, 'sync:status', (s: SyncStatus) => !s.running);
  await service['sync.start']({});
  expect((await synced).lastOutcome).toBe('complete');
});

afterAll(async () => {
  await service?.close();
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

const all = <T>(resource: 'enrollments' | 'students' | 'groups' | 'users' | 'courses') => sandbox.store.list<T>(resource, sandbox.org.id, 1_000_000, 0);
const person = (p: { given_name: string; family_name: string } | undefined) => (p ? `${p.given_name} ${p.family_name}`.trim() : null);

/** The state of an enrollment by the bridge's definition, computed here from the sandbox's record. */
function stateOf(e: EnrollmentDoc): EnrollmentState {
  if (!e.active) return 'cancelled';
  if (e.completed_at) return 'completed';
  if (e.expires_at && Date.parse(e.expires_at) < NOW) return 'expired';
  return 'active';
}

/** The sandbox's group with the most enrollments. */
function biggestGroup(): { group: GroupDoc; enrollments: EnrollmentDoc[] } {
  const groups = all<GroupDoc>('groups').map((group) => ({ group, enrollments: sandbox.store.enrollmentsOfGroup(group.id) }));
  return groups.sort((a, b) => b.enrollments.length - a.enrollments.length)[0]!;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the call to be refused');
}

describe('filters', () => {
  it('by group and by state count exactly what the sandbox holds', async () => {
    const { group, enrollments } = biggestGroup();
    expect(enrollments.length).toBeGreaterThan(3);
    const inGroup = await service['enrollments.query']({ filters: [{ column: 'group_id', op: 'eq', value: group.id }], sort: [{ column: 'id' }], offset: 0, limit: 1000 });
    expect(inGroup.total).toBe(enrollments.length);
    expect(inGroup.rows.map((r) => r['id'])).toEqual(enrollments.map((e) => e.id).sort());
    const students = await service['students.query']({ filters: [{ column: 'group_id', op: 'eq', value: group.id }], offset: 0, limit: 0 });
    expect(students.total).toBe(new Set(enrollments.map((e) => e.student_id)).size);

    const everyone = all<EnrollmentDoc>('enrollments');
    for (const state of ENROLLMENT_STATES) {
      const window = await service['enrollments.query']({ filters: [{ column: 'state', op: 'eq', value: state }], offset: 0, limit: 0 });
      expect({ state, total: window.total }).toEqual({ state, total: everyone.filter((e) => stateOf(e) === state).length });
    }
    const both = await service['enrollments.query']({ filters: [{ column: 'group_id', op: 'eq', value: group.id }, { column: 'state', op: 'in', values: ['active', 'completed'] }], offset: 0, limit: 0 });
    expect(both.total).toBe(enrollments.filter((e) => ['active', 'completed'].includes(stateOf(e))).length);
  });

  it('show each enrollment with its student, course, instructor and groups by name, and sort by them', async () => {
    const students = new Map(all<StudentDoc>('students').map((s) => [s.id, s]));
    const courses = new Map(all<CourseDoc>('courses').map((c) => [c.id, c]));
    const users = new Map(all<UserDoc>('users').map((u) => [u.id, u]));
    const { group, enrollments } = biggestGroup();
    const window = await service['enrollments.query']({ filters: [{ column: 'group_id', op: 'eq', value: group.id }], offset: 0, limit: 1000 });
    expect(window.rows).toHaveLength(enrollments.length);
    for (const row of window.rows) {
      const student = students.get(String(row['student_id']));
      expect(row).toMatchObject({
        student_name: person(student),
        student_email: student?.email,
        course_name: courses.get(String(row['course_id']))?.name,
        instructor_name: person(users.get(String(row['instructor_id']))),
      });
      expect(row['group_names']).toContain(group.name);
    }
    // Sorted as SQLite's NOCASE sorts: ASCII letters without case, everything else as it is.
    const key = (v: unknown) => String(v ?? '').replace(/[A-Z]/g, (c) => c.toLowerCase());
    const sorted = await service['enrollments.query']({ sort: [{ column: 'course_name' }, { column: 'student_name', desc: true }], offset: 0, limit: 1000 });
    expect(sorted.total).toBe(all('enrollments').length);
    const pairs = sorted.rows.map((r) => [key(r['course_name']), key(r['student_name'])] as const);
    for (let i = 1; i < pairs.length; i++) {
      const [course, name] = pairs[i]!;
      const [previousCourse, previousName] = pairs[i - 1]!;
      expect(previousCourse < course || (previousCourse === course && previousName >= name)).toBe(true);
    }
  });

  it('search finds a student\'s enrollments by their email', async () => {
    const student = all<StudentDoc>('students').find((s) => sandbox.store.enrollmentsOfStudent(s.id).length > 1)!;
    const found = await service['enrollments.query']({ search: student.email, offset: 0, limit: 100 });
    expect(found.rows.map((r) => r['id']).sort()).toEqual(sandbox.store.enrollmentsOfStudent(student.id).map((e) => e.id).sort());
  });
});

describe('a bulk edit', () => {
  it('of every row matching a filter, less those unticked, is one step that undo and redo take whole', async () => {
    const { group } = biggestGroup();
    const filters = [{ column: 'group_id', op: 'eq' as const, value: group.id }, { column: 'state', op: 'eq' as const, value: 'active' }];
    const matching = await service['enrollments.query']({ filters, sort: [{ column: 'id' }], offset: 0, limit: 1000 });
    expect(matching.total).toBeGreaterThan(1);
    const [unticked, ...rest] = matching.rows.map((r) => String(r['id']));
    const before = new Map(matching.rows.map((r) => [String(r['id']), String(r['expires_at'])]));
    changed.length = 0;

    const result = await service['records.bulkUpdate']({ resource: 'enrollments', selection: { query: { filters }, except: [unticked!] }, change: { field: 'expires_at', addDays: 30 } });
    expect(result.queued).toBe(rest.length);
    expect(result.summary.counts).toMatchObject({ pending: rest.length, total: rest.length });
    expect(changed.at(-1)).toMatchObject({ resource: 'enrollments' });
    expect([...(changed.at(-1)?.ids ?? [])].sort()).toEqual(rest.sort());

    const after = await service['enrollments.query']({ filters, sort: [{ column: 'id' }], offset: 0, limit: 1000 });
    for (const row of after.rows) {
      const id = String(row['id']);
      const moved = id === unticked ? Date.parse(before.get(id)!) : Date.parse(before.get(id)!) + 30 * 86_400_000;
      expect(Date.parse(String(row['expires_at']))).toBe(moved);
    }
    expect(Object.keys(after.edits ?? {}).sort()).toEqual(rest.sort());
    expect(after.edits?.[rest[0]!]).toMatchObject({ kind: 'update', state: 'pending', fields: ['expires_at'], message: null });

    expect((await service['records.undo']({})).counts.total).toBe(0);
    const undone = await service['enrollments.query']({ filters, sort: [{ column: 'id' }], offset: 0, limit: 1000 });
    expect(undone.rows.map((r) => r['expires_at'])).toEqual(matching.rows.map((r) => r['expires_at']));
    expect(undone.edits).toEqual({});
    expect((await service['records.redo']({})).counts.total).toBe(rest.length);
    await expect(service['records.redo']({})).rejects.toMatchObject({ code: 'not-found', message: 'There is nothing to redo.' });
    expect((await service['records.undo']({})).counts.total).toBe(0);
    await expect(service['records.undo']({})).rejects.toMatchObject({ code: 'not-found' });
  });

  it('that some rows would fail is refused whole, saying how many and which', async () => {
    const expired = all<EnrollmentDoc>('enrollments').filter((e) => stateOf(e) === 'expired');
    expect(expired.length).toBeGreaterThan(3);
    const error = await refusal(
      service['records.bulkUpdate']({ resource: 'enrollments', selection: { query: { filters: [{ column: 'state', op: 'eq', value: 'expired' }] } }, change: { field: 'expires_at', addDays: 1 } }),
    );
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(new RegExp(`^No enrollments were changed: \\d+ of ${expired.length} were refused\\. .*expires_at must be in the future`));
    expect(error.fieldErrors).toEqual({ expires_at: ['must be in the future'] });
    expect((await service['outbox.summary']({})).counts.total).toBe(0);

    const student = all<StudentDoc>('students')[0]!;
    await expect(service['records.bulkDelete']({ resource: 'students', selection: { ids: [student.id] } })).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('Students cannot be deleted') });
    expect((await service['outbox.summary']({})).counts.total).toBe(0);
  });

  it('of pasted values changes each row as given, and cancels many with one call', async () => {
    const students = all<StudentDoc>('students').slice(0, 3);
    const pasted = await service['records.updateMany']({ resource: 'students', edits: students.map((s, i) => ({ id: s.id, fields: { company_name: `Pasted ${i}` } })) });
    expect(pasted.queued).toBe(3);
    const window = await service['students.query']({ filters: [{ column: 'company_name', op: 'contains', value: 'Pasted' }], sort: [{ column: 'company_name' }], offset: 0, limit: 10 });
    expect(window.rows.map((r) => r['id'])).toEqual(students.map((s) => s.id));
    await service['records.undo']({});

    const { enrollments } = biggestGroup();
    const cancel = await service['records.bulkDelete']({ resource: 'enrollments', selection: { ids: enrollments.slice(0, 2).map((e) => e.id) } });
    expect(cancel.queued).toBe(2);
    const cancelled = await service['enrollments.query']({ filters: [{ column: 'state', op: 'eq', value: 'cancelled' }, { column: 'id', op: 'in', values: enrollments.slice(0, 2).map((e) => e.id) }], offset: 0, limit: 10 });
    expect(cancelled.total).toBe(2);
    expect((await service['records.undo']({})).counts.total).toBe(0);
  });
});

describe('CSV', () => {
  it('exports a hostile value so that no spreadsheet runs it, and it comes back unchanged', async () => {
    const student = all<StudentDoc>('students')[5]!;
    const formula = '=HYPERLINK("http://evil.example/x","Click")';
    await service['records.update']({ resource: 'students', id: student.id, fields: { given_name: formula, family_name: '@SUM(A1:A9)' } });
    const exported = await service['records.exportCsv']({ resource: 'students', selection: { ids: [student.id] }, columns: ['id', 'given_name', 'family_name', 'email'] });
    expect(exported.rows).toBe(1);
    expect(exported.csv).toBe(`id,given_name,family_name,email\r\n${student.id},"'=HYPERLINK(""http://evil.example/x"",""Click"")",'@SUM(A1:A9),${student.email}\r\n`);

    // Read back, the line changes nothing: the values are the very ones exported.
    const preview = await service['records.importPreview']({ resource: 'students', csv: exported.csv });
    expect(preview.rows).toEqual([{ line: 2, kind: 'update', fields: { id: student.id }, errors: [] }]);
    expect((await service['records.importApply']({ resource: 'students', csv: exported.csv })).queued).toBe(0);
    expect((await service['records.get']({ resource: 'students', id: student.id }))?.['given_name']).toBe(formula);
    await service['records.undo']({});
  });

  it('exports the rows a grid shows, sorted as it sorts them, with the names it shows', async () => {
    const { group } = biggestGroup();
    const query = { filters: [{ column: 'group_id', op: 'eq' as const, value: group.id }] };
    const sort = [{ column: 'student_name' }];
    const window = await service['enrollments.query']({ ...query, sort, offset: 0, limit: 1000 });
    const exported = await service['records.exportCsv']({ resource: 'enrollments', selection: { query }, sort, columns: ['id', 'student_name', 'course_name', 'group_names'] });
    expect(exported.rows).toBe(window.total);
    const lines = exported.csv.split('\r\n');
    expect(lines[0]).toBe('id,student_name,course_name,group_names');
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(window.rows.map((r) => r['id']));
  });

  it('import preview marks each bad line and queues nothing; apply queues the good lines as one step', async () => {
    const taken = all<StudentDoc>('students')[0]!.email;
    const csv = [
      'given_name,family_name,email,locale',
      'Ida,Moss,ida.moss@example.com,en-GB',
      'Jo,,jo@example.com,',
      `Kai,Reed,${taken.toUpperCase()},`,
      'Lu,Wong,lu.wong@example.com,fr-FR',
      'Max,Dup,IDA.MOSS@example.com,',
      'Ned,Short',
      'Ola,Berg,ola.berg@example.com,',
    ].join('\n');
    const preview = await service['records.importPreview']({ resource: 'students', csv });
    expect(preview.columns).toEqual(['given_name', 'family_name', 'email', 'locale']);
    expect(preview.rows.map((r) => [r.line, r.kind, r.errors])).toEqual([
      [2, 'create', []],
      [3, 'create', ["family_name can't be blank"]],
      [4, 'create', ['email has already been taken']],
      [5, 'create', ['locale is not included in the list']],
      [6, 'create', ['email has already been taken']],
      [7, 'create', ['has 2 cells where the header has 4']],
      [8, 'create', []],
    ]);
    expect([preview.valid, preview.invalid]).toEqual([2, 5]);
    expect((await service['outbox.summary']({})).counts.total).toBe(0);

    const applied = await service['records.importApply']({ resource: 'students', csv });
    expect(applied.queued).toBe(2);
    expect(applied.summary.counts.total).toBe(2);
    expect((await service['students.query']({ search: 'ida.moss', offset: 0, limit: 10 })).total).toBe(1);
    expect((await service['records.undo']({})).counts.total).toBe(0);
  });

  it('refuses a file it cannot read, naming the line, and queues nothing', async () => {
    const refused = async (csv: string) => (await refusal(service['records.importPreview']({ resource: 'groups', csv }))).message;
    expect(await refused('name\nFine\n"never closed\n')).toBe('This file cannot be imported: line 3: a quoted cell is never closed. Nothing was queued.');
    expect(await refused('name\nok\nPK\u0003\u0004\u0000\u0000binary')).toMatch(/^This file cannot be imported: line 3: holds bytes that are not text/);
    expect(await refused('')).toBe('This file cannot be imported: line 1: the file is empty. Nothing was queued.');
    expect(await refused('given_name,email\nAnn,ann@example.com\n')).toMatch(/^This file cannot be imported: line 1: none of the columns \(given_name, email\) is a field of groups/);
    expect(await refused('name,name\na,b\n')).toMatch(/line 1: the column "name" appears twice/);
    await expect(service['records.importApply']({ resource: 'courses', csv: 'name\nx\n' })).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('courses cannot be imported') });
    expect((await service['outbox.summary']({})).counts.total).toBe(0);
  });
});

describe('a row the server refused', () => {
  it('shows the server\'s own words in the grid', async () => {
    const [student] = all<StudentDoc>('students');
    // A colleague takes the email on the server after our last sync; the local check cannot know.
    const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
    await client.createStudent({ given_name: 'Other', family_name: 'Admin', email: 'taken.later@example.com' });
    client.close();
    await service['records.update']({ resource: 'students', id: student!.id, fields: { email: 'taken.later@example.com' } });
    const pushed = await service['outbox.push']({});
    expect(pushed.counts.rejected).toBe(1);

    const window = await service['students.query']({ filters: [{ column: 'id', op: 'eq', value: student!.id }], offset: 0, limit: 1 });
    expect(window.rows[0]?.['email']).toBe('taken.later@example.com');
    expect(window.edits?.[student!.id]).toMatchObject({ kind: 'update', state: 'rejected', fields: ['email'], fieldErrors: { email: ['has already been taken'] } });
    expect(window.edits?.[student!.id]?.message).toContain('has already been taken');
    await service['outbox.discard']({ seq: window.edits![student!.id]!.seq });
    expect((await service['students.query']({ filters: [{ column: 'id', op: 'eq', value: student!.id }], offset: 0, limit: 1 })).edits).toEqual({});
  });
});
