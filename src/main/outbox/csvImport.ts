// Importing a CSV file into the outbox: every row is read and checked before anything is queued;
// each bad row is reported with its line number and why, and the good rows are queued.
//
// A row with an `id` column updates that record; a row without one creates a record. Columns are
// the API's field names (as `export` writes them); columns the API does not accept for an edit are
// reported, not silently dropped.
import { isEnlightError } from '../../shared/errors';
import { describeFieldErrors, type EditResource } from './editRules';
import type { Outbox } from './Outbox';

type Json = Record<string, unknown>;

export const IMPORTABLE: readonly EditResource[] = ['students', 'enrollments', 'groups', 'users'];

export interface CsvRow {
  /** The line the row starts on, counting the header as line 1. */
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. Throws CsvError on broken quoting. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a spreadsheet's byte-order mark
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      if (cell !== '') throw new CsvError(line, 'a quote in the middle of an unquoted cell; put the whole cell in quotes and double the quote');
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) throw new CsvError(rowLine, 'a quoted cell is never closed');
  if (cell !== '' || cells.length) endRow();
  return rows;
}

const BOOLEAN_FIELDS = new Set(['multiple_sign_ups', 'purchasable', 'advertised', 'force_accept_invitation', 'cancel_legacy_system', 'lock', 'send_enrollment_notification', 'unsubscribed', 'student_cancel_legacy_system']);
const INTEGER_FIELDS = new Set(['price_cents']);
const LIST_FIELDS = new Set(['group_ids']);

/** A cell as the API wants it; throws a message for a cell that cannot be read. */
function value(field: string, raw: string): unknown {
  const text = raw.trim();
  if (BOOLEAN_FIELDS.has(field)) {
    if (/^(true|yes|1)$/i.test(text)) return true;
    if (/^(false|no|0)$/i.test(text)) return false;
    throw new Error(`${field} must be true or false, not "${text.slice(0, 40)}"`);
  }
  if (INTEGER_FIELDS.has(field)) {
    if (!/^-?\d+$/.test(text)) throw new Error(`${field} must be a whole number, not "${text.slice(0, 40)}"`);
    return Number(text);
  }
  if (LIST_FIELDS.has(field)) return text.split(/[;\s]+/).filter(Boolean);
  // What `export` writes to keep a spreadsheet from running a cell as a formula is taken back off.
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export interface ImportReport {
  queued: number;
  problems: { line: number; reason: string }[];
}

export function importCsv(outbox: Outbox, resource: EditResource, text: string): ImportReport {
  if (!IMPORTABLE.includes(resource)) throw new Error(`${resource} cannot be imported; these can: ${IMPORTABLE.join(', ')}`);
  const rows = parseCsv(text);
  const [header, ...body] = rows;
  if (!header) return { queued: 0, problems: [{ line: 1, reason: 'the file is empty' }] };
  const columns = header.cells.map((c) => c.trim());
  const seen = new Set<string>();
  for (const c of columns) {
    if (!c) return { queued: 0, problems: [{ line: header.line, reason: 'a column has no name' }] };
    if (seen.has(c)) return { queued: 0, problems: [{ line: header.line, reason: `the column "${c}" appears twice` }] };
    seen.add(c);
  }

  // Every row is read first: a broken file queues nothing it cannot read.
  const problems: ImportReport['problems'] = [];
  const edits: { line: number; id?: string; fields: Json }[] = [];
  for (const row of body) {
    if (row.cells.length !== columns.length) {
      problems.push({ line: row.line, reason: `has ${row.cells.length} cells where the header has ${columns.length}` });
      continue;
    }
    const fields: Json = {};
    let id: string | undefined;
    try {
      columns.forEach((column, i) => {
        const raw = row.cells[i] as string;
        if (column === 'id') id = raw.trim() || undefined;
        else if (raw.trim() !== '') fields[column] = value(column, raw);
      });
      edits.push({ line: row.line, id, fields });
    } catch (e) {
      problems.push({ line: row.line, reason: e instanceof Error ? e.message : String(e) });
    }
  }

  let queued = 0;
  for (const edit of edits) {
    try {
      if (edit.id) {
        // Only what differs from the record is an edit; the rest of the row is as exported.
        const current = outbox.current(resource, edit.id);
        if (!current) throw new Error(`there is no ${resource.slice(0, -1)} ${edit.id} in the local copy`);
        const changes = Object.fromEntries(Object.entries(edit.fields).filter(([k, v]) => JSON.stringify(current[k] ?? null) !== JSON.stringify(v)));
        if (Object.keys(changes).length === 0) continue;
        outbox.update(resource, edit.id, changes);
      } else outbox.create(resource, edit.fields);
      queued++;
    } catch (e) {
      const reason = isEnlightError(e) && e.fieldErrors ? describeFieldErrors(e.fieldErrors) : e instanceof Error ? e.message : String(e);
      problems.push({ line: edit.line, reason });
    }
  }
  return { queued, problems: problems.sort((a, b) => a.line - b.line) };
}
