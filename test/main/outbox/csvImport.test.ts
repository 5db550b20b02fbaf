// Importing CSV: every row is checked first; bad rows are reported with their line and reason;
// good rows are queued; a file that cannot be read queues nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { CsvError, importCsv, parseCsv } from '../../../src/main/outbox/csvImport';
import { Outbox } from '../../../src/main/outbox/Outbox';
import { MirrorStore } from '../../../src/main/store/MirrorStore';

let outbox: Outbox;
beforeEach(() => {
  const store = MirrorStore.open(':memory:');
  store.storePage('students', store.beginListPass('students').pass, [{ id: 's1', given_name: 'Ann', family_name: 'Lee', email: 'ann@example.com' }]);
  store.storePage('groups', store.beginListPass('groups').pass, [{ id: 'g1', name: 'Cohort' }]);
  outbox = new Outbox(store);
});

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, and knows which line each row starts on', () => {
    const rows = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
    ]);
  });

  it('says where quoting is broken', () => {
    expect(() => parseCsv('a,b\n"open,x\n')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n"open,x\n')).toThrow('line 2: a quoted cell is never closed');
    expect(() => parseCsv('a,b\nab"c,d\n')).toThrow('line 2');
  });
});

describe('importCsv', () => {
  it('queues the good rows and reports each bad one with its line and reason', () => {
    const file = [
      'given_name,family_name,email,locale,lock',
      'Bo,Chen,bo@example.com,en-GB,false',
      'Cy,,cy@example.com,,',
      'Dee,Adams,ANN@example.com,,',
      'Eve,Stone,eve@example.com,fr-FR,',
      'Fay,Long,fay@example.com,,maybe',
      'Gil,Short,gil@example.com',
      '"=HYPERLINK(""x"")",Formula,hal@example.com,,',
    ].join('\n');
    const report = importCsv(outbox, 'students', file);
    expect(report.problems).toEqual([
      { line: 3, reason: "family_name can't be blank" },
      { line: 4, reason: 'email has already been taken' },
      { line: 5, reason: 'locale is not included in the list' },
      { line: 6, reason: 'lock must be true or false, not "maybe"' },
      { line: 7, reason: 'has 3 cells where the header has 5' },
    ]);
    expect(report.queued).toBe(2);
    expect(outbox.entries().map((e) => e.fields['email'])).toEqual(['bo@example.com', 'hal@example.com']);
    // A hostile cell is kept as the text it is, never evaluated.
    expect(outbox.entries()[1]?.fields['given_name']).toBe('=HYPERLINK("x")');
  });

  it('updates the records a row names by id, sending only what changed', () => {
    const report = importCsv(outbox, 'students', 'id,given_name,family_name,email\ns1,Ann,Leigh,ann@example.com\nnope,A,B,c@example.com\n');
    expect(report.queued).toBe(1);
    expect(report.problems).toEqual([{ line: 3, reason: 'there is no student nope in the local copy' }]);
    expect(outbox.entries()).toMatchObject([{ kind: 'update', recordId: 's1', fields: { family_name: 'Leigh' } }]);
  });

  it('reads lists and refuses files it cannot use', () => {
    expect(importCsv(outbox, 'enrollments', 'course_id,instructor_id,student_id,group_ids\nc1,u1,s1,g1;g2\n').queued).toBe(1);
    expect(outbox.entries().at(-1)?.fields['group_ids']).toEqual(['g1', 'g2']);
    expect(importCsv(outbox, 'groups', '')).toEqual({ queued: 0, problems: [{ line: 1, reason: 'the file is empty' }] });
    expect(importCsv(outbox, 'groups', 'name,name\nx,y\n').problems[0]?.reason).toContain('appears twice');
    expect(() => importCsv(outbox, 'courses', 'name\nx\n')).toThrow('cannot be imported');
  });
});
