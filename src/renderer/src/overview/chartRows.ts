// A chart's numbers as rows, one per bar or split bar: what its text alternative table lists and
// what its CSV holds, in the same order as the chart.
import type { OverviewFigure } from '../../../shared/bridge';
import { categoryTotal, type ChartModel } from './chartModels';

export interface ChartRow {
  category: string;
  /** One per series, in the model's order. */
  figures: OverviewFigure[];
  /** The split bar's whole length; null for single bars, where it would repeat the one figure. */
  total: number | null;
}

export function chartRows(model: ChartModel): ChartRow[] {
  const split = model.series.length > 1;
  return model.categories.map((category, i) => ({
    category,
    // The back end sends one figure per category in every series; were one missing, it counts
    // nothing, and a count of nothing is never shown as a link.
    figures: model.series.map((s) => s.figures[i] ?? { value: 0, link: { resource: 'enrollments', filters: [] } }),
    total: split ? categoryTotal(model, i) : null,
  }));
}
