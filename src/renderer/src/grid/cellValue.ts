// A cell's value as text a person types or a spreadsheet pastes, and back. `cellText` is what an
// editor starts with and what Ctrl+C copies: plain enough for Excel to read (dates as
// YYYY-MM-DD HH:mm in local time, amounts as 1234.50). `parseCellText` turns typed or pasted text
// into the value the API takes for the column's field, or says plainly what to type instead.
// The outbox checks the rest (a taken email, a blank required field) when the edit is queued.
import type { I18n, MessageKey, MessageParams } from '../i18n/createI18n';
import type { GridColumn } from './gridColumns';

export type EditValue = string | number | boolean | null;

export type ParsedCell =
  | { ok: true; value: EditValue; /** Display fields that change with it (a user's name for their id). */ shown?: Record<string, unknown> }
  | { ok: false; message: MessageKey; params?: MessageParams };

/** A user a typed name, email or id stands for. */
export interface UserMatch {
  id: string;
  name: string;
}

export interface ParseContext {
  now: number;
  /** Words meaning yes and no: English ones and the UI language's, lower-case. */
  yes: readonly string[];
  no: readonly string[];
  /** The user `text` names, 'ambiguous' when it names several, undefined when none. */
  userFor?: (text: string) => UserMatch | 'ambiguous' | undefined;
}

export function parseContext(i18n: I18n, now: number, userFor?: ParseContext['userFor']): ParseContext {
  return {
    now,
    yes: ['yes', 'y', 'true', '1', i18n.t('value.yes').toLowerCase()],
    no: ['no', 'n', 'false', '0', i18n.t('value.no').toLowerCase()],
    ...(userFor ? { userFor } : {}),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as local YYYY-MM-DD HH:mm, the form a spreadsheet and the date editor read. */
export function localDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The cell as editable, copyable text. */
export function cellText(column: GridColumn, row: Record<string, unknown>, i18n: I18n): string {
  const value = row[column.key];
  if (value === null || value === undefined) return '';
  switch (column.kind) {
    case 'date':
      return typeof value === 'string' ? localDateTime(value) : String(value);
    case 'flag':
      return value === true || value === 1 ? i18n.t('value.yes') : value === false || value === 0 ? i18n.t('value.no') : String(value);
    case 'money':
      return typeof value === 'number' ? (value / 100).toFixed(2) : String(value);
    case 'list':
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** A typed date: YYYY-MM-DD with an optional time (local, unless it names a zone), as an ISO time. */
export function parseDate(text: string): string | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  let date: Date;
  if (zone) {
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    date = new Date(`${y}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`);
  } else {
    date = new Date(year, month - 1, day, hour, minute, second);
    // 31 April rolls over into May: not a date.
    if (date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  }
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An amount such as 1234.50, 1,234.5 or $1,234 as whole cents; null when it is not one. */
export function parseCents(text: string): number | null {
  const digits = text.trim().replace(/[^\d.,-]/g, '').replace(/,/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(digits)) return null;
  return Math.round(Number(digits) * 100);
}

/** The value `text` sets in the column's field, or what to type instead. */
export function parseCellText(column: GridColumn, text: string, context: ParseContext): ParsedCell {
  const editor = column.editor;
  if (!editor) return { ok: false, message: 'gridEditing.readOnly' };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null, ...(editor.kind === 'user' && column.key !== editor.field ? { shown: { [column.key]: null } } : {}) };
  switch (editor.kind) {
    case 'text':
      return { ok: true, value: trimmed };
    case 'email':
      return EMAIL.test(trimmed) ? { ok: true, value: trimmed } : { ok: false, message: 'gridEditing.invalid.email' };
    case 'date': {
      const iso = parseDate(trimmed);
      if (!iso) return { ok: false, message: 'gridEditing.invalid.date' };
      if (editor.future && Date.parse(iso) <= context.now) return { ok: false, message: 'gridEditing.invalid.future' };
      return { ok: true, value: iso };
    }
    case 'flag': {
      const word = trimmed.toLowerCase();
      if (context.yes.includes(word)) return { ok: true, value: true };
      if (context.no.includes(word)) return { ok: true, value: false };
      return { ok: false, message: 'gridEditing.invalid.flag' };
    }
    case 'money': {
      const cents = parseCents(trimmed);
      if (cents === null || cents < 0) return { ok: false, message: 'gridEditing.invalid.money' };
      return { ok: true, value: cents };
    }
    case 'choice': {
      const choice = editor.choices?.find((c) => c.toLowerCase() === trimmed.toLowerCase());
      return choice ? { ok: true, value: choice } : { ok: false, message: 'gridEditing.invalid.choice', params: { choices: (editor.choices ?? []).join(', ') } };
    }
    case 'user': {
      const user = context.userFor?.(trimmed);
      if (user === 'ambiguous') return { ok: false, message: 'gridEditing.invalid.userAmbiguous', params: { text: trimmed } };
      if (!user) return { ok: false, message: 'gridEditing.invalid.user', params: { text: trimmed } };
      return { ok: true, value: user.id, ...(column.key !== editor.field ? { shown: { [column.key]: user.name } } : {}) };
    }
  }
}

/** Whether `value` is what the row already holds in the column's field (so an edit would change nothing). */
export function sameValue(row: Record<string, unknown>, field: string, value: EditValue): boolean {
  const current = row[field] ?? null;
  if (current === value) return true;
  // Flags come back from the mirror as booleans or as 0/1.
  if (typeof value === 'boolean' && (current === 0 || current === 1)) return (current === 1) === value;
  // Dates: the same moment written two ways.
  if (typeof value === 'string' && typeof current === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return Date.parse(current) === Date.parse(value);
  return false;
}
