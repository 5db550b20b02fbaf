import { describe, expect, it } from 'vitest';
import { csvBlob, csvFileName } from '../../../src/renderer/src/records/csvFile';

describe('an exported CSV file', () => {
  it('is named after its grid, what it holds and when it was made (local time)', () => {
    const at = new Date(2026, 10, 3, 9, 5);
    expect(csvFileName('enrollments', 'view', at)).toBe('enrollments-2026-11-03-0905.csv');
    expect(csvFileName('students', 'selection', at)).toBe('students-selection-2026-11-03-0905.csv');
  });

  it('starts with one byte-order mark so spreadsheets read it as UTF-8', async () => {
    const bytes = new Uint8Array(await csvBlob('name\r\n陳大文\r\n').arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('name\r\n陳大文\r\n');
    const again = new Uint8Array(await csvBlob('\uFEFFname\r\n').arrayBuffer());
    expect([...again.slice(3, 6)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBlob('a').type).toBe('text/csv;charset=utf-8');
  });
});
