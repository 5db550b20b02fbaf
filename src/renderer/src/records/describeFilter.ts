// A filter in words, for its chip: "Expires before 1 Dec 2026", "State is Active or Expired",
// "Course is Forklift safety". Any filter a link brings is described, even one no builder makes.
import type { I18n } from '../i18n/createI18n';
import type { GridFilter } from './gridFilters';
import { needsValue, opLabel } from './gridFilters';
import { choiceLabel, fieldSpec, type FieldSpec } from './recordFields';

/**
 * `recordName` names the record a filter on an id points at, when it is known; otherwise the id
 * itself is shown.
 */
export function describeFilter(filter: GridFilter, i18n: I18n, recordName?: (id: string) => string | null): string {
  const field = fieldSpec(filter.column);
  const fieldName = field.label === 'gridTools.field.unknown' ? filter.column : i18n.t(field.label);
  if (filter.op === 'in') {
    const values = (filter.values ?? []).map((v) => valueText(field, v, i18n, recordName));
    return i18n.t('gridTools.chip.withValue', { field: fieldName, op: i18n.t('gridTools.op.in'), value: orList(values, i18n) });
  }
  const op = i18n.t(opLabel(field, filter.op));
  if (!needsValue(filter.op)) return i18n.t('gridTools.chip.noValue', { field: fieldName, op });
  return i18n.t('gridTools.chip.withValue', { field: fieldName, op, value: valueText(field, filter.value ?? null, i18n, recordName) });
}

function valueText(field: FieldSpec, value: string | number | null, i18n: I18n, recordName?: (id: string) => string | null): string {
  if (value === null) return i18n.t('gridTools.value.none');
  switch (field.kind) {
    case 'flag':
      return value === 1 || value === '1' || value === 'true' ? i18n.t('value.yes') : i18n.t('value.no');
    case 'date':
      return typeof value === 'string' ? i18n.dateTime(value) : String(value);
    case 'money':
      return typeof value === 'number' ? i18n.number(value / 100) : String(value);
    case 'choice':
      return choiceLabel(field, String(value), i18n.t);
    case 'record':
    case 'records':
      return recordName?.(String(value)) ?? String(value);
    default:
      return i18n.t('gridTools.value.quoted', { value: String(value) });
  }
}

function orList(values: string[], i18n: I18n): string {
  return new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(values);
}
