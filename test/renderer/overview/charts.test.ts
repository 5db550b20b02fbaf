// The charts' data as the page draws, hit-tests and exports it: from the back end's Overview to
// series, to the bar under the pointer, to CSV rows and file names.
import { describe, expect, it } from 'vitest';
import { chartModels, isEmptyChart } from '../../../src/renderer/src/overview/chartModels';
import { chartCsv } from '../../../src/renderer/src/overview/chartCsv';
import { csvCell } from '../../../src/shared/csvCell';
import { chartRows } from '../../../src/renderer/src/overview/chartRows';
import { dayLabel } from '../../../src/renderer/src/overview/dayLabel';
import { exportFileName } from '../../../src/renderer/src/overview/exportFileName';
import { pickBar } from '../../../src/renderer/src/overview/pickBar';
import { stackSeries } from '../../../src/renderer/src/overview/stackSeries';
import { overviewFixture } from './overviewFixture';

const models = () => chartModels(overviewFixture(), { day: (iso) => `day ${iso}` });

describe('chart models', () => {
  it('keep every category in the back end’s order, with its label and its figures’ links', () => {
    const { completionsPerWeek, enrollmentsByCourse, expiriesPerDay, groupSizes } = models();
    expect(completionsPerWeek.categories).toEqual(['day 2025-05-26', 'day 2025-06-02']);
    expect(completionsPerWeek.series.map((s) => s.key)).toEqual(['count']);
    expect(completionsPerWeek.series[0]!.figures[1]!.link.filters).toEqual([{ column: 'completed_at', op: 'gte', value: '2025-06-02' }]);
    expect(expiriesPerDay.series[0]!.figures.map((f) => f.value)).toEqual([0, 5, 0]);
    expect(groupSizes.categories).toEqual(['Night shift, "B"']);
    expect(groupSizes.orientation).toBe('horizontal');
    // A course without a name is still told apart, by its id.
    expect(enrollmentsByCourse.categories).toEqual(['First aid', '=HYPERLINK("x")', 'c3']);
    expect(enrollmentsByCourse.series.map((s) => s.key)).toEqual(['active', 'completed', 'expired', 'cancelled']);
  });

  it('know an all-zero chart from one with bars', () => {
    const { expiriesPerDay } = models();
    expect(isEmptyChart(expiriesPerDay)).toBe(false);
    expect(isEmptyChart({ ...expiriesPerDay, series: [{ key: 'count', figures: expiriesPerDay.series[0]!.figures.map((f) => ({ ...f, value: 0 })) }] })).toBe(true);
    expect(isEmptyChart({ ...expiriesPerDay, categories: [], series: [{ key: 'count', figures: [] }] })).toBe(true);
  });

  it('stack split bars as running totals, the last being each bar’s whole length', () => {
    expect(stackSeries(models().enrollmentsByCourse)).toEqual([
      [4, 0, 0],
      [7, 2, 0],
      [7, 2, 1],
      [10, 2, 1],
    ]);
    expect(stackSeries(models().expiriesPerDay)).toEqual([[0, 5, 0]]);
  });
});

