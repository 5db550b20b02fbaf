// Many edits at once, as a bulk edit, a paste or an import makes them: checked all together, queued
// all or none in one step, undone and redone as one, and refused once the server has part of them.
import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../src/main/outbox/Outbox';
import { queryWindow } from '../../../src/main/store/gridQuery';
import { MirrorStore } from '../../../src/main/store/MirrorStore';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW + days * DAY).toISOString();

let store: MirrorStore;
let outbox: Outbox;

beforeEach(() => {
  store = MirrorStore.open(':memory:');
  store.storePage('users', store.beginListPass('users').pass, [
    { id: 'u1', given_name: 'Sam', family_name: 'Smith', email: 'sam@example.com', role: 'instructor' },
    { id: 'u2', given_name: 'Chloe', family_name: 'Yang', email: 'chloe@example.com', role: 'instructor' },
  ]);
  store.storePage('courses', store.beginListPass('courses').pass, [{ id: 'c1', name: 'First aid', summary: 'Basics' }]);
  store.storePage('students', store.beginListPass('students').pass, [
    { id: 's1', given_name: 'Ann', family_name: 'Lee', email: 'ann@example.com' },
    { id: 's2', given_name: 'Bo', family_name: 'Chen', email: 'bo@example.com' },
    { id: 's3', given_name: 'Cy', family_name: 'Park', email: 'cy@example.com' },
  ]);
  // e1..e5 expire in 10, 20, ... 50 days; e6 has no expiry.
  store.storePage('enrollments', store.beginListPass('enrollments').pass, [
    ...[1, 2, 3, 4, 5].map((n) => ({ id: `e${n}`, student_id: 's1', course_id: 'c1', instructor_id: 'u1', active: true, expires_at: at(10 * n) })),
    { id: 'e6', student_id: 's2', course_id: 'c1', instructor_id: 'u1', active: true, expires_at: null },
  ]);
  outbox = new Outbox(store, () => NOW);
});

const expiry = (id: string) => outbox.current('enrollments', id)?.['expires_at'];
const failure = (fn: () => unknown): { code: string; message: string; fieldErrors?: Record<string, string[]> } => {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string; fieldErrors?: Record<string, string[]> };
  }
  throw new Error('expected a refusal');
};

