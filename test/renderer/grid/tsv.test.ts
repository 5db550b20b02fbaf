import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../../src/renderer/src/grid/tsv';

describe('a block pasted from a spreadsheet', () => {
  it('reads Excel’s CRLF rows and the line break after the last one', () => {
    expect(parseTsv('Ann\tLee\tann@example.com\r\nBo\tKim\tbo@example.com\r\n')).toEqual([
      ['Ann', 'Lee', 'ann@example.com'],
      ['Bo', 'Kim', 'bo@example.com'],
    ]);
  });

  it('reads Google Sheets’ LF rows, with or without a last line break', () => {
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\tb\nc\td\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads quoted cells with line breaks, tabs and doubled quotes inside', () => {
    expect(parseTsv('"line one\r\nline two"\tplain\r\n"say ""hi""\tthere"\t""\r\n')).toEqual([
      ['line one\r\nline two', 'plain'],
      ['say "hi"\tthere', ''],
    ]);
  });

  it('keeps a quote that opens no quoted cell as plain text, as Excel does', () => {
    expect(parseTsv('"quoted" and more\t5" screen\r\n"unclosed\tnext')).toEqual([
      ['"quoted" and more', '5" screen'],
      ['"unclosed', 'next'],
    ]);
  });

  it('keeps empty cells and empty rows inside the block', () => {
    expect(parseTsv('a\t\tc\r\n\r\n\tb\t\r\n')).toEqual([['a', '', 'c'], [''], ['', 'b', '']]);
  });

  it('gives nothing for an empty clipboard, and one cell for one value', () => {
    expect(parseTsv('')).toEqual([]);
    expect(parseTsv('\r\n')).toEqual([]);
    expect(parseTsv('2027-03-31\r\n')).toEqual([['2027-03-31']]);
  });
});

describe('a range copied for a spreadsheet', () => {
  it('quotes only the cells that need it, and reads back as it was', () => {
    const rows = [
      ['Ann', 'two\nlines', 'tab\there'],
      ['say "hi"', '', 'plain'],
    ];
    const text = toTsv(rows);
    expect(text).toBe('Ann\t"two\nlines"\t"tab\there"\r\n"say ""hi"""\t\tplain\r\n');
    expect(parseTsv(text)).toEqual(rows);
  });

  it('writes nothing for no rows', () => {
    expect(toTsv([])).toBe('');
  });
});
