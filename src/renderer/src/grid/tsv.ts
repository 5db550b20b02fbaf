// Tab-separated text as spreadsheets put it on the clipboard. Excel and Google Sheets separate
// cells with tabs and rows with CRLF (or LF), end the block with one more line break, and wrap a
// cell in double quotes when it holds a tab, a line break or a quote (doubling the quotes inside).
// A quote that does not open such a wrapped cell is plain text, as Excel reads it.

/** The rows of cells in a block of clipboard text; [] for an empty clipboard. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  const endRow = () => {
    rows.push(row);
    row = [];
  };
  while (i <= n) {
    // At the start of a cell.
    if (text[i] === '"') {
      const quoted = readQuoted(text, i);
      if (quoted) {
        row.push(quoted.value);
        i = quoted.end;
        const next = text[i];
        if (next === '\t') {
          i += 1;
          continue;
        }
        endRow();
        i += next === '\r' && text[i + 1] === '\n' ? 2 : 1;
        if (i >= n) break;
        continue;
      }
    }
    let end = i;
    while (end < n && text[end] !== '\t' && text[end] !== '\n' && text[end] !== '\r') end += 1;
    row.push(text.slice(i, end));
    if (end >= n) {
      endRow();
      break;
    }
    if (text[end] === '\t') {
      i = end + 1;
      continue;
    }
    endRow();
    i = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
    if (i >= n) break;
  }
  // The line break after the last row ends it; it does not start an empty one.
  if (rows.length === 1 && rows[0]!.length === 1 && rows[0]![0] === '') return [];
  return rows;
}

/**
 * A quoted cell from `start` (its opening quote): its value and where it ends, or null when the
 * quote does not close right before a tab, a line break or the end — then the cell is plain text.
 */
function readQuoted(text: string, start: number): { value: string; end: number } | null {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      const after = text[i + 1];
      if (after === undefined || after === '\t' || after === '\n' || after === '\r') return { value, end: i + 1 };
      return null;
    }
    value += c;
    i += 1;
  }
  return null;
}

/** Rows of cells as a spreadsheet takes them from the clipboard. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((cells) => cells.map(quoteIfNeeded).join('\t')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

function quoteIfNeeded(cell: string): string {
  return /[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
