// The measuring side of a harness page, the same for both grids: it is told how to read a grid
// (a GridProbe, from the grid's adapter) and puts `window.bench` in place for the driver (run.ts).
// "Painted" means: the DOM shows the awaited text, and the frame after that change has been
// drawn (a task queued from that frame's requestAnimationFrame runs after its paint).

/** How to read one grid's DOM. Each adapter supplies its own; nothing else here knows a grid. */
export interface GridProbe {
  /** The email cell's text in row `index` (from 0) of the list, or null while that row is not on screen. */
  emailAt(index: number): string | null;
  /** The element whose scrollTop scrolls the rows. */
  scroller(): HTMLElement | null;
  /** The column header that sorts by family name when clicked. */
  sortHeader(): HTMLElement | null;
}

export interface ScrollResult {
  /** Time between consecutive animation frames (ms) while the steps are taken: one per step. */
  frames: number[];
  /** Durations (ms) of the long tasks (over 50 ms) from the first step until the last rows were painted. */
  longTasks: number[];
  /** ms from the last step until the last rows were painted: what a person dragging the scrollbar to the end waits. */
  lastRowsMs: number;
}

/** What the driver calls through page.evaluate. */
export interface BenchPage {
  /** ms from navigation start until the first row's data was painted. */
  firstRows: Promise<number>;
  /**
   * Starts watching for the next pointerdown or input event; `armed` then resolves with the ms
   * from that event until row 0 shows `email`, painted.
   */
  arm(email: string): void;
  armed: Promise<number> | null;
  /** The centre of the sort header, in viewport pixels, for a real mouse click. */
  sortHeaderPoint(): { x: number; y: number } | null;
  /** Scrolls top to bottom in `steps` equal steps, one per frame, then waits until row `lastIndex` is painted. */
  scroll(steps: number, lastIndex: number): Promise<ScrollResult>;
}

declare global {
  interface Window {
    bench?: BenchPage;
  }
}

const afterPaint = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));

/** Resolves, at the paint after it became true, once `condition` holds; checked after every DOM change. */
function whenPainted(condition: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return false;
      observer.disconnect();
      void afterPaint().then(resolve);
      return true;
    };
    const observer = new MutationObserver(check);
    if (!check()) observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

export function installProbe(probe: GridProbe): void {
  const bench: BenchPage = {
    firstRows: whenPainted(() => !!probe.emailAt(0)),
    armed: null,
    arm(email) {
      if (probe.emailAt(0) === email) throw new Error(`row 0 already shows ${email}: nothing to wait for`);
      const input = new Promise<number>((resolve) => {
        const onEvent = (event: Event) => {
          removeEventListener('pointerdown', onEvent, true);
          removeEventListener('input', onEvent, true);
          resolve(event.timeStamp);
        };
        addEventListener('pointerdown', onEvent, true);
        addEventListener('input', onEvent, true);
      });
      bench.armed = Promise.all([input, whenPainted(() => probe.emailAt(0) === email)]).then(([start, painted]) => painted - start);
    },
    sortHeaderPoint() {
      const rect = probe.sortHeader()?.getBoundingClientRect();
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    },
    async scroll(steps, lastIndex) {
      const scroller = probe.scroller();
      if (!scroller) throw new Error('the grid has no scroller on screen');
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
      observer.observe({ type: 'longtask' });
      const frames: number[] = [];
      let bottomPainted = false;
      let lastRowsMs = 0;
      const bottom = new Promise<void>((resolve) => {
        let step = 0;
        let last = 0;
        let waiting: Promise<void> | null = null;
        let lastStepAt = 0;
        const frame = (now: number) => {
          // Only the frames of the steps: the wait for the last rows would add idle frames.
          if (last && step <= steps + 1) frames.push(now - last);
          last = now;
          if (step <= steps) {
            scroller.scrollTop = Math.round(((scroller.scrollHeight - scroller.clientHeight) * step) / steps);
            lastStepAt = now;
            step++;
          } else {
            step = steps + 2;
            // The last rows are read after the last step: their long tasks count too.
            if (!waiting) {
              waiting = whenPainted(() => !!probe.emailAt(lastIndex)).then((paintedAt) => {
                lastRowsMs = paintedAt - lastStepAt;
                bottomPainted = true;
              });
            }
            if (bottomPainted) return resolve();
          }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      await bottom;
      longTasks.push(...observer.takeRecords().map((e) => e.duration));
      observer.disconnect();
      return { frames, longTasks, lastRowsMs };
    },
  };
  window.bench = bench;
}
