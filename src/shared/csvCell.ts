// CSV as spreadsheets read it (RFC 4180), and safe to open in one: a text cell a spreadsheet would
// run as a formula (starting with = + - @, a tab or a carriage return) gets an apostrophe in front,
// so it stays text. Import takes the apostrophe back off, so a value makes the round trip unchanged.

// Apostrophes already in front of such a character are guarded too, so that taking one off on
// import gives back exactly what was exported.
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (Array.isArray(value)) text = value.map((v) => String(v)).join('; ');
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  // A list is one text cell too (its values joined), which a spreadsheet reads as a formula just the same.
  if ((typeof value === 'string' || Array.isArray(value)) && FORMULA_START.test(text)) text = `'${text}`;
  // A NUL byte ends the text early in many programs that read CSV: it is shown as the replacement character.
  if (text.includes('\u0000')) text = text.replaceAll('\u0000', '\uFFFD');
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A cell's text as it was before export guarded it. */
export function unguardedCell(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
