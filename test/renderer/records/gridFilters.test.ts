import { describe, expect, it } from 'vitest';
import { addFilter, buildFilter, centsOf, filterOps, removeFilterAt, startOfLocalDay } from '../../../src/renderer/src/records/gridFilters';
import { fieldSpec, FILTER_FIELDS } from '../../../src/renderer/src/records/recordFields';

describe('building a filter', () => {
  it('turns a day into the moment it starts here, for a date column', () => {
    expect(buildFilter(fieldSpec('expires_at'), 'lt', '2027-03-31')).toEqual({ ok: true, filter: { column: 'expires_at', op: 'lt', value: new Date(2027, 2, 31).toISOString() } });
  });

  it('refuses a day that does not exist or is not a day, and asks for one when empty', () => {
    expect(buildFilter(fieldSpec('expires_at'), 'lt', '2027-02-30')).toEqual({ ok: false, problem: 'gridTools.filter.badDate' });
    expect(buildFilter(fieldSpec('expires_at'), 'gte', 'next week')).toEqual({ ok: false, problem: 'gridTools.filter.badDate' });
    expect(buildFilter(fieldSpec('expires_at'), 'gte', '  ')).toEqual({ ok: false, problem: 'gridTools.filter.needsValue' });
  });

  it('needs no value to ask whether a field is set', () => {
    expect(buildFilter(fieldSpec('completed_at'), 'is-null', '')).toEqual({ ok: true, filter: { column: 'completed_at', op: 'is-null' } });
    expect(buildFilter(fieldSpec('instructor_id'), 'not-null', 'ignored')).toEqual({ ok: true, filter: { column: 'instructor_id', op: 'not-null' } });
  });

  it('compares a flag with 1 or 0, as the mirror keeps flags', () => {
    expect(buildFilter(fieldSpec('active'), 'eq', 'true')).toEqual({ ok: true, filter: { column: 'active', op: 'eq', value: 1 } });
    expect(buildFilter(fieldSpec('purchasable'), 'eq', 'false')).toEqual({ ok: true, filter: { column: 'purchasable', op: 'eq', value: 0 } });
    expect(buildFilter(fieldSpec('active'), 'eq', '')).toEqual({ ok: false, problem: 'gridTools.filter.needsValue' });
  });

  it('takes a price in currency units and compares whole cents', () => {
    expect(buildFilter(fieldSpec('price_cents'), 'gte', '12.5')).toEqual({ ok: true, filter: { column: 'price_cents', op: 'gte', value: 1250 } });
    expect(buildFilter(fieldSpec('price_cents'), 'lt', 'cheap')).toEqual({ ok: false, problem: 'gridTools.filter.badNumber' });
  });

  it('offers only equality on the derived columns, and only their own states', () => {
    expect(filterOps(fieldSpec('state'))).toEqual(['eq']);
    expect(filterOps(fieldSpec('group_id'))).toEqual(['eq']);
    expect(buildFilter(fieldSpec('state'), 'eq', 'expired')).toEqual({ ok: true, filter: { column: 'state', op: 'eq', value: 'expired' } });
    expect(buildFilter(fieldSpec('state'), 'eq', 'lost')).toEqual({ ok: false, problem: 'gridTools.filter.needsValue' });
    expect(buildFilter(fieldSpec('state'), 'ne', 'active')).toEqual({ ok: false, problem: 'gridTools.filter.badOp' });
  });

  it('keeps text as typed, trimmed, and never turns it into a pattern', () => {
    expect(buildFilter(fieldSpec('email'), 'contains', '  50%_off@example.org ')).toEqual({ ok: true, filter: { column: 'email', op: 'contains', value: '50%_off@example.org' } });
  });

  it('offers a comparison for every filter field of every grid, and enrollments by state, group, course and instructor', () => {
    for (const fields of Object.values(FILTER_FIELDS)) for (const key of fields) expect(filterOps(fieldSpec(key)).length, key).toBeGreaterThan(0);
    expect(FILTER_FIELDS.enrollments).toEqual(expect.arrayContaining(['state', 'group_id', 'course_id', 'instructor_id']));
  });
});

describe('days and amounts', () => {
  it('reads a day only as YYYY-MM-DD', () => {
    expect(startOfLocalDay('2026-12-01')).toBe(new Date(2026, 11, 1).toISOString());
    expect(startOfLocalDay('2026-13-01')).toBeNull();
    expect(startOfLocalDay('1/12/2026')).toBeNull();
  });

  it('reads an amount with a point or a comma and at most two decimals', () => {
    expect(centsOf('1234.50')).toBe(123450);
    expect(centsOf('0,99')).toBe(99);
    expect(centsOf('7')).toBe(700);
    expect(centsOf('1.234')).toBeNull();
    expect(centsOf('')).toBeNull();
  });
});

describe('the list of filters', () => {
  it('does not add the same filter twice, and removes the one asked', () => {
    const a = { column: 'state', op: 'eq' as const, value: 'active' };
    const b = { column: 'course_id', op: 'eq' as const, value: 'c1' };
    expect(addFilter(addFilter([a], b), { ...a })).toEqual([a, b]);
    expect(removeFilterAt([a, b], 0)).toEqual([b]);
  });
});
