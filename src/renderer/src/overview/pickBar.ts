// Which bar is under the pointer, from the category it is over and the count at its height:
// a single bar takes its whole column (thin bars are hard to hit), a split bar the segment whose
// span holds the count. A bar of nothing is nothing to open.
import type { OverviewFigure } from '../../../shared/bridge';
import type { ChartModel, ChartSeries } from './chartModels';

export interface PickedBar {
  index: number;
  category: string;
  series: ChartSeries['key'];
  figure: OverviewFigure;
}

export function pickBar(model: ChartModel, index: number | null | undefined, count: number): PickedBar | null {
  if (index === null || index === undefined || !Number.isInteger(index)) return null;
  const category = model.categories[index];
  if (category === undefined) return null;
  if (model.series.length === 1) {
    const only = model.series[0];
    const figure = only?.figures[index];
    return only && figure && figure.value > 0 ? { index, category, series: only.key, figure } : null;
  }
  let start = 0;
  for (const series of model.series) {
    const figure = series.figures[index];
    if (!figure || figure.value <= 0) continue;
    if (count >= start && count < start + figure.value) return { index, category, series: series.key, figure };
    start += figure.value;
  }
  return null;
}