describe('a bulk change', () => {
  it('moves each row from its own date, as one step that undo and redo take whole', () => {
    expect(outbox.bulkUpdate('enrollments', ['e1', 'e2', 'e3'], { field: 'expires_at', addDays: 30 })).toBe(3);
    expect(['e1', 'e2', 'e3', 'e4'].map(expiry)).toEqual([at(40), at(50), at(60), at(40)]);
    expect(outbox.entries().map((e) => [e.recordId, e.kind, e.fields, e.base])).toEqual([
      ['e1', 'update', { expires_at: at(40) }, { expires_at: at(10) }],
      ['e2', 'update', { expires_at: at(50) }, { expires_at: at(20) }],
      ['e3', 'update', { expires_at: at(60) }, { expires_at: at(30) }],
    ]);

    expect(outbox.undo()).toEqual([{ resource: 'enrollments', ids: ['e1', 'e2', 'e3'] }]);
    expect(['e1', 'e2', 'e3'].map(expiry)).toEqual([at(10), at(20), at(30)]);
    expect(outbox.counts().total).toBe(0);

    expect(outbox.redo()).toEqual([{ resource: 'enrollments', ids: ['e1', 'e2', 'e3'] }]);
    expect(['e1', 'e2', 'e3'].map(expiry)).toEqual([at(40), at(50), at(60)]);
    expect(outbox.redo()).toBeUndefined();
    // The grid shows the step too, and sorts by it.
    const window = queryWindow(store.db, 'enrollments', { sort: [{ column: 'expires_at', desc: true }], offset: 0, limit: 3 });
    // e2 and e5 now expire together; the tie goes by their place in the mirror, edited or not.
    expect(window.rows.map((r) => r['id'])).toEqual(['e3', 'e5', 'e2']);
  });

  it('sets a field on every row, leaving alone rows that already hold the value', () => {
    outbox.update('enrollments', 'e2', { instructor_id: 'u2' });
    expect(outbox.bulkUpdate('enrollments', ['e1', 'e2', 'e3'], { field: 'instructor_id', set: 'u2' })).toBe(2);
    expect(['e1', 'e2', 'e3'].map((id) => outbox.current('enrollments', id)?.['instructor_id'])).toEqual(['u2', 'u2', 'u2']);
    // One undo takes back the bulk change, the next the single edit before it.
    outbox.undo();
    expect(['e1', 'e2', 'e3'].map((id) => outbox.current('enrollments', id)?.['instructor_id'])).toEqual(['u1', 'u2', 'u1']);
    outbox.undo();
    expect(outbox.counts().total).toBe(0);
  });

  it('is refused whole when any row fails, naming the rows and the server-style reason', () => {
    outbox.update('enrollments', 'e5', { instructor_id: 'u2' });
    const before = outbox.entries();
    // Moving back 25 days puts e1 and e2 in the past; e6 has no date to move.
    const error = failure(() => outbox.bulkUpdate('enrollments', ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'], { field: 'expires_at', addDays: -25 }));
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/^No enrollments were changed: 3 of 6 were refused\. /);
    expect(error.message).toContain('Ann Lee, First aid (e1): expires_at must be in the future');
    expect(error.message).toContain('Ann Lee, First aid (e2): expires_at must be in the future');
    expect(error.message).toContain('Bo Chen, First aid (e6): expires_at has no date to move');
    expect(error.fieldErrors).toEqual({ expires_at: ['must be in the future', 'has no date to move'] });
    expect(outbox.entries()).toEqual(before);
    expect(expiry('e3')).toBe(at(30));
    // Undo still takes back the edit made before the refused one.
    outbox.undo();
    expect(outbox.counts().total).toBe(0);
  });

  it('refuses a field the API does not let an enrollment change', () => {
    const error = failure(() => outbox.bulkUpdate('enrollments', ['e1', 'e2'], { field: 'course_id', set: 'c2' }));
    expect(error.message).toMatch(/^No enrollments were changed: 2 of 2 were refused/);
    expect(error.fieldErrors).toEqual({ course_id: ["can't be changed"] });
    expect(outbox.counts().total).toBe(0);
  });
});

describe('a paste of many values', () => {
  it('queues different changes as one step, the later value winning for a record named twice', () => {
    const queued = outbox.updateMany('students', [
      { id: 's1', fields: { family_name: 'Leigh' } },
      { id: 's2', fields: { family_name: 'Chan', given_name: 'Bo' } },
      { id: 's1', fields: { given_name: 'Anne' } },
    ]);
    expect(queued).toBe(2);
    expect(outbox.current('students', 's1')).toMatchObject({ given_name: 'Anne', family_name: 'Leigh' });
    expect(outbox.entries().map((e) => [e.recordId, e.fields])).toEqual([
      ['s1', { family_name: 'Leigh', given_name: 'Anne' }],
      ['s2', { family_name: 'Chan' }],
    ]);
    outbox.undo();
    expect(outbox.current('students', 's1')).toMatchObject({ given_name: 'Ann', family_name: 'Lee' });
  });

  it('sees its own rows: two students given one email in the same paste is refused', () => {
    const error = failure(() =>
      outbox.updateMany('students', [
        { id: 's1', fields: { email: 'shared@example.com' } },
        { id: 's2', fields: { email: 'SHARED@example.com' } },
        { id: 's3', fields: { email: 'not an email' } },
      ]),
    );
    expect(error.message).toMatch(/^No students were changed: 2 of 3 were refused\. Bo Chen \(s2\): email has already been taken; Cy Park \(s3\): email is invalid\./);
    expect(outbox.counts().total).toBe(0);
    expect(outbox.current('students', 's1')?.['email']).toBe('ann@example.com');
  });
});

describe('deleting many', () => {
  it('cancels every enrollment as one step, and refuses students, whom the API cannot delete', () => {
    expect(outbox.removeMany('enrollments', ['e1', 'e2'])).toBe(2);
    expect(['e1', 'e2'].map((id) => outbox.current('enrollments', id)?.['active'])).toEqual([false, false]);
    outbox.undo();
    expect(['e1', 'e2'].map((id) => outbox.current('enrollments', id)?.['active'])).toEqual([true, true]);
    expect(() => outbox.removeMany('students', ['s1'])).toThrow('Students cannot be deleted');
  });
});

describe('undo after sending', () => {
  it('refuses a step part of which the server has, and drops a step the server has whole', () => {
    outbox.update('students', 's3', { given_name: 'Cyrus' });
    outbox.bulkUpdate('enrollments', ['e1', 'e2'], { field: 'expires_at', addDays: 5 });
    const [, first, second] = outbox.entries();
    outbox.markSending(first!.seq);
    expect(() => outbox.undo()).toThrow('Part of that change has already been sent to the server');
    // The server takes both; the step is then behind the user, and undo reaches the edit before it.
    outbox.completeChange(outbox.entry(first!.seq)!, { ...store.get('enrollments', 'e1'), expires_at: at(15) });
    expect(() => outbox.undo()).toThrow('already been sent');
    outbox.markSending(second!.seq);
    outbox.completeChange(outbox.entry(second!.seq)!, { ...store.get('enrollments', 'e2'), expires_at: at(25) });
    expect(outbox.undo()).toEqual([{ resource: 'students', ids: ['s3'] }]);
    expect(outbox.current('students', 's3')?.['given_name']).toBe('Cy');
    expect(outbox.undo()).toBeUndefined();
  });

  it('cannot redo over records sent since, and a new edit ends what could be redone', () => {
    outbox.bulkUpdate('enrollments', ['e1'], { field: 'expires_at', addDays: 1 });
    outbox.undo();
    outbox.update('enrollments', 'e1', { instructor_id: 'u2' });
    expect(outbox.redo()).toBeUndefined();

    // The bulk change merged into e2's unsent edit; after undoing it, a sync starts sending that edit.
    outbox.update('enrollments', 'e2', { instructor_id: 'u2' });
    outbox.bulkUpdate('enrollments', ['e2'], { field: 'expires_at', addDays: 1 });
    outbox.undo();
    const pending = outbox.entries().find((e) => e.recordId === 'e2');
    expect(pending?.fields).toEqual({ instructor_id: 'u2' });
    outbox.markSending(pending!.seq);
    expect(() => outbox.redo()).toThrow('cannot be redone');
    expect(outbox.entry(pending!.seq)?.fields).toEqual({ instructor_id: 'u2' });
  });
});

describe('the undo history', () => {
  it('reaches back 200 steps, a bulk step counting as one', () => {
    outbox.bulkUpdate('enrollments', ['e1', 'e2', 'e3'], { field: 'instructor_id', set: 'u2' });
    for (let i = 0; i < 205; i++) outbox.update('students', 's1', { family_name: `Lee ${i}` });
    let undone = 0;
    while (outbox.undo()) undone++;
    expect(undone).toBe(200);
    // The oldest steps, the bulk one among them, stay queued: only undo's memory of them is gone.
    expect(outbox.current('students', 's1')?.['family_name']).toBe('Lee 4');
    expect(outbox.current('enrollments', 'e2')?.['instructor_id']).toBe('u2');
  });
});

describe('an import', () => {
  const lines = [
    { line: 2, fields: { given_name: 'Dee', family_name: 'Adams', email: 'dee@example.com' }, errors: [] },
    { line: 3, fields: { given_name: 'Eve', family_name: 'Stone', email: 'DEE@example.com' }, errors: [] },
    { line: 4, id: 's1', fields: { given_name: 'Ann', family_name: 'Leigh', email: 'ann@example.com' }, errors: [] },
    { line: 5, id: 's2', fields: { given_name: 'Bo', family_name: 'Chen', email: 'bo@example.com' }, errors: [] },
    { line: 6, fields: {}, errors: ['has 2 cells where the header has 3'] },
  ];

  it('previews exactly what applying would do, and queues nothing', () => {
    const preview = outbox.queueLines('students', lines, { dryRun: true });
    expect(preview.map((l) => [l.line, l.kind, l.queued, l.errors])).toEqual([
      [2, 'create', true, []],
      [3, 'create', false, ['email has already been taken']],
      [4, 'update', true, []],
      [5, 'update', false, []],
      [6, 'create', false, ['has 2 cells where the header has 3']],
    ]);
    expect(preview[2]?.fields).toEqual({ id: 's1', family_name: 'Leigh' });
    expect(outbox.counts().total).toBe(0);
    expect(outbox.undo()).toBeUndefined();
  });

  it('queues the good lines as one step', () => {
    const applied = outbox.queueLines('students', lines);
    expect(applied.filter((l) => l.queued).map((l) => l.line)).toEqual([2, 4]);
    expect(outbox.counts().total).toBe(2);
    outbox.undo();
    expect(outbox.counts().total).toBe(0);
  });
});
