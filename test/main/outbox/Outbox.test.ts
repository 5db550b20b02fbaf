// Local edits before anything is sent: checked with the documented messages, shown at once,
// merged, undone, and kept in order with the records they depend on.
import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../src/main/outbox/Outbox';
import { queryWindow } from '../../../src/main/store/gridQuery';
import { MirrorStore } from '../../../src/main/store/MirrorStore';

let store: MirrorStore;
let outbox: Outbox;
const NOW = Date.parse('2026-11-23T10:00:00Z');

beforeEach(() => {
  store = MirrorStore.open(':memory:');
  const students = store.beginListPass('students').pass;
  store.storePage('students', students, [
    { id: 's1', given_name: 'Ann', family_name: 'Lee', email: 'ann@example.com', locale: 'en-US' },
    { id: 's2', given_name: 'Bo', family_name: 'Chen', email: 'bo@example.com', locale: 'en-GB' },
  ]);
  store.storePage('courses', store.beginListPass('courses').pass, [{ id: 'c1', name: 'First aid', summary: 'Basics', price_cents: 1000 }]);
  store.storePage('enrollments', store.beginListPass('enrollments').pass, [{ id: 'e1', student_id: 's1', course_id: 'c1', instructor_id: 'u1', active: true, expires_at: '2027-01-01T00:00:00.000Z' }]);
  store.storePage('groups', store.beginListPass('groups').pass, [{ id: 'g1', name: 'Cohort A' }]);
  outbox = new Outbox(store, () => NOW);
});

describe('checking an edit', () => {
  it('refuses what the server would, with its messages, and queues nothing', () => {
    expect(() => outbox.create('students', { given_name: 'X', family_name: '', email: 'ANN@example.com' })).toThrow(
      expect.objectContaining({ code: 'validation', fieldErrors: { family_name: ["can't be blank"], email: ['has already been taken'] } }),
    );
    expect(() => outbox.create('students', { given_name: 'X', family_name: 'Y', email: 'not-an-email', locale: 'fr-FR' })).toThrow(
      expect.objectContaining({ fieldErrors: { email: ['is invalid'], locale: ['is not included in the list'] } }),
    );
    expect(() => outbox.update('courses', 'c1', { price_cents: -1 })).toThrow(expect.objectContaining({ fieldErrors: { price: ['must be greater than or equal to 0'] } }));
    expect(() => outbox.update('enrollments', 'e1', { expires_at: '2020-01-01T00:00:00Z' })).toThrow(expect.objectContaining({ fieldErrors: { expires_at: ['must be in the future'] } }));
    expect(() => outbox.update('enrollments', 'e1', { course_id: 'c2' })).toThrow(expect.objectContaining({ fieldErrors: { course_id: ["can't be changed"] } }));
    expect(() => outbox.create('users', { given_name: 'A', family_name: 'B', email: 'a@b.co', role: 'admin' })).toThrow(expect.objectContaining({ fieldErrors: { role: ['is not included in the list'] } }));
    expect(() => outbox.remove('students', 's1')).toThrow('Students cannot be deleted');
    expect(outbox.counts().total).toBe(0);
  });

  it('counts a pending edit in uniqueness: two new students cannot share an email', () => {
    outbox.create('students', { given_name: 'Cy', family_name: 'Park', email: 'cy@example.com' });
    expect(() => outbox.create('students', { given_name: 'Cy', family_name: 'Other', email: 'CY@example.com' })).toThrow('has already been taken');
  });
});

