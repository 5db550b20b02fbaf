import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/shared/bridge';
import { failureKeys } from '../../src/renderer/src/components/failureKeys';
import { CATALOGS, createI18n, placeholdersOf } from '../../src/renderer/src/i18n/createI18n';
import { en } from '../../src/renderer/src/i18n/en';
import { zhTW } from '../../src/renderer/src/i18n/zh-TW';

describe('the catalogs', () => {
  it('have exactly the same keys in English and Traditional Chinese', () => {
    expect(Object.keys(zhTW).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same {placeholders} in both languages for every message', () => {
    const mismatched = Object.keys(en).filter((key) => {
      const k = key as keyof typeof en;
      return placeholdersOf(en[k]).join() !== placeholdersOf(zhTW[k]).join();
    });
    expect(mismatched).toEqual([]);
  });

  it('have no empty message, and every plural has both forms', () => {
    for (const language of LANGUAGES) {
      const catalog = CATALOGS[language];
      expect(Object.entries(catalog).filter(([, message]) => message.trim() === '')).toEqual([]);
      for (const key of Object.keys(catalog)) {
        if (key.endsWith('.one')) expect(catalog).toHaveProperty([key.replace(/\.one$/, '.other')]);
        if (key.endsWith('.other')) expect(catalog).toHaveProperty([key.replace(/\.other$/, '.one')]);
      }
    }
  });

  it('are really translated: most Chinese messages differ from the English ones', () => {
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === zhTW[k as keyof typeof en]);
    // Only names (the app's, the languages') and codes like "ID" may stay as they are.
    expect(same.sort()).toEqual(['app.name', 'column.id', 'language.en', 'language.zh-TW']);
  });
});

describe('t', () => {
  it('fills placeholders, formatting numbers in the language', () => {
    expect(createI18n('en').t('records.showingFirst', { shown: 100, total: 12345 })).toBe('Showing the first 100 of 12,345.');
    expect(createI18n('zh-TW').t('records.showingFirst', { shown: 100, total: 12345 })).toBe('目前顯示 12,345 筆中的前 100 筆。');
  });

  it('leaves a placeholder it was given no value for visible rather than blank', () => {
    expect(createI18n('en').t('app.version')).toBe('Version {version}');
  });

  it('chooses the plural form by the language’s rules', () => {
    const english = createI18n('en');
    expect(english.tn('records.count', 1)).toBe('1 record');
    expect(english.tn('records.count', 0)).toBe('0 records');
    expect(english.tn('records.count', 2500)).toBe('2,500 records');
    expect(createI18n('zh-TW').tn('records.count', 1)).toBe('共 1 筆');
  });
});

describe('formatting by locale', () => {
  it('writes dates and times the way each language does', () => {
    const iso = '2026-03-04T05:06:00Z';
    const english = createI18n('en').dateTime(iso);
    const chinese = createI18n('zh-TW').dateTime(iso);
    expect(english).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
    expect(english).toMatch(/Mar/);
    expect(chinese).toMatch(/2026年3月4日/);
  });

  it('shows an unreadable date as it came rather than "Invalid Date"', () => {
    expect(createI18n('en').dateTime('not a date')).toBe('not a date');
  });

  it('says durations in a readable unit', () => {
    const english = createI18n('en');
    expect(english.duration(4_200)).toBe('4.2 sec');
    expect(english.duration(42_000)).toBe('42 sec');
    expect(english.duration(180_000)).toBe('3 min');
    expect(english.duration(5_400_000)).toBe('1.5 hr');
    expect(createI18n('zh-TW').duration(42_000)).toBe('42 秒');
  });
});

describe('a failure', () => {
  it("on this computer is not put in the server's mouth, and a full disk says what to do", () => {
    const i18n = createI18n('en');
    const storage = failureKeys('storage');
    expect(storage.guidance && i18n.t(storage.guidance)).toBe("This computer's disk could not take the change. Free some space, then try again.");
    expect(i18n.t(storage.details, { message: 'The disk holding … is full.' })).toBe('Details: The disk holding … is full.');
    expect(i18n.t(failureKeys('internal').details, { message: 'x' })).toBe('Details: x');
    expect(i18n.t(failureKeys('network').details, { message: 'x' })).toBe('The server said: x');
    expect(createI18n('zh-TW').t(storage.details, { message: 'x' })).toBe('詳細資訊：x');
  });
});