describe('the bar under the pointer', () => {
  it('is the segment of a split bar whose span holds the count at the pointer', () => {
    const model = models().enrollmentsByCourse;
    expect(pickBar(model, 0, 0)?.series).toBe('active');
    expect(pickBar(model, 0, 3.9)?.series).toBe('active');
    expect(pickBar(model, 0, 4)?.series).toBe('completed');
    // Expired has nothing on this course, so the count past completed is cancelled.
    expect(pickBar(model, 0, 7.5)?.series).toBe('cancelled');
    const picked = pickBar(model, 0, 7.5);
    expect(picked?.figure.link.filters).toContainEqual({ column: 'state', op: 'eq', value: 'cancelled' });
    expect(picked?.category).toBe('First aid');
    // Above the bar's end, nothing.
    expect(pickBar(model, 0, 10)).toBeNull();
    expect(pickBar(model, 2, 0.5)?.series).toBe('expired');
  });

  it('is a single bar wherever the pointer is in its column, and nothing where the count is zero', () => {
    const model = models().expiriesPerDay;
    expect(pickBar(model, 1, 400)?.figure.value).toBe(5);
    expect(pickBar(model, 1, -3)?.figure.value).toBe(5);
    expect(pickBar(model, 0, 0)).toBeNull();
  });

  it('is nothing off the chart', () => {
    const model = models().expiriesPerDay;
    expect(pickBar(model, null, 1)).toBeNull();
    expect(pickBar(model, undefined, 1)).toBeNull();
    expect(pickBar(model, 3, 1)).toBeNull();
    expect(pickBar(model, -1, 1)).toBeNull();
  });
});

describe('a chart’s rows', () => {
  it('give one row per bar, with a total only for split bars', () => {
    const rows = chartRows(models().enrollmentsByCourse);
    expect(rows.map((r) => [r.category, ...r.figures.map((f) => f.value), r.total])).toEqual([
      ['First aid', 4, 3, 0, 3, 10],
      ['=HYPERLINK("x")', 0, 2, 0, 0, 2],
      ['c3', 0, 0, 1, 0, 1],
    ]);
    expect(chartRows(models().groupSizes)).toEqual([{ category: 'Night shift, "B"', figures: [models().groupSizes.series[0]!.figures[0]], total: null }]);
  });

  it('export as CSV with the header, quoted where needed, and formulas made harmless', () => {
    const csv = chartCsv(models().enrollmentsByCourse, ['Course', 'Active', 'Completed', 'Expired', 'Cancelled', 'Total']);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Course,Active,Completed,Expired,Cancelled,Total',
      'First aid,4,3,0,3,10',
      `"'=HYPERLINK(""x"")",0,2,0,0,2`,
      'c3,0,0,1,0,1',
      '',
    ]);
    expect(chartCsv(models().groupSizes, ['Group', 'Enrollments']).slice(1)).toBe('Group,Enrollments\r\n"Night shift, ""B""",7\r\n');
  });

  it('neutralise every cell a spreadsheet would run, and nothing else, as every export does', () => {
    for (const risky of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1']) expect(csvCell(risky)).toBe(`'${risky}`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    for (const plain of ['First aid', '1', 'a=b', '']) expect(csvCell(plain)).toBe(plain);
    // Figures are numbers, never text a spreadsheet would run.
    expect(csvCell(-1)).toBe('-1');
  });
});

describe('saved files', () => {
  it('are named by account, chart and the local day of counting', () => {
    const asOf = new Date(2025, 5, 2, 23, 30).toISOString();
    expect(exportFileName('completionsPerWeek', 'demo', asOf, 'png')).toBe('demo-completions-per-week-2025-06-02.png');
    expect(exportFileName('enrollmentsByCourse', 'Acme Training / HQ', asOf, 'csv')).toBe('Acme-Training-HQ-enrollments-by-course-2025-06-02.csv');
    expect(exportFileName('groupSizes', '台北 分部', asOf, 'png')).toBe('台北-分部-group-sizes-2025-06-02.png');
    expect(exportFileName('expiriesPerDay', '../..', asOf, 'png')).toBe('account-expiries-per-day-2025-06-02.png');
  });
});

describe('day labels', () => {
  it('read plain dates as local days in the page’s language, and leave the unreadable as they are', () => {
    expect(dayLabel('en')('2025-06-02')).toBe(new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' }).format(new Date(2025, 5, 2)));
    expect(dayLabel('zh-TW')('2025-06-02')).toBe('6月2日');
    expect(dayLabel('en')(new Date(2025, 0, 6).toISOString())).toBe(new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' }).format(new Date(2025, 0, 6)));
    expect(dayLabel('en')('soon')).toBe('soon');
  });
});
