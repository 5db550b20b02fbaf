import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/renderer/src/i18n/createI18n';
import { cellText, localDateTime, parseCellText, parseCents, parseContext, parseDate, sameValue } from '../../../src/renderer/src/grid/cellValue';
import { GRID_COLUMNS } from '../../../src/renderer/src/grid/gridColumns';

const column = (resource: keyof typeof GRID_COLUMNS, key: string) => GRID_COLUMNS[resource].find((c) => c.key === key)!;
const NOW = Date.parse('2026-06-01T12:00:00Z');
const users = [
  { id: 'u1', name: 'Chloe Yang' },
  { id: 'u2', name: 'Sam Smith' },
];
const context = parseContext(createI18n('en'), NOW, (text) => {
  if (text.toLowerCase() === 'sam') return 'ambiguous';
  return users.find((u) => u.name.toLowerCase() === text.toLowerCase() || u.id === text);
});

describe('typed and pasted dates', () => {
  it('read YYYY-MM-DD, with a time, in local time unless a zone is named', () => {
    expect(parseDate('2027-03-31')).toBe(new Date(2027, 2, 31).toISOString());
    expect(parseDate('2027/3/5 17:30')).toBe(new Date(2027, 2, 5, 17, 30).toISOString());
    expect(parseDate('2027-03-31T17:30:15Z')).toBe('2027-03-31T17:30:15.000Z');
    expect(parseDate('2027-03-31 08:00+08:00')).toBe('2027-03-31T00:00:00.000Z');
  });

  it('refuse what is no date, or no such day', () => {
    expect(parseDate('31/03/2027')).toBeNull();
    expect(parseDate('2027-02-30')).toBeNull();
    expect(parseDate('2027-13-01')).toBeNull();
    expect(parseDate('2027-03-31 25:00')).toBeNull();
    expect(parseDate('soon')).toBeNull();
  });

  it('read back what the grid copies', () => {
    const iso = new Date(2027, 0, 9, 7, 5).toISOString();
    expect(localDateTime(iso)).toBe('2027-01-09 07:05');
    expect(parseDate(localDateTime(iso))).toBe(iso);
  });
});

describe('a typed value for a column', () => {
  it('must lie in the future for an enrollment’s expiry, and may be emptied', () => {
    const expires = column('enrollments', 'expires_at');
    expect(parseCellText(expires, '2027-03-31', context)).toEqual({ ok: true, value: new Date(2027, 2, 31).toISOString() });
    expect(parseCellText(expires, '2020-01-01', context)).toEqual({ ok: false, message: 'gridEditing.invalid.future' });
    expect(parseCellText(expires, 'next week', context)).toEqual({ ok: false, message: 'gridEditing.invalid.date' });
    expect(parseCellText(expires, '  ', context)).toEqual({ ok: true, value: null });
  });

  it('reads amounts as whole cents, with separators and a currency sign, but not a negative or a third decimal', () => {
    expect(parseCents('1,234.50')).toBe(123450);
    expect(parseCents('$ 12')).toBe(1200);
    expect(parseCents('1.234,50')).toBeNull();
    const price = column('courses', 'price_cents');
    expect(parseCellText(price, '19.99', context)).toEqual({ ok: true, value: 1999 });
    expect(parseCellText(price, '-5', context)).toEqual({ ok: false, message: 'gridEditing.invalid.money' });
  });

  it('reads yes and no in English and in the UI language', () => {
    const flag = column('courses', 'purchasable');
    expect(parseCellText(flag, 'Yes', context)).toEqual({ ok: true, value: true });
    expect(parseCellText(flag, 'false', context)).toEqual({ ok: true, value: false });
    const chinese = parseContext(createI18n('zh-TW'), NOW);
    expect(parseCellText(flag, '否', chinese)).toEqual({ ok: true, value: false });
    expect(parseCellText(flag, 'maybe', context)).toEqual({ ok: false, message: 'gridEditing.invalid.flag' });
  });

  it('takes a choice in any case, written as the API spells it, and lists the choices otherwise', () => {
    const locale = column('students', 'locale');
    expect(parseCellText(locale, 'en-gb', context)).toEqual({ ok: true, value: 'en-GB' });
    expect(parseCellText(locale, 'fr-FR', context)).toEqual({ ok: false, message: 'gridEditing.invalid.choice', params: { choices: 'en-US, en-GB, es-ES, es-MX' } });
    const role = column('users', 'role');
    expect(parseCellText(role, 'Manager', context)).toEqual({ ok: true, value: 'manager' });
  });

  it('sets an enrollment’s instructor id from a user’s name, and shows the name', () => {
    const instructor = column('enrollments', 'instructor_name');
    expect(parseCellText(instructor, 'chloe yang', context)).toEqual({ ok: true, value: 'u1', shown: { instructor_name: 'Chloe Yang' } });
    expect(parseCellText(instructor, 'Sam', context)).toEqual({ ok: false, message: 'gridEditing.invalid.userAmbiguous', params: { text: 'Sam' } });
    expect(parseCellText(instructor, 'Nobody', context)).toEqual({ ok: false, message: 'gridEditing.invalid.user', params: { text: 'Nobody' } });
  });

  it('checks the form of an email, trims text, and refuses read-only columns', () => {
    expect(parseCellText(column('students', 'email'), ' ann@example.com ', context)).toEqual({ ok: true, value: 'ann@example.com' });
    expect(parseCellText(column('students', 'email'), 'ann@', context)).toEqual({ ok: false, message: 'gridEditing.invalid.email' });
    expect(parseCellText(column('students', 'family_name'), '  Lee ', context)).toEqual({ ok: true, value: 'Lee' });
    expect(parseCellText(column('enrollments', 'student_name'), 'Ann', context)).toEqual({ ok: false, message: 'gridEditing.readOnly' });
  });
});

describe('a cell as text to edit or copy', () => {
  const i18n = createI18n('en');

  it('is plain enough for a spreadsheet, and reads back as the same value', () => {
    const price = column('courses', 'price_cents');
    expect(cellText(price, { price_cents: 123450, price_currency: 'USD' }, i18n)).toBe('1234.50');
    expect(parseCellText(price, '1234.50', context)).toEqual({ ok: true, value: 123450 });
    const flag = column('courses', 'purchasable');
    expect(cellText(flag, { purchasable: 1 }, i18n)).toBe('Yes');
    expect(cellText(column('enrollments', 'group_names'), { group_names: ['A', 'B'] }, i18n)).toBe('A, B');
    expect(cellText(column('students', 'external_id'), { external_id: null }, i18n)).toBe('');
  });

  it('counts the same moment or flag written two ways as unchanged', () => {
    expect(sameValue({ expires_at: '2027-03-31T00:00:00Z' }, 'expires_at', '2027-03-31T00:00:00.000Z')).toBe(true);
    expect(sameValue({ purchasable: 1 }, 'purchasable', true)).toBe(true);
    expect(sameValue({ external_id: null }, 'external_id', null)).toBe(true);
    expect(sameValue({ external_id: 'A' }, 'external_id', 'B')).toBe(false);
  });
});
