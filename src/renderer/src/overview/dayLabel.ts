// A day as the chart axes and tables show it: short, in the page's language (2 Jun, 6月2日).
// The back end sends plain dates (YYYY-MM-DD) for local days; those are read as local dates, not
// as UTC midnight, which west of Greenwich would show the day before.
import type { Language } from '../../../shared/bridge';

export function dayLabel(language: Language): (iso: string) => string {
  const format = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' });
  return (iso) => {
    const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    const date = plain ? new Date(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3])) : new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}
