// What a chart's columns are called, in its table, its CSV and its legend.
import type { MessageKey } from '../i18n/createI18n';
import type { ChartId, ChartModel, ChartSeries } from './chartModels';

const CATEGORY_HEADER: Record<ChartId, MessageKey> = {
  completionsPerWeek: 'overview.column.week',
  enrollmentsByCourse: 'overview.column.course',
  expiriesPerDay: 'overview.column.day',
  groupSizes: 'overview.column.group',
};

const COUNT_HEADER: Record<ChartId, MessageKey> = {
  completionsPerWeek: 'overview.column.completions',
  enrollmentsByCourse: 'overview.column.enrollments',
  expiriesPerDay: 'overview.column.expiries',
  groupSizes: 'overview.column.enrollments',
};

export function seriesHeader(chart: ChartId, key: ChartSeries['key']): MessageKey {
  return key === 'count' ? COUNT_HEADER[chart] : `overview.state.${key}`;
}

/** The table's and the CSV's header row. */
export function chartHeader(model: ChartModel, t: (key: MessageKey) => string): string[] {
  return [
    t(CATEGORY_HEADER[model.id]),
    ...model.series.map((s) => t(seriesHeader(model.id, s.key))),
    ...(model.series.length > 1 ? [t('overview.column.total')] : []),
  ];
}
