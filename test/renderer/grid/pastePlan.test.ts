import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/renderer/src/i18n/createI18n';
import { parseContext } from '../../../src/renderer/src/grid/cellValue';
import { fillDownEdits, fillRows } from '../../../src/renderer/src/grid/fillDown';
import { GRID_COLUMNS, type GridColumn } from '../../../src/renderer/src/grid/gridColumns';
import { MAX_BLOCK_ROWS, pasteEdits, planPaste } from '../../../src/renderer/src/grid/pastePlan';

const pick = (resource: keyof typeof GRID_COLUMNS, ...keys: string[]): GridColumn[] => keys.map((k) => GRID_COLUMNS[resource].find((c) => c.key === k)!);
const students = pick('students', 'given_name', 'family_name', 'email', 'external_id');
const student = (i: number) => ({ id: `s${i}`, given_name: `Given${i}`, family_name: `Family${i}`, email: `s${i}@example.com`, external_id: null });
const context = parseContext(createI18n('en'), Date.parse('2026-06-01T00:00:00Z'));

describe('where a pasted block lands', () => {
  it('fills right and down from the active cell over the shown columns', () => {
    const block = Array.from({ length: 20 }, (_, r) => [`G${r}`, `F${r}`, `x${r}@example.com`]);
    const plan = planPaste(block, { top: 5, bottom: 5, left: 1, right: 1 }, students, 1000);
    expect(plan).toMatchObject({ firstIndex: 4, lastIndex: 23, width: 3, clippedRows: 0, clippedColumns: 0 });
    expect(plan.cells).toHaveLength(60);
    expect(plan.cells[0]).toMatchObject({ index: 4, text: 'G0', column: { key: 'given_name' } });
    expect(plan.cells.at(-1)).toMatchObject({ index: 23, text: 'x19@example.com', column: { key: 'email' } });
  });

  it('cuts a block taller than the rows left, or wider than the columns left, and says how much', () => {
    const block = [
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h', 'i'],
    ];
    const plan = planPaste(block, { top: 9, bottom: 9, left: 3, right: 3 }, students, 10);
    expect(plan).toMatchObject({ firstIndex: 8, lastIndex: 9, width: 2, clippedRows: 1, clippedColumns: 1 });
    expect(plan.cells.map((c) => c.text)).toEqual(['a', 'b', 'd', 'e']);
  });

  it('never covers more rows than one action may change', () => {
    const block = Array.from({ length: MAX_BLOCK_ROWS + 5 }, () => ['x']);
    const plan = planPaste(block, { top: 1, bottom: 1, left: 1, right: 1 }, students, 100_000);
    expect(plan.lastIndex).toBe(MAX_BLOCK_ROWS - 1);
    expect(plan.clippedRows).toBe(5);
  });

  it('fills a selected range with one copied cell, as a spreadsheet does', () => {
    const plan = planPaste([['Same']], { top: 2, bottom: 4, left: 1, right: 2 }, students, 100);
    expect(plan.cells.map((c) => [c.index, c.column.key, c.text])).toEqual([
      [1, 'given_name', 'Same'],
      [1, 'family_name', 'Same'],
      [2, 'given_name', 'Same'],
      [2, 'family_name', 'Same'],
      [3, 'given_name', 'Same'],
      [3, 'family_name', 'Same'],
    ]);
  });

  it('leaves alone the cells past the end of a shorter line', () => {
    const plan = planPaste([['a', 'b'], ['c']], { top: 1, bottom: 1, left: 1, right: 1 }, students, 100);
    expect(plan.cells.map((c) => c.text)).toEqual(['a', 'b', 'c']);
  });
});

