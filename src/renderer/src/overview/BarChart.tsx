// One bar chart of the Overview, drawn by uPlot on a canvas; a click on a bar opens its rows.
//
// Why uPlot: measured on this machine (2 cores, Debian's Chromium, --disable-gpu) with the same
// four charts the page shows (15 courses × 4 stacked states, 12 weeks, 90 days, 30 groups), each
// library built by our Vite 8 with its own minifier, tree-shaken to bar charts only:
//
//   library           added to the bundle (min / gzip)   first render, 4 charts   re-render, median of 40
//   uPlot 1.6.32       53 KB / 22.9 KB                    63 ms                    10.7 ms
//   Chart.js 4.6.1    150 KB / 51.7 KB                   186 ms                    25.5 ms
//   ECharts 6.1.0     488 KB / 163.0 KB                  267 ms                    31.9 ms
//
// uPlot is the smallest by 2–7 times and the fastest by 2–3 times; it is maintained and has its
// own types. What it lacks is done here in a few lines each: stacking (running totals drawn
// longest first, stackSeries.ts), hit-testing a segment (pickBar.ts), patterns (statePattern.ts).
// It draws axes on the canvas, so the canvas alone is the picture a PNG export needs.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartModel, ChartSeries } from './chartModels';
import { chartPng } from './chartPng';
import type { ChartTheme } from './chartTheme';
import { pickBar, type PickedBar } from './pickBar';
import { stackSeries } from './stackSeries';
import { statePattern } from './statePattern';

export interface BarChartHandle {
  /** The chart as a PNG picture, under this title. */
  toPng(title: string): Promise<Blob>;
}

interface Props {
  model: ChartModel;
  theme: ChartTheme;
  /** What the chart shows, for screen readers; its numbers are in the table that goes with it. */
  label: string;
  seriesLabel(key: ChartSeries['key']): string;
  formatNumber(n: number): string;
  /** The tooltip's text for a bar. */
  describe(bar: PickedBar): string;
  onOpen(bar: PickedBar): void;
  ref?: Ref<BarChartHandle>;
}

const VERTICAL_HEIGHT = 260;
const ROW_HEIGHT = 26;
const LONGEST_LABEL = 28;
/** Category steps between labels: every bar, or every 2nd, 3rd, week, fortnight, 4 weeks. */
const CATEGORY_STEPS = [1, 2, 3, 7, 14, 28];
/** Whole counts only on the value axis. */
const COUNT_STEPS = [1, 2, 5].flatMap((m) => [1, 10, 100, 1000, 10_000, 100_000, 1_000_000].map((p) => m * p)).sort((a, b) => a - b);

const shorten = (text: string) => (text.length > LONGEST_LABEL ? `${text.slice(0, LONGEST_LABEL - 1)}…` : text);

function chartHeight(model: ChartModel): number {
  return model.orientation === 'vertical' ? VERTICAL_HEIGHT : Math.max(120, model.categories.length * ROW_HEIGHT + 40);
}

function fillFor(key: ChartSeries['key'], theme: ChartTheme, ctx: CanvasRenderingContext2D): CanvasPattern | string {
  return key === 'count' ? theme.bar : statePattern(ctx, key, theme.states[key], theme.surface, uPlot.pxRatio);
}

/** The width of the longest (shortened) category name, in CSS pixels. */
function widestLabel(categories: string[], font: string): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 100;
  ctx.font = font;
  return Math.ceil(Math.max(0, ...categories.map((c) => ctx.measureText(shorten(c)).width)));
}

