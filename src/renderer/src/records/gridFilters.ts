// A grid's filters as a person builds them: a field, a comparison that suits the field's kind
// (dates are before or after a day, flags are yes or no, text contains), and a value typed or
// picked, turned into the filter the back end runs in SQLite.
import type { FilterOp } from '../../../shared/bridge';
import type { MessageKey } from '../i18n/createI18n';
import type { GridFilters } from '../routing/route';
import type { FieldKind, FieldSpec } from './recordFields';

export type GridFilter = GridFilters[number];

const OPS_BY_KIND: Record<FieldKind, readonly FilterOp[]> = {
  text: ['contains', 'eq', 'ne', 'is-null', 'not-null'],
  longText: ['contains', 'is-null', 'not-null'],
  password: [],
  date: ['lt', 'gte', 'is-null', 'not-null'],
  flag: ['eq'],
  money: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'],
  choice: ['eq', 'ne'],
  record: ['eq', 'ne', 'is-null', 'not-null'],
  records: [],
};

/** The comparisons offered for a field, the first being the one people want most often. */
export function filterOps(field: FieldSpec): readonly FilterOp[] {
  // A derived column is computed by the back end, which compares it for equality only.
  return field.derived ? ['eq'] : OPS_BY_KIND[field.kind];
}

/** Whether a comparison needs a value at all. */
export function needsValue(op: FilterOp): boolean {
  return op !== 'is-null' && op !== 'not-null';
}

/** The comparison's name in the filter builder (dates read "before", numbers "less than"). */
export function opLabel(field: FieldSpec, op: FilterOp): MessageKey {
  if (field.kind === 'date' && (op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte')) return `gridTools.op.date.${op}`;
  if (op === 'is-null' || op === 'not-null') return field.kind === 'text' || field.kind === 'longText' ? `gridTools.op.text.${op}` : `gridTools.op.${op}`;
  return `gridTools.op.${op}`;
}

export type BuiltFilter = { ok: true; filter: GridFilter } | { ok: false; problem: MessageKey };

/**
 * The filter for `field op input`, where input is what the builder's control holds: text as typed,
 * a day as YYYY-MM-DD, a flag as "true"/"false", a price in currency units, a choice or an id.
 */
export function buildFilter(field: FieldSpec, op: FilterOp, input: string): BuiltFilter {
  if (!filterOps(field).includes(op)) return { ok: false, problem: 'gridTools.filter.badOp' };
  if (!needsValue(op)) return { ok: true, filter: { column: field.key, op } };
  const value = input.trim();
  if (value === '') return { ok: false, problem: 'gridTools.filter.needsValue' };
  switch (field.kind) {
    case 'date': {
      const start = startOfLocalDay(value);
      return start ? { ok: true, filter: { column: field.key, op, value: start } } : { ok: false, problem: 'gridTools.filter.badDate' };
    }
    case 'flag':
      if (value !== 'true' && value !== 'false') return { ok: false, problem: 'gridTools.filter.needsValue' };
      // The mirror keeps flags as 1 and 0.
      return { ok: true, filter: { column: field.key, op, value: value === 'true' ? 1 : 0 } };
    case 'money': {
      const cents = centsOf(value);
      return cents === null ? { ok: false, problem: 'gridTools.filter.badNumber' } : { ok: true, filter: { column: field.key, op, value: cents } };
    }
    case 'choice':
      if (field.choices && !field.choices.includes(value)) return { ok: false, problem: 'gridTools.filter.needsValue' };
      return { ok: true, filter: { column: field.key, op, value } };
    default:
      return { ok: true, filter: { column: field.key, op, value } };
  }
}

/** A day typed as YYYY-MM-DD, as the ISO moment it starts in this computer's time zone; null if it is no day. */
export function startOfLocalDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  // new Date rolls 31 February over into March; a day that rolled is not the day typed.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return null;
  return start.toISOString();
}

/** An amount in currency units ("12.5", "12,50") as whole cents; null if it is not an amount. */
export function centsOf(amount: string): number | null {
  const normalised = amount.trim().replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(normalised)) return null;
  return Math.round(Number(normalised) * 100);
}

/** The filters with one more, unless an identical one is there already. */
export function addFilter(filters: GridFilters, filter: GridFilter): GridFilters {
  return filters.some((f) => sameFilter(f, filter)) ? filters : [...filters, filter];
}

export function removeFilterAt(filters: GridFilters, index: number): GridFilters {
  return filters.filter((_, i) => i !== index);
}

function sameFilter(a: GridFilter, b: GridFilter): boolean {
  return a.column === b.column && a.op === b.op && (a.value ?? null) === (b.value ?? null) && JSON.stringify(a.values ?? null) === JSON.stringify(b.values ?? null);
}
