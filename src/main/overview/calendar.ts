// The moments the Overview page counts from: now, and the local days, weeks (from Monday 00:00)
// and month around it, in the time zone the person works in. Every boundary is an ISO-8601 UTC
// instant, the form the server writes its dates in, so SQLite compares them as text, exactly as
// the grids' date filters do.

/** Where "now" and "local" come from: injectable, so tests are exact. */
export interface OverviewClock {
  /** Epoch milliseconds. */
  now(): number;
  /** An IANA time zone ("Asia/Taipei"); the system's when absent. */
  timeZone?: string;
}

export const systemClock: OverviewClock = { now: () => Date.now() };

const DAY_MS = 24 * 60 * 60 * 1000;
export const WEEKS_SHOWN = 12;
export const DAYS_SHOWN = 90;

export interface PageBounds {
  /** Epoch ms and ISO of the moment counted from. */
  nowMs: number;
  now: string;
  /** Local date of now, "YYYY-MM-DD": the cached counts are valid for this day only. */
  today: string;
  /** 13 week starts, oldest first: the 12 weeks shown, then the end of the current week. */
  weeks: string[];
  /** The local dates ("YYYY-MM-DD") of the 12 Mondays shown. */
  weekDates: string[];
  monthStart: string;
  monthEnd: string;
  /** 91 local midnights from today: the 90 days shown, then the end of the last one. */
  days: string[];
  /** The local dates ("YYYY-MM-DD") of the 90 days shown. */
  dayDates: string[];
  in7Days: string;
  in30Days: string;
  ago14Days: string;
  ago30Days: string;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The system's time zone, looked up once: making a formatter to ask costs more than a page's counts. */
let systemZone: string | undefined;

export function pageBounds(clock: OverviewClock): PageBounds {
  const nowMs = clock.now();
  const zone = clock.timeZone ?? (systemZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    nowMs,
    now: iso(nowMs),
    ...calendarOf(localDate(nowMs, zone), zone),
    in7Days: iso(nowMs + 7 * DAY_MS),
    in30Days: iso(nowMs + 30 * DAY_MS),
    ago14Days: iso(nowMs - 14 * DAY_MS),
    ago30Days: iso(nowMs - 30 * DAY_MS),
  };
}

type DayCalendar = Pick<PageBounds, 'today' | 'weeks' | 'weekDates' | 'monthStart' | 'monthEnd' | 'days' | 'dayDates'>;

/** The last day's calendar: the same all day, and a hundred time zone conversions to make. */
let lastCalendar: { key: string; calendar: DayCalendar } | undefined;

function calendarOf(today: LocalDate, zone: string): DayCalendar {
  const key = `${zone} ${dateKey(today)}`;
  if (lastCalendar?.key === key) return lastCalendar.calendar;
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay(); // 0 = Sunday
  const monday = addDays(today, -((weekday + 6) % 7));
  const iso = (ms: number) => new Date(ms).toISOString();
  const calendar: DayCalendar = {
    today: dateKey(today),
    weeks: Array.from({ length: WEEKS_SHOWN + 1 }, (_, i) => iso(startOfDay(addDays(monday, 7 * (i - WEEKS_SHOWN + 1)), zone))),
    weekDates: Array.from({ length: WEEKS_SHOWN }, (_, i) => dateKey(addDays(monday, 7 * (i - WEEKS_SHOWN + 1)))),
    monthStart: iso(startOfDay({ ...today, day: 1 }, zone)),
    monthEnd: iso(startOfDay(addMonths({ ...today, day: 1 }, 1), zone)),
    days: Array.from({ length: DAYS_SHOWN + 1 }, (_, i) => iso(startOfDay(addDays(today, i), zone))),
    dayDates: Array.from({ length: DAYS_SHOWN }, (_, i) => dateKey(addDays(today, i))),
  };
  lastCalendar = { key, calendar };
  return calendar;
}

/** The local calendar date of an instant in a time zone. */
function localDate(ms: number, zone: string): LocalDate {
  const parts = partsOf(ms, zone);
  return { year: parts.year, month: parts.month, day: parts.day };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(ms: number, zone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: value('year'), month: value('month'), day: value('day'), hour: value('hour'), minute: value('minute'), second: value('second') };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, zone: string): number {
  const p = partsOf(ms, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The first instant of a local date: its midnight, or, where a clock change skips midnight, the
 * first moment the day has.
 */
function startOfDay(date: LocalDate, zone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  let guess = wall - offsetAt(wall, zone);
  guess = wall - offsetAt(guess, zone);
  // A skipped midnight: the guess falls on the day before (or after 00:00); find the day's first minute.
  if (dateKey(localDate(guess, zone)) !== dateKey(date)) {
    for (let t = guess; t < guess + 3 * 60 * 60 * 1000; t += 60 * 1000) {
      if (dateKey(localDate(t, zone)) === dateKey(date)) return t;
    }
  }
  while (dateKey(localDate(guess - 60 * 1000, zone)) === dateKey(date)) guess -= 60 * 1000;
  return guess;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function addMonths(date: LocalDate, months: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1 + months, date.day));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function dateKey(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
