// CSV cells a spreadsheet opens as text: a value that would run as a formula gets an apostrophe.
import { describe, expect, it } from 'vitest';
import { csvCell, unguardedCell } from '../../src/shared/csvCell';

describe('a CSV cell', () => {
  it('guards text and lists that a spreadsheet would run as a formula, and gives them back on import', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    // A list is one cell of its values joined: the first of them decides, as for text.
    expect(csvCell(["=cmd|' /C calc'!A0", 'b'])).toBe("'=cmd|' /C calc'!A0; b");
    expect(csvCell(['+1', 'b'])).toBe("'+1; b");
    expect(csvCell(['a', '=b'])).toBe('a; =b');
    expect(unguardedCell(csvCell('@SUM(A1)'))).toBe('@SUM(A1)');
    // A number is a number.
    expect(csvCell(-5)).toBe('-5');
  });

  it('holds no NUL byte, which ends the text early in many programs that read CSV', () => {
    expect(csvCell('Nul\u0000Byte')).toBe('Nul\uFFFDByte');
  });
});
