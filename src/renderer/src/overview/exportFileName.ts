// Names for saved charts: account, chart and the day it was counted, so files from different
// accounts and days sort and never overwrite each other: demo-completions-per-week-2025-06-02.png.
import type { ChartId } from './chartModels';

const CHART_SLUGS: Record<ChartId, string> = {
  completionsPerWeek: 'completions-per-week',
  enrollmentsByCourse: 'enrollments-by-course',
  expiriesPerDay: 'expiries-per-day',
  groupSizes: 'group-sizes',
};

/** Letters and digits of any script are kept; everything a file system might refuse becomes '-'. */
function slug(text: string): string {
  return text.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

/** The local date of an ISO moment, YYYY-MM-DD; today when it is unreadable. */
function localDate(iso: string): string {
  const parsed = new Date(iso);
  const date = Number.isNaN(parsed.getTime()) ? new Date() : parsed;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function exportFileName(chart: ChartId, account: string, asOf: string, extension: 'png' | 'csv'): string {
  return `${slug(account) || 'account'}-${CHART_SLUGS[chart]}-${localDate(asOf)}.${extension}`;
}
