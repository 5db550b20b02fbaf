// Importing a CSV file into the outbox: every line is read and checked before anything is queued;
// each bad line is reported with its line number and why, and the good lines are queued as one
// undo step. A preview runs the same checks and queues nothing.
//
// A line with an `id` updates that record; a line without one creates a record. Columns are the
// API's field names (as export writes them); columns the API does not accept for an edit are
// reported, not silently dropped — except on update lines where they hold the record's own value.
import type { ImportPreview } from '../../shared/bridge';
import { EnlightError } from '../../shared/errors';
import { unguardedCell } from '../../shared/csvCell';
import { FIELDS, type EditResource } from './editRules';
import type { ImportLine, Outbox } from './Outbox';

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
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. Throws CsvError on broken quoting or bytes that are not text. */
export function parseCsv(text: string): CsvRow[] {
  // A spreadsheet file (or any binary) read as text has NUL bytes, or bytes UTF-8 cannot decode.
  const junk = Math.min(...['\u0000', '\uFFFD'].map((c) => text.indexOf(c)).filter((i) => i >= 0));
  if (Number.isFinite(junk)) {
    const line = text.slice(0, junk).split(/\r\n|\r|\n/).length;
    throw new CsvError(line, 'holds bytes that are not text (is it a spreadsheet file rather than CSV?); save it as "CSV UTF-8" and choose that file');
  }
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
  // What export writes to keep a spreadsheet from running a cell as a formula is taken back off.
  return unguardedCell(text);
}

/** A file read into lines, or why the file as a whole cannot be used. */
export type ImportFile = { columns: string[]; lines: ImportLine[] } | { problem: { line: number; reason: string } };

/** Reads a file into lines, each with what reading it found wrong. Throws CsvError for text that is not CSV. */
export function readImportFile(resource: EditResource, text: string): ImportFile {
  if (!IMPORTABLE.includes(resource)) throw new Error(`${resource} cannot be imported; these can: ${IMPORTABLE.join(', ')}`);
  const [header, ...body] = parseCsv(text);
  if (!header) return { problem: { line: 1, reason: 'the file is empty' } };
  const columns = header.cells.map((c) => c.trim());
  const seen = new Set<string>();
  for (const c of columns) {
    if (!c) return { problem: { line: header.line, reason: 'a column has no name' } };
    if (seen.has(c)) return { problem: { line: header.line, reason: `the column "${c}" appears twice` } };
    seen.add(c);
  }
  // A file for another resource (or with no header at all) would fail on every line: say so once.
  const known = new Set(['id', ...FIELDS[resource].create, ...FIELDS[resource].update]);
  if (!columns.some((c) => known.has(c))) {
    return {
      problem: { line: header.line, reason: `none of the columns (${columns.slice(0, 5).join(', ')}${columns.length > 5 ? ', …' : ''}) is a field of ${resource}; the first line must name fields such as ${FIELDS[resource].create.slice(0, 3).join(', ')}` },
    };
  }

  const lines = body.map((row): ImportLine => {
    if (row.cells.length !== columns.length) return { line: row.line, fields: {}, errors: [`has ${row.cells.length} cells where the header has ${columns.length}`] };
    const fields: Json = {};
    let id: string | undefined;
    const errors: string[] = [];
    columns.forEach((column, i) => {
      const raw = row.cells[i] as string;
      if (column === 'id') id = raw.trim() || undefined;
      else if (raw.trim() !== '') {
        try {
          fields[column] = value(column, raw);
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
        }
      }
    });
    return { line: row.line, ...(id ? { id } : {}), fields, errors };
  });
  return { columns, lines };
}

/** The file read, or a validation error naming the line that stops it from being used at all. */
function readOrRefuse(resource: EditResource, text: string): { columns: string[]; lines: ImportLine[] } {
  const refuse = (line: number, reason: string) => new EnlightError({ code: 'validation', message: `This file cannot be imported: line ${line}: ${reason}. Nothing was queued.` });
  let file: ImportFile;
  try {
    file = readImportFile(resource, text);
  } catch (e) {
    if (e instanceof CsvError) throw refuse(e.line, e.reason);
    throw new EnlightError({ code: 'validation', message: e instanceof Error ? `${e.message}.` : String(e) });
  }
  if ('problem' in file) throw refuse(file.problem.line, file.problem.reason);
  return file;
}

/** Every line checked as applying would check it, and nothing queued. */
export function previewImport(outbox: Outbox, resource: EditResource, text: string): ImportPreview {
  const file = readOrRefuse(resource, text);
  const rows = outbox.queueLines(resource, file.lines, { dryRun: true }).map(({ line, kind, fields, errors }) => ({ line, kind, fields, errors }));
  const invalid = rows.filter((r) => r.errors.length).length;
  return { columns: file.columns, rows, valid: rows.length - invalid, invalid };
}

/** Queues the lines that pass the checks (checked again: the records may have changed since a preview), as one undo step. */
export function applyImport(outbox: Outbox, resource: EditResource, text: string): { queued: number; ids: string[] } {
  const file = readOrRefuse(resource, text);
  const lines = outbox.queueLines(resource, file.lines);
  return { queued: lines.filter((l) => l.queued).length, ids: lines.filter((l) => l.queued && l.id).map((l) => l.id as string) };
}

export interface ImportReport {
  queued: number;
  problems: { line: number; reason: string }[];
}

/** The command line's import: the good lines are queued and each problem reported. Throws CsvError for text that is not CSV. */
export function importCsv(outbox: Outbox, resource: EditResource, text: string): ImportReport {
  const file = readImportFile(resource, text);
  if ('problem' in file) return { queued: 0, problems: [file.problem] };
  const lines = outbox.queueLines(resource, file.lines);
  return {
    queued: lines.filter((l) => l.queued).length,
    problems: lines.filter((l) => l.errors.length).map((l) => ({ line: l.line, reason: l.errors.join('; ') })),
  };
}
