import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/renderer/src/i18n/createI18n';
import { describeFilter } from '../../../src/renderer/src/records/describeFilter';

const en = createI18n('en');

describe('a filter in words', () => {
  it('names the field, the comparison and the value as a person reads them', () => {
    expect(describeFilter({ column: 'state', op: 'eq', value: 'expired' }, en)).toBe('State is Expired');
    expect(describeFilter({ column: 'active', op: 'eq', value: 1 }, en)).toBe('Active is Yes');
    expect(describeFilter({ column: 'email', op: 'contains', value: 'example.org' }, en)).toBe('Email contains “example.org”');
    expect(describeFilter({ column: 'completed_at', op: 'is-null' }, en)).toBe('Completed is not set');
    expect(describeFilter({ column: 'custom_name', op: 'is-null' }, en)).toBe('Custom name is empty');
    expect(describeFilter({ column: 'price_cents', op: 'gte', value: 1250 }, en)).toBe('Price is at least 12.5');
  });

  it('writes a date in the language and says before or after', () => {
    const at = '2026-12-01T00:00:00.000Z';
    expect(describeFilter({ column: 'expires_at', op: 'lt', value: at }, en)).toBe(`Expires is before ${en.dateTime(at)}`);
  });

  it('names the record an id points at when it is known, and shows the id otherwise', () => {
    const filter = { column: 'course_id', op: 'eq' as const, value: 'c-1' };
    expect(describeFilter(filter, en, (id) => (id === 'c-1' ? 'Forklift safety' : null))).toBe('Course is Forklift safety');
    expect(describeFilter(filter, en)).toBe('Course is c-1');
  });

  it('describes a list of values as alternatives, and any column a link brings', () => {
    expect(describeFilter({ column: 'state', op: 'in', values: ['active', 'expired'] }, en)).toBe('State is Active or Expired');
    expect(describeFilter({ column: 'seen_pass', op: 'gt', value: 3 }, en)).toBe('seen_pass is more than “3”');
  });

  it('speaks Traditional Chinese too', () => {
    expect(describeFilter({ column: 'state', op: 'eq', value: 'cancelled' }, createI18n('zh-TW'))).toBe('狀態是已取消');
  });
});
