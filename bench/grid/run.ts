// Grid benchmark: our RecordGrid against AG Grid Community, same Vite build, same rows (a real
// mirror store of N students), same bench server, same Chromium, same 1280x800 viewport. Prints,
// for each list size, the median of each figure for both grids, their ratio, and whether the
// issue's goal is met: ours at or below AG Grid at 100k rows, better from 1M, and no long task
// over 100 ms while scrolling. A benchmark, not a test: it exits 0 whether goals are met or not.
//
//   npm run bench:grid                          # 100,000 and 1,000,000 rows, 3 runs each
//   npm run bench:grid -- --rows 2000 --quick   # one small run, to see that it all works
//   npm run bench:grid -- --rows 100000 --repeat 5 --steps 300
import { parseArgs } from 'node:util';
import { runGridBench, type SizeResult } from './gridBench';
import type { GridRun } from './measureGrid';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    repeat: { type: 'string' },
    steps: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const rows = values.rows.split(',').map((n) => Number(n.replace(/_/g, '')));
if (rows.some((n) => !Number.isInteger(n) || n < 100)) throw new Error(`--rows takes whole numbers of at least 100, separated by commas (got ${values.rows})`);
const repeat = Number(values.repeat ?? (values.quick ? 1 : 3));
const scrollSteps = Number(values.steps ?? (values.quick ? 60 : 200));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)] ?? NaN;
const max = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);

/** Each figure from a grid's runs; lower is better for all of them. */
const FIGURES: { label: string; digits: number; of: (runs: GridRun[]) => number }[] = [
  { label: 'first rows painted (ms)', digits: 0, of: (runs) => median(runs.map((r) => r.firstRowsMs)) },
  { label: 'sort: click to painted (ms)', digits: 0, of: (runs) => median(runs.flatMap((r) => r.sortMs)) },
  { label: 'filter: typing to painted (ms)', digits: 0, of: (runs) => median(runs.flatMap((r) => r.filterMs)) },
  { label: 'scroll frame time p95 (ms)', digits: 1, of: (runs) => median(runs.map((r) => p95(r.scroll.frames))) },
  { label: 'scroll frame time max (ms)', digits: 1, of: (runs) => median(runs.map((r) => max(r.scroll.frames))) },
  { label: 'scroll: last rows after last step (ms)', digits: 0, of: (runs) => median(runs.map((r) => r.scroll.lastRowsMs)) },
  { label: 'long tasks while scrolling', digits: 0, of: (runs) => median(runs.map((r) => r.scroll.longTasks.length)) },
  { label: 'longest task while scrolling (ms)', digits: 0, of: (runs) => max(runs.map((r) => max(r.scroll.longTasks))) },
  { label: 'JS heap after load (MB)', digits: 1, of: (runs) => median(runs.map((r) => r.heapAfterLoadMb)) },
  { label: 'JS heap after scrolling (MB)', digits: 1, of: (runs) => median(runs.map((r) => r.heapAfterScrollMb)) },
];

function report(result: SizeResult): void {
  const { ours, agGrid } = result.runs;
  // The issue asks for parity at 100k and a lead from 1M on.
  const strict = result.rows >= 1_000_000;
  const fmt = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const pad = (text: string, width: number) => text.padStart(width);
  console.log(`\n${fmt(result.rows, 0)} students — ${ours.length} run(s) per grid; medians (longest task: the worst run)`);
  console.log(`${'figure'.padEnd(36)}${pad('ours', 10)}${pad('AG Grid', 10)}${pad('ours/AG', 9)}  goal: ours ${strict ? 'below' : 'at or below'} AG Grid`);
  for (const figure of FIGURES) {
    const a = figure.of(ours);
    const b = figure.of(agGrid);
    const met = strict ? a < b : a <= b;
    const ratio = b === 0 ? (a === 0 ? '1.00' : '∞') : (a / b).toFixed(2);
    console.log(`${figure.label.padEnd(36)}${pad(fmt(a, figure.digits), 10)}${pad(fmt(b, figure.digits), 10)}${pad(ratio, 9)}  ${met ? 'goal met' : 'goal missed'}`);
  }
  const longest = max(ours.map((r) => max(r.scroll.longTasks)));
  console.log(`${'no long task over 100 ms (ours)'.padEnd(36)}${pad(fmt(longest, 0), 10)}${''.padStart(19)}  ${longest <= 100 ? 'goal met' : 'goal missed'}`);
  console.log(`${'bench-server queries per run'.padEnd(36)}${pad(fmt(median(ours.map((r) => r.queries)), 0), 10)}${pad(fmt(median(agGrid.map((r) => r.queries)), 0), 10)}  (information)`);
}

const startedAt = performance.now();
console.log(`grid bench: ${rows.map((n) => n.toLocaleString('en-US')).join(' and ')} rows, ${repeat} run(s) per grid, ${scrollSteps} scroll steps`);
const results = await runGridBench({ rows, repeat, scrollSteps });
for (const result of results) report(result);
console.log(`\ngrid bench took ${((performance.now() - startedAt) / 1000).toFixed(0)} s in all`);
