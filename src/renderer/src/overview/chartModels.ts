// The Overview's four charts as plain data: categories along one axis and, for each category, one
// figure per series (one series, or one per enrollment state when the bars are split). Each figure
// keeps its grid link, so every bar can open exactly the rows it counts.
import type { EnrollmentState, Overview, OverviewFigure } from '../../../shared/bridge';
import { ENROLLMENT_STATES } from '../../../shared/contractLists';

export const CHART_IDS = ['completionsPerWeek', 'enrollmentsByCourse', 'expiriesPerDay', 'groupSizes'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export interface ChartSeries {
  /** `count` for a chart of single bars; otherwise the enrollment state the segments count. */
  key: EnrollmentState | 'count';
  /** One per category, in the categories' order. */
  figures: OverviewFigure[];
}

export interface ChartModel {
  id: ChartId;
  /** Bars stand up from the bottom, or lie along from the left (long names read better that way). */
  orientation: 'vertical' | 'horizontal';
  /** What each bar is, as a person reads it: a date, a course's or a group's name. */
  categories: string[];
  series: ChartSeries[];
}

export interface ChartLabels {
  /** A week's first day or a day, from the back end's ISO date. */
  day(iso: string): string;
}

export function chartModels(overview: Overview, labels: ChartLabels): Record<ChartId, ChartModel> {
  return {
    completionsPerWeek: {
      id: 'completionsPerWeek',
      orientation: 'vertical',
      categories: overview.completionsPerWeek.map((w) => labels.day(w.weekStart)),
      series: [{ key: 'count', figures: overview.completionsPerWeek.map((w) => w.figure) }],
    },
    enrollmentsByCourse: {
      id: 'enrollmentsByCourse',
      orientation: 'horizontal',
      // A course without a name still needs a bar a person can tell apart.
      categories: overview.enrollmentsByCourse.map((c) => c.courseName || c.courseId),
      series: ENROLLMENT_STATES.map((state) => ({ key: state, figures: overview.enrollmentsByCourse.map((c) => c.byState[state]) })),
    },
    expiriesPerDay: {
      id: 'expiriesPerDay',
      orientation: 'vertical',
      categories: overview.expiriesPerDay.map((d) => labels.day(d.day)),
      series: [{ key: 'count', figures: overview.expiriesPerDay.map((d) => d.figure) }],
    },
    groupSizes: {
      id: 'groupSizes',
      orientation: 'horizontal',
      categories: overview.groupSizes.map((g) => g.name || g.groupId),
      series: [{ key: 'count', figures: overview.groupSizes.map((g) => g.figure) }],
    },
  };
}

/** The category's figures added up: a split bar's whole length. */
export function categoryTotal(model: ChartModel, index: number): number {
  return model.series.reduce((sum, s) => sum + (s.figures[index]?.value ?? 0), 0);
}

/** True when the chart has no bar to draw. */
export function isEmptyChart(model: ChartModel): boolean {
  return model.categories.every((_, i) => categoryTotal(model, i) === 0);
}
