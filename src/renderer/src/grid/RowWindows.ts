// The rows of one grid query, held a few windows at a time: the windows around the rows on screen
// are fetched as they come into view and the far ones forgotten, so the renderer never holds the
// whole table. A refresh (after the back end says the resource changed) reads the visible windows
// again; answers that arrive after a newer refresh began are ignored, as they may be stale.
import type { BridgeFailure, GridWindow } from '../../../shared/bridge';
import { coalesced } from '../state/coalesced';
import { toFailure } from '../state/toFailure';
import { KEPT_WINDOWS, WINDOW_ROWS, windowOffsetOf, windowOffsetsFor, windowsToDrop } from './windowMath';

export type Row = Record<string, unknown>;

/** Reads `limit` rows from `offset` with the grid's sort and search. */
export type FetchWindow = (offset: number, limit: number) => Promise<GridWindow>;

export class RowWindows {
  /** The record count of the query, once the first window has answered. */
  total: number | null = null;
  failure: BridgeFailure | null = null;

  private readonly windows = new Map<number, Row[]>();
  private readonly loading = new Set<number>();
  private first = 0;
  private last = 0;
  private epoch = 0;
  private stopped = true;
  readonly refresh: () => Promise<void>;

  constructor(
    private readonly fetchWindow: FetchWindow,
    private readonly onChange: () => void,
    private readonly windowRows = WINDOW_ROWS,
    private readonly keep = KEPT_WINDOWS,
  ) {
    this.refresh = coalesced(() => this.reload());
  }

  /** Rows first..last are on screen (or about to be): fetch what is missing, forget far windows. */
  show(first: number, last: number): void {
    this.first = Math.max(0, first);
    this.last = Math.max(this.first, last);
    if (this.stopped) return;
    for (const offset of this.wanted()) {
      if (!this.windows.has(offset) && !this.loading.has(offset)) void this.load(offset, this.epoch);
    }
    for (const offset of windowsToDrop([...this.windows.keys()], this.first, this.last, this.keep, this.windowRows)) this.windows.delete(offset);
  }

  /** The row at `index`, or undefined while its window is being read. */
  rowAt(index: number): Row | undefined {
    return this.windows.get(windowOffsetOf(index, this.windowRows))?.[index % this.windowRows];
  }

  /** How many windows are held: never more than the ones on screen and a few around them. */
  get heldWindows(): number {
    return this.windows.size;
  }

  /** Begins reading (again, after a stop): the first window tells the count. */
  start(): void {
    this.stopped = false;
    this.show(this.first, this.last);
  }

  /** Answers that arrive from now on are ignored: the grid showing them is gone. */
  stop(): void {
    this.stopped = true;
    this.epoch += 1;
    this.loading.clear();
  }

  /**
   * Before the first answer the count is unknown, and an empty list may fill up: either way the
   * first window is the one to ask for.
   */
  private wanted(): number[] {
    return this.total === null || this.total === 0 ? [0] : windowOffsetsFor(this.first, this.last, this.total, this.windowRows);
  }

  private async reload(): Promise<void> {
    this.epoch += 1;
    this.loading.clear();
    // Windows off screen would be stale now; the ones on screen stay visible until their new rows arrive.
    const wanted = new Set(this.wanted());
    for (const offset of [...this.windows.keys()]) if (!wanted.has(offset)) this.windows.delete(offset);
    await Promise.all([...wanted].map((offset) => this.load(offset, this.epoch)));
  }

  private async load(offset: number, epoch: number): Promise<void> {
    this.loading.add(offset);
    try {
      const answer = await this.fetchWindow(offset, this.windowRows);
      if (this.stopped || epoch !== this.epoch) return;
      this.total = answer.total;
      this.failure = null;
      this.windows.set(offset, answer.rows);
    } catch (error) {
      if (this.stopped || epoch !== this.epoch) return;
      this.failure = toFailure(error);
    } finally {
      if (epoch === this.epoch) this.loading.delete(offset);
    }
    this.onChange();
    // The count may have changed under us (rows removed): read what is now on screen.
    if (!this.failure) this.show(this.first, this.last);
  }
}
