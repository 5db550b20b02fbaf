// What the chart library draws for split bars: it has no stacking of its own, so each series is
// drawn as the running total up to it, longest first, and each shorter one paints over the last.
import type { ChartModel } from './chartModels';

/** For each series in the model's order, the running totals per category (the last is the whole bar). */
export function stackSeries(model: ChartModel): number[][] {
  const totals = model.categories.map(() => 0);
  return model.series.map((series) =>
    model.categories.map((_, i) => {
      totals[i] = (totals[i] ?? 0) + (series.figures[i]?.value ?? 0);
      return totals[i] ?? 0;
    }),
  );
}