describe('the edits a pasted block makes', () => {
  it('are one per record, skipping cells that already hold the value', () => {
    const plan = planPaste(
      [
        ['Given0', 'Newname'],
        ['Changed', 'Family1'],
      ],
      { top: 1, bottom: 1, left: 1, right: 1 },
      students,
      10,
    );
    const { batch, problems } = pasteEdits(plan, student, context);
    expect(problems).toEqual([]);
    expect(batch.edits).toEqual([
      { id: 's0', fields: { family_name: 'Newname' } },
      { id: 's1', fields: { given_name: 'Changed' } },
    ]);
    expect(batch.changed).toBe(2);
    expect(batch.unchanged).toBe(2);
  });

  it('report the cells of read-only columns, by column, instead of dropping them silently', () => {
    const enrollments = pick('enrollments', 'student_name', 'course_name', 'expires_at');
    const plan = planPaste([['Ann', 'Safety', '2027-01-31']], { top: 1, bottom: 1, left: 1, right: 1 }, enrollments, 5);
    const { batch } = pasteEdits(plan, (i) => ({ id: `e${i}`, expires_at: null }), context);
    expect(batch.readOnly).toBe(2);
    expect([...batch.readOnlyColumns]).toEqual(['column.student_name', 'column.course_name']);
    expect(batch.edits).toEqual([{ id: 'e0', fields: { expires_at: new Date(2027, 0, 31).toISOString() } }]);
  });

  it('are none when any cell is no value for its column: each such cell is named', () => {
    const plan = planPaste([['Ann', 'Lee', 'not-an-email'], ['Bo', 'Kim', 'bo@example.com']], { top: 1, bottom: 1, left: 1, right: 1 }, students, 10);
    const { problems } = pasteEdits(plan, student, context);
    expect(problems).toMatchObject([{ index: 0, column: { key: 'email' }, message: 'gridEditing.invalid.email' }]);
  });

  it('name a row that could not be read rather than skip it', () => {
    const plan = planPaste([['Ann']], { top: 3, bottom: 3, left: 1, right: 1 }, students, 10);
    expect(pasteEdits(plan, () => undefined, context).problems).toMatchObject([{ index: 2, message: 'gridEditing.rowNotRead' }]);
  });
});

describe('fill down', () => {
  const enrollments = pick('enrollments', 'student_name', 'instructor_name', 'expires_at');
  const rows = [
    { id: 'e0', student_name: 'Ann', instructor_id: 'u1', instructor_name: 'Chloe Yang', expires_at: '2027-01-01T00:00:00.000Z' },
    { id: 'e1', student_name: 'Bo', instructor_id: 'u2', instructor_name: 'Sam Smith', expires_at: null },
    { id: 'e2', student_name: 'Cy', instructor_id: 'u1', instructor_name: 'Chloe Yang', expires_at: null },
  ];

  it('copies the range’s top row into the rows below, as the records hold the values', () => {
    const batch = fillDownEdits({ top: 1, bottom: 3, left: 1, right: 3 }, enrollments, (i) => rows[i])!;
    expect(batch.edits).toEqual([
      { id: 'e1', fields: { instructor_id: 'u1', expires_at: '2027-01-01T00:00:00.000Z' } },
      { id: 'e2', fields: { expires_at: '2027-01-01T00:00:00.000Z' } },
    ]);
    expect(batch.patches.get('e1')).toEqual({ instructor_id: 'u1', instructor_name: 'Chloe Yang', expires_at: '2027-01-01T00:00:00.000Z' });
    expect(batch.readOnly).toBe(2);
    expect(batch.unchanged).toBe(1);
  });

  it('takes the row above into a range of one row, and has nothing to fill from on the first', () => {
    expect(fillRows({ top: 3, bottom: 3, left: 2, right: 2 })).toEqual({ source: 1, first: 2, last: 2 });
    expect(fillRows({ top: 1, bottom: 1, left: 2, right: 2 })).toBeNull();
    const batch = fillDownEdits({ top: 2, bottom: 2, left: 3, right: 3 }, enrollments, (i) => rows[i])!;
    expect(batch.edits).toEqual([{ id: 'e1', fields: { expires_at: '2027-01-01T00:00:00.000Z' } }]);
  });
});
