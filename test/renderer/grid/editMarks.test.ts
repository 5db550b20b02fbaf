import { describe, expect, it } from 'vitest';
import type { RowEditState } from '../../../src/shared/bridge';
import { cellMark, cellMessage, fieldConflict, rowMark } from '../../../src/renderer/src/grid/editMarks';

const edit = (over: Partial<RowEditState>): RowEditState => ({ seq: 7, kind: 'update', state: 'pending', stuck: false, fields: ['email'], message: null, fieldErrors: null, conflict: null, ...over });

describe('the marks of unsent edits', () => {
  it('mark only the cells whose field the edit changes', () => {
    const pending = edit({});
    expect(rowMark(pending)).toBe('pending');
    expect(cellMark(pending, 'email')).toBe('pending');
    expect(cellMark(pending, 'family_name')).toBeNull();
    expect(cellMark(undefined, 'email')).toBeNull();
  });

  it('tell a stuck edit, one being sent and one whose answer was lost apart from a plain pending one', () => {
    expect(rowMark(edit({ stuck: true }))).toBe('stuck');
    expect(rowMark(edit({ state: 'sending' }))).toBe('sending');
    expect(rowMark(edit({ state: 'unknown' }))).toBe('sending');
    expect(rowMark(edit({ state: 'unknown', stuck: true }))).toBe('stuck');
  });

  it('carry the server’s words for a refused field, or its message for the row', () => {
    const refused = edit({ state: 'rejected', message: 'Validation failed: email has already been taken', fieldErrors: { email: ['has already been taken'] } });
    expect(cellMark(refused, 'email')).toBe('rejected');
    expect(cellMessage(refused, 'email')).toBe('has already been taken');
    expect(cellMessage(refused, undefined)).toBe('Validation failed: email has already been taken');
  });

  it('show a conflict on its own fields, and the other fields of the edit as still waiting', () => {
    const conflict = edit({ state: 'conflict', fields: ['email', 'family_name'], conflict: { fields: { email: { base: 'a@x.com', mine: 'b@x.com', theirs: 'c@x.com' } } } });
    expect(cellMark(conflict, 'email')).toBe('conflict');
    expect(cellMark(conflict, 'family_name')).toBe('pending');
    expect(fieldConflict(conflict, 'email')).toEqual({ base: 'a@x.com', mine: 'b@x.com', theirs: 'c@x.com' });
    expect(rowMark(edit({ state: 'conflict', conflict: { deleted: true } }))).toBe('deleted');
  });
});