describe('an edit', () => {
  it('shows at once in the record and in the grid, while the mirror keeps what the server said', () => {
    outbox.update('students', 's1', { family_name: 'Leigh' });
    expect(outbox.current('students', 's1')).toMatchObject({ family_name: 'Leigh', email: 'ann@example.com' });
    expect(store.get('students', 's1')).toMatchObject({ family_name: 'Lee' });
    const window = queryWindow(store.db, 'students', { sort: [{ column: 'family_name' }], offset: 0, limit: 10 });
    expect(window.rows.map((r) => r['family_name'])).toEqual(['Chen', 'Leigh']);
    const id = outbox.create('students', { given_name: 'Dee', family_name: 'Adams', email: 'dee@example.com' });
    expect(queryWindow(store.db, 'students', { sort: [{ column: 'family_name' }], offset: 0, limit: 10 }).rows.map((r) => r['id'])).toEqual([id, 's2', 's1']);
    outbox.remove('groups', 'g1');
    expect(queryWindow(store.db, 'groups', { offset: 0, limit: 10 }).total).toBe(0);
    outbox.remove('enrollments', 'e1');
    expect(outbox.current('enrollments', 'e1')).toMatchObject({ active: false });
  });

  it('merges with an unsent edit of the same record: the earliest base of each field, the latest value', () => {
    outbox.update('students', 's1', { family_name: 'Leigh' });
    outbox.update('students', 's1', { family_name: 'Lea', given_name: 'Anne' });
    const entries = outbox.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'update', fields: { family_name: 'Lea', given_name: 'Anne' }, base: { family_name: 'Lee', given_name: 'Ann' } });
  });

  it('merges into an unsent create, and deleting a never-sent record just forgets it', () => {
    const id = outbox.create('groups', { name: 'Night class' });
    outbox.update('groups', id, { name: 'Evening class' });
    expect(outbox.entries()).toMatchObject([{ kind: 'create', fields: { name: 'Evening class' } }]);
    outbox.remove('groups', id);
    expect(outbox.entries()).toEqual([]);
    expect(outbox.current('groups', id)).toBeUndefined();
  });

  it('can be undone, one edit at a time, until it is sent', () => {
    outbox.update('students', 's1', { family_name: 'Leigh' });
    outbox.update('students', 's1', { given_name: 'Anne' });
    outbox.undo();
    expect(outbox.current('students', 's1')).toMatchObject({ family_name: 'Leigh', given_name: 'Ann' });
    outbox.undo();
    expect(outbox.current('students', 's1')).toMatchObject({ family_name: 'Lee' });
    expect(outbox.entries()).toEqual([]);
    expect(outbox.undo()).toBeUndefined();

    outbox.update('students', 's2', { family_name: 'Chan' });
    const [entry] = outbox.entries();
    outbox.markSending(entry!.seq);
    expect(() => outbox.undo()).toThrow('already been sent');
  });

  it('that refers to a record created offline waits for it, and cannot outlive it', () => {
    const student = outbox.create('students', { given_name: 'Eve', family_name: 'Stone', email: 'eve@example.com' });
    const group = outbox.create('groups', { name: 'Weekend' });
    const enrollment = outbox.create('enrollments', { student_id: student, course_id: 'c1', instructor_id: 'u1', group_ids: [group, 'g1'] });
    const byRecord = new Map(outbox.entries().map((e) => [e.recordId, e]));
    expect(byRecord.get(enrollment)?.waitingFor.sort()).toEqual([student, group].sort());
    expect(outbox.readyEntries().map((e) => e.recordId).sort()).toEqual([student, group].sort());
    expect(() => outbox.remove('groups', group)).toThrow('Other unsent edits refer to this new group');
    expect(outbox.counts()).toMatchObject({ total: 3, pending: 3, waiting: 1 });
  });
});

describe('a refused edit', () => {
  it('keeps the local value, can be corrected and sent again, or discarded back to the mirror', () => {
    outbox.update('students', 's1', { family_name: 'Leigh' });
    const [entry] = outbox.entries();
    outbox.markRejected(entry!.seq, 'family_name is reserved', { family_name: ['is reserved'] });
    expect(outbox.current('students', 's1')).toMatchObject({ family_name: 'Leigh' });
    expect(outbox.readyEntries()).toEqual([]);
    outbox.resubmit(entry!.seq, { family_name: 'Leighton' });
    expect(outbox.entry(entry!.seq)).toMatchObject({ state: 'pending', fields: { family_name: 'Leighton' }, fieldErrors: null });
    outbox.markRejected(entry!.seq, 'still no', { family_name: ['is reserved'] });
    outbox.discard(entry!.seq);
    expect(outbox.current('students', 's1')).toMatchObject({ family_name: 'Lee' });
  });
});

describe('after a crash', () => {
  it('an update found mid-send goes again; a create found mid-send is looked for first', () => {
    outbox.update('students', 's1', { family_name: 'Leigh' });
    const id = outbox.create('groups', { name: 'Lost answer' });
    for (const e of outbox.entries()) outbox.markSending(e.seq);
    const reopened = new Outbox(store, () => NOW);
    expect(reopened.entries().map((e) => [e.recordId, e.state])).toEqual([
      ['s1', 'pending'],
      [id, 'unknown'],
    ]);
  });
});
