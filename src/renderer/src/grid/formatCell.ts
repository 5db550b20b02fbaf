// A mirror value as text in the user's locale: dates by Intl, flags as yes/no, prices with the
// record's currency, lists of names joined. Unknown shapes fall back to their plain text rather
// than disappearing.
import type { I18n } from '../i18n/createI18n';
import type { GridColumn } from './gridColumns';

export function formatCell(column: GridColumn, row: Record<string, unknown>, i18n: I18n): string {
  const value = row[column.key];
  if (value === null || value === undefined || value === '') return '';
  switch (column.kind) {
    case 'date':
      return typeof value === 'string' ? i18n.dateTime(value) : String(value);
    case 'flag':
      return value === 1 || value === true ? i18n.t('value.yes') : value === 0 || value === false ? i18n.t('value.no') : String(value);
    case 'money': {
      const currency = row['price_currency'];
      if (typeof value !== 'number') return String(value);
      if (typeof currency !== 'string' || currency === '') return i18n.number(value / 100);
      try {
        return new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(value / 100);
      } catch {
        // A currency code Intl does not know: still show the amount and the code.
        return `${i18n.number(value / 100)} ${currency}`;
      }
    }
    case 'list':
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
