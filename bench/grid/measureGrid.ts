// One run of one grid on one page: loads the harness page in a fresh browser context (1280x800)
// and measures, through the page's `window.bench` (harness/probe.ts) and the DevTools protocol:
// first rows, a sort cycle, a few filter changes, a top-to-bottom scroll, and the JS heap.
import type { Browser, CDPSession, Page } from 'playwright';
import type { ScrollResult } from './harness/probe';

export type GridName = 'ours' | 'agGrid';

/** What the page must show after each step: the email of the list's first row. */
export interface Expectations {
  /** Row count of the unfiltered list; its last row is where the scroll ends. */
  total: number;
  /** After each click on the family-name header: ascending, descending, unsorted again. */
  sortClicks: string[];
  /** Text typed in the filter box, and the first row's email then (the last one clears it). */
  filterSteps: [text: string, email: string][];
}

export interface GridRun {
  firstRowsMs: number;
  sortMs: number[];
  filterMs: number[];
  scroll: ScrollResult;
  heapAfterLoadMb: number;
  heapAfterScrollMb: number;
  queries: number;
}

/** Waits at most `seconds` for something the page must do. */
async function within<T>(seconds: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** JS heap in use after a full garbage collection, in MB. */
async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  if (used === undefined) throw new Error('Chromium reported no JSHeapUsedSize');
  return used / 2 ** 20;
}

/** Arms the page for the next input, does it, and returns the ms until row 0 showed `email`, painted. */
async function latency(page: Page, grid: GridName, email: string, input: () => Promise<void>): Promise<number> {
  await page.evaluate((e) => window.bench?.arm(e), email);
  await input();
  return within(120, `${grid}: row 0 showing ${email}`, page.evaluate(() => window.bench?.armed ?? Promise.reject(new Error('not armed'))));
}

export async function measureGrid(browser: Browser, url: string, grid: GridName, expect: Expectations, scrollSteps: number, queries: () => number): Promise<GridRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const run = await measurePage(page, await context.newCDPSession(page), url, grid, expect, scrollSteps, queries);
    if (errors.length) throw new Error('the page threw');
    return run;
  } catch (error) {
    // What the page threw usually says more than the step that then timed out.
    throw errors.length ? new Error(`${grid}: ${error instanceof Error ? error.message : String(error)}; the page threw: ${errors.join('; ')}`) : error;
  } finally {
    await context.close();
  }
}

/** Loads a grid's page once, unmeasured, so neither grid pays for a cold browser or a cold store cache. */
export async function warmUp(browser: Browser, url: string, grid: GridName): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/${grid}.html`);
    await within(120, `${grid}: first rows (warming up)`, page.evaluate(() => window.bench?.firstRows ?? Promise.reject(new Error('the harness did not start'))));
  } finally {
    await context.close();
  }
}

async function measurePage(page: Page, cdp: CDPSession, url: string, grid: GridName, expect: Expectations, scrollSteps: number, queries: () => number): Promise<GridRun> {
  await cdp.send('Performance.enable');
  const queriesBefore = queries();

  await page.goto(`${url}/${grid}.html`);
  const firstRowsMs = await within(120, `${grid}: first rows`, page.evaluate(() => window.bench?.firstRows ?? Promise.reject(new Error('the harness did not start'))));
  const heapAfterLoadMb = await heapMb(cdp);

  const sortMs: number[] = [];
  for (const email of expect.sortClicks) {
    const point = await page.evaluate(() => window.bench?.sortHeaderPoint() ?? null);
    if (!point) throw new Error(`${grid}: no sort header on screen`);
    sortMs.push(await latency(page, grid, email, () => page.mouse.click(point.x, point.y)));
  }

  const filterMs: number[] = [];
  for (const [text, email] of expect.filterSteps) filterMs.push(await latency(page, grid, email, () => page.fill('#bench-filter', text)));

  const scroll = await within(
    600,
    `${grid}: scrolling to the last row`,
    page.evaluate(([steps, last]) => window.bench?.scroll(steps, last) ?? Promise.reject(new Error('not started')), [scrollSteps, expect.total - 1] as const),
  );
  const heapAfterScrollMb = await heapMb(cdp);
  return { firstRowsMs, sortMs, filterMs, scroll, heapAfterLoadMb, heapAfterScrollMb, queries: queries() - queriesBefore };
}
