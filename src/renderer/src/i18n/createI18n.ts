// The one i18n layer: strings by key from the language's catalog, numbers, dates and durations by
// Intl in the same locale, so a screen never mixes two languages' conventions.
import type { Language } from '../../../shared/bridge';
import { en, type MessageKey } from './en';
import { zhTW } from './zh-TW';

export type { MessageKey } from './en';
export type MessageParams = Record<string, string | number>;

export const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, 'zh-TW': zhTW };

/** Keys that have plural forms: `x` where the catalog holds `x.one` and `x.other`. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never }[MessageKey];

export interface I18n {
  language: Language;
  /** The message for key in this language, with {name} placeholders filled from params. */
  t(key: MessageKey, params?: MessageParams): string;
  /** A counted message: `key.one` or `key.other` by the language's plural rules, with {count} filled. */
  tn(key: PluralKey, count: number, params?: MessageParams): string;
  number(n: number): string;
  /** An ISO date-time as this locale writes a date and time; the input unchanged if unreadable. */
  dateTime(iso: string): string;
  /** A span of time in the largest unit that keeps it readable: 45 s, 3 min, 1.5 h. */
  duration(ms: number): string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The {placeholder} names a message uses, sorted, for comparing catalogs. */
export function placeholdersOf(message: string): string[] {
  return [...new Set([...message.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].sort();
}

export function createI18n(language: Language): I18n {
  const catalog = CATALOGS[language];
  const numberFormat = new Intl.NumberFormat(language);
  const dateTimeFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const plurals = new Intl.PluralRules(language);

  const fill = (message: string, params: MessageParams | undefined): string =>
    message.replace(PLACEHOLDER, (whole, name: string) => {
      const value = params?.[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numberFormat.format(value) : value;
    });

  const unit = (value: number, unitName: 'second' | 'minute' | 'hour', fractionDigits: number): string =>
    new Intl.NumberFormat(language, { style: 'unit', unit: unitName, unitDisplay: 'short', maximumFractionDigits: fractionDigits }).format(value);

  return {
    language,
    t: (key, params) => fill(catalog[key], params),
    tn: (key, count, params) => {
      const form = plurals.select(count) === 'one' ? 'one' : 'other';
      return fill(catalog[`${key}.${form}` as MessageKey], { ...params, count });
    },
    number: (n) => numberFormat.format(n),
    dateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
    },
    duration: (ms) => {
      const seconds = Math.max(0, ms) / 1000;
      if (seconds < 60) return unit(seconds < 10 ? Math.round(seconds * 10) / 10 : Math.round(seconds), 'second', 1);
      if (seconds < 3600) return unit(Math.round(seconds / 60), 'minute', 0);
      return unit(Math.round((seconds / 3600) * 10) / 10, 'hour', 1);
    },
  };
}