function chartOptions(model: ChartModel, theme: ChartTheme, width: number, formatNumber: (n: number) => string): uPlot.Options {
  const horizontal = model.orientation === 'horizontal';
  const scratch = document.createElement('canvas').getContext('2d');
  const bars = uPlot.paths.bars?.({ size: [0.72, 56, 2] });
  // Drawn longest first, so each shorter running total paints over the one before it.
  const drawOrder = [...model.series].reverse();
  const widest = widestLabel(model.categories, theme.font);
  return {
    width,
    height: chartHeight(model),
    legend: { show: false },
    cursor: { x: false, y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      // Lying bars list the first category at the top, and grow to the right like standing ones grow up.
      x: { time: false, ori: horizontal ? 1 : 0, dir: horizontal ? -1 : 1, range: () => [-0.5, model.categories.length - 0.5] },
      y: { ori: horizontal ? 0 : 1, dir: 1, range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
    },
    axes: [
      {
        side: horizontal ? 3 : 2,
        stroke: theme.muted,
        font: theme.font,
        grid: { show: false },
        ticks: { show: false },
        // Beside lying bars, room for the longest name; under standing ones, labels never overlap.
        size: horizontal ? Math.min(240, Math.max(60, widest + 14)) : 32,
        gap: 4,
        space: horizontal ? ROW_HEIGHT - 8 : widest + 12,
        incrs: CATEGORY_STEPS,
        values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? shorten(model.categories[v] ?? '') : '')),
      },
      {
        side: horizontal ? 2 : 3,
        stroke: theme.muted,
        font: theme.font,
        grid: { stroke: theme.grid, width: 1 },
        ticks: { stroke: theme.grid, width: 1, size: 4 },
        space: horizontal ? 60 : 32,
        incrs: COUNT_STEPS,
        values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? formatNumber(v) : '')),
      },
    ],
    series: [
      {},
      ...drawOrder.map((series) => {
        const fill = scratch ? fillFor(series.key, theme, scratch) : theme.bar;
        return { fill, stroke: fill, width: 0, paths: bars, points: { show: false } };
      }),
    ],
  };
}

export function BarChart({ model, theme, label, seriesLabel, formatNumber, describe, onOpen, ref }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The newest callbacks, read at the moment of a hover or click, so new ones never rebuild the chart.
  const latest = useRef({ describe, onOpen, seriesLabel });
  useEffect(() => {
    latest.current = { describe, onOpen, seriesLabel };
  });

  useEffect(() => {
    const container = box.current;
    if (!container) return;
    const horizontal = model.orientation === 'horizontal';
    const running = stackSeries(model).reverse();
    const data: uPlot.AlignedData = [model.categories.map((_, i) => i), ...running];
    const tip = document.createElement('div');
    tip.className = 'bar-chart__tip';
    tip.hidden = true;
    let hovered: PickedBar | null = null;

    // After uPlot has placed its cursor (it also moves it off the chart when the pointer leaves).
    const onCursor = (u: uPlot) => {
      const { idx, left = -1, top = -1 } = u.cursor;
      hovered = left < 0 || top < 0 ? null : pickBar(model, idx, u.posToVal(horizontal ? left : top, 'y'));
      u.over.style.cursor = hovered ? 'pointer' : '';
      tip.hidden = !hovered;
      if (!hovered) return;
      tip.textContent = latest.current.describe(hovered);
      // Beside the pointer, flipped to its left past the middle so it stays inside the chart.
      const flip = left > u.over.clientWidth / 2;
      tip.style.transform = `translate(${flip ? `calc(${left - 12}px - 100%)` : `${left + 12}px`}, ${Math.max(0, top - 28)}px)`;
    };
    const options = { ...chartOptions(model, theme, Math.max(200, container.clientWidth), formatNumber), hooks: { setCursor: [onCursor] } };
    const chart = new uPlot(options, data, container);
    plot.current = chart;
    chart.over.append(tip);
    chart.over.addEventListener('click', () => {
      if (hovered) latest.current.onOpen(hovered);
    });

    const resize = new ResizeObserver(() => {
      const width = Math.max(200, container.clientWidth);
      if (width !== chart.width) chart.setSize({ width, height: chartHeight(model) });
    });
    resize.observe(container);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [model, theme, formatNumber]);

  useImperativeHandle(
    ref,
    () => ({
      toPng: (title) => {
        const chart = plot.current;
        if (!chart) return Promise.reject(new Error('The chart is not drawn yet.'));
        const legend =
          model.series.length > 1
            ? model.series.map((s) => ({ label: latest.current.seriesLabel(s.key), fill: (ctx: CanvasRenderingContext2D) => fillFor(s.key, theme, ctx) }))
            : [];
        return chartPng(chart.ctx.canvas, title, legend, theme, uPlot.pxRatio);
      },
    }),
    [model, theme],
  );

  return <div className="bar-chart" ref={box} role="img" aria-label={label} />;
}
