// The grid bench as a function: builds the harness once (Vite), then for each list size opens the
// cached store, serves it, loads each grid's page once unmeasured, then runs both grids in turn in
// Debian's Chromium, `repeat` times each (alternating which goes first, so neither always meets a
// warmer machine). Returns the figures.
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright';
import { queryWindow, type GridQuery } from '../../src/main/store/gridQuery';
import type { MirrorStore } from '../../src/main/store/MirrorStore';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/e2e/support/chromium';
import { startBenchServer } from './benchServer';
import { measureGrid, warmUp, type Expectations, type GridName, type GridRun } from './measureGrid';
import { CACHE_DIR, openStudentStore } from './studentStore';

export interface GridBenchOptions {
  rows: number[];
  repeat: number;
  scrollSteps: number;
}

export interface SizeResult {
  rows: number;
  runs: Record<GridName, GridRun[]>;
}

const GRIDS: GridName[] = ['ours', 'agGrid'];
/** Candidates to type in the filter box; three are taken, each changing the first row, then it is cleared. */
const FILTER_TEXTS = ['Nguyen', 'son', 'ill', 'ar', 'Wal', 'an', 'e'];

function expectationsFor(store: MirrorStore, total: number): Expectations {
  const firstEmail = (q: Omit<GridQuery, 'offset' | 'limit'>): string | undefined => {
    const email = queryWindow(store.db, 'students', { ...q, offset: 0, limit: 1 }).rows[0]?.['email'];
    return typeof email === 'string' ? email : undefined;
  };
  const column = 'family_name';
  const unsorted = firstEmail({});
  const ascending = firstEmail({ sort: [{ column }] });
  const descending = firstEmail({ sort: [{ column, desc: true }] });
  if (!unsorted || !ascending || !descending || ascending === unsorted || descending === ascending) throw new Error('the store is too small or too uniform to time a sort');
  // A step is timed until row 0 changes, so each must change it.
  const filterSteps: [string, string][] = [];
  let shown = unsorted;
  for (const text of FILTER_TEXTS) {
    const email = firstEmail({ filters: [{ column, op: 'contains', value: text }] });
    if (filterSteps.length === 3 || !email || email === shown) continue;
    if (filterSteps.length === 2 && email === unsorted) continue;
    filterSteps.push([text, email]);
    shown = email;
  }
  if (filterSteps.length < 3) throw new Error(`too few of the filter texts ${FILTER_TEXTS.join(', ')} change the first row`);
  filterSteps.push(['', unsorted]);
  return { total, sortClicks: [ascending, descending, unsorted], filterSteps };
}

export async function runGridBench(options: GridBenchOptions): Promise<SizeResult[]> {
  const harnessDir = join(CACHE_DIR, 'harness');
  let startedAt = performance.now();
  await build({ configFile: join(import.meta.dirname, 'vite.config.ts'), build: { outDir: harnessDir } });
  console.log(`harness built by Vite in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const results: SizeResult[] = [];
  try {
    for (const rows of options.rows) {
      const { store, builtInSeconds } = await openStudentStore(rows);
      if (builtInSeconds !== null) console.log(`store of ${rows.toLocaleString('en-US')} students built in ${builtInSeconds.toFixed(1)} s`);
      const server = await startBenchServer(store, harnessDir);
      try {
        const expect = expectationsFor(store, store.count('students'));
        const result: SizeResult = { rows, runs: { ours: [], agGrid: [] } };
        for (const grid of GRIDS) await warmUp(browser, server.url, grid);
        for (let run = 0; run < options.repeat; run++) {
          for (const grid of run % 2 === 0 ? GRIDS : [...GRIDS].reverse()) {
            startedAt = performance.now();
            result.runs[grid].push(await measureGrid(browser, server.url, grid, expect, options.scrollSteps, () => server.queries));
            console.log(`  ${rows.toLocaleString('en-US')} rows, ${grid}, run ${run + 1}/${options.repeat}: ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
          }
        }
        if (server.refused.length) console.log(`  warning: the pages also called ${[...new Set(server.refused)].join(', ')}, which the bench does not answer`);
        results.push(result);
      } finally {
        await server.close();
        store.close();
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}
