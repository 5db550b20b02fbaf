import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/renderer/src/i18n/createI18n';
import { GRID_COLUMNS } from '../../../src/renderer/src/grid/gridColumns';
import { formatCell } from '../../../src/renderer/src/grid/formatCell';

describe('grid cells', () => {
  const column = (resource: keyof typeof GRID_COLUMNS, key: string) => GRID_COLUMNS[resource].find((c) => c.key === key)!;

  it('show prices in the record’s currency and the user’s locale', () => {
    const row = { price_cents: 123456, price_currency: 'TWD' };
    expect(formatCell(column('courses', 'price_cents'), row, createI18n('en'))).toBe(new Intl.NumberFormat('en', { style: 'currency', currency: 'TWD' }).format(1234.56));
    expect(formatCell(column('courses', 'price_cents'), { price_cents: 500, price_currency: 'XYZ1' }, createI18n('en'))).toBe('5 XYZ1');
  });

  it('show flags as yes or no in the UI language, and empty values as blank', () => {
    expect(formatCell(column('courses', 'purchasable'), { purchasable: 1 }, createI18n('zh-TW'))).toBe('是');
    expect(formatCell(column('enrollments', 'active'), { active: 0 }, createI18n('en'))).toBe('No');
    expect(formatCell(column('enrollments', 'completed_at'), { completed_at: null }, createI18n('en'))).toBe('');
  });

  it('show dates in the user’s locale', () => {
    const i18n = createI18n('zh-TW');
    expect(formatCell(column('enrollments', 'started_at'), { started_at: '2026-03-04T05:06:00Z' }, i18n)).toBe(i18n.dateTime('2026-03-04T05:06:00Z'));
  });
});
