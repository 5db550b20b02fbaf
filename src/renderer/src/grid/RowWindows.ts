// The rows of one grid query, held a few windows at a time: the windows around the rows on screen
// are fetched as they come into view and the far ones forgotten, so the renderer never holds the
// whole table. A refresh (after the back end says the resource changed) reads the visible windows
// again; answers that arrive after a newer refresh began are ignored, as they may be stale.
// Each window keeps, beside its rows, the outbox state of those of its rows with local edits.
import type { BridgeFailure, GridWindow, RowEditState } from '../../../shared/bridge';
import { coalesced, REFRESH_PACE } from '../state/coalesced';
import { toFailure } from '../state/toFailure';
import { KEPT_WINDOWS, WINDOW_ROWS, windowOffsetOf, windowOffsetsFor, windowsToDrop } from './windowMath';

export type Row = Record<string, unknown>;

/** Reads `limit` rows from `offset` with the grid's sort and search. */
export type FetchWindow = (offset: number, limit: number) => Promise<GridWindow>;

interface HeldWindow {
  rows: Row[];
  edits: Record<string, RowEditState>;
}

/** Reads of windows in flight at once while scrolling. */
const MAX_READS = 2;

/** The most rows one `<resource>.query` call returns. */
const QUERY_LIMIT = 1000;

export class RowWindows {
  /** The record count of the query, once the first window has answered. */
  total: number | null = null;
  failure: BridgeFailure | null = null;

  private readonly windows = new Map<number, HeldWindow>();
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
    this.refresh = coalesced(() => this.reload(), REFRESH_PACE);
  }

  /** Rows first..last are on screen (or about to be): fetch what is missing, forget far windows. */
  show(first: number, last: number): void {
    this.first = Math.max(0, first);
    this.last = Math.max(this.first, last);
    if (this.stopped) return;
    // The windows on screen are read first, then the ones around them; and never more than a few
    // at once, so a fast scroll does not queue up reads of every window it passes: when a read
    // finishes, the next one asked for is where the scroll is by then.
    const onScreen = (offset: number) => offset + this.windowRows > this.first && offset <= this.last;
    const missing = this.wanted().filter((offset) => !this.windows.has(offset) && !this.loading.has(offset));
    missing.sort((a, b) => Number(onScreen(b)) - Number(onScreen(a)));
    for (const offset of missing) {
      if (this.loading.size >= MAX_READS) break;
      void this.load(offset, this.epoch);
    }
    for (const offset of windowsToDrop([...this.windows.keys()], this.first, this.last, this.keep, this.windowRows)) this.windows.delete(offset);
  }

  /** The row at `index`, or undefined while its window is being read. */
  rowAt(index: number): Row | undefined {
    return this.windows.get(windowOffsetOf(index, this.windowRows))?.rows[index % this.windowRows];
  }

  /** The outbox state of the row at `index`, when it has local edits not yet on the server. */
  editsAt(index: number): RowEditState | undefined {
    const held = this.windows.get(windowOffsetOf(index, this.windowRows));
    const id = held?.rows[index % this.windowRows]?.['id'];
    return id === undefined ? undefined : held?.edits[String(id)];
  }

  /**
   * Rows first..last (for a paste, a fill or a copy that reaches past the screen), from the held
   * windows where they are there and read from the back end where not. The ones read are not kept:
   * the grid still holds only the windows around the screen.
   */
  async rowsBetween(first: number, last: number): Promise<(Row | undefined)[]> {
    const rows: (Row | undefined)[] = [];
    let index = Math.max(0, first);
    while (index <= last) {
      const held = this.rowAt(index);
      if (held) {
        rows.push(held);
        index += 1;
        continue;
      }
      // Read the run of missing rows at once, up to the next held one.
      let end = index;
      while (end < last && end - index + 1 < QUERY_LIMIT && !this.rowAt(end + 1)) end += 1;
      const answer = await this.fetchWindow(index, end - index + 1);
      for (let i = 0; i <= end - index; i += 1) rows.push(answer.rows[i]);
      index = end + 1;
    }
    return rows;
  }

  /** Shows a record's new values at once, before the back end's change event reads its window again. */
  patch(changes: ReadonlyMap<string, Row>): void {
    let changed = false;
    for (const held of this.windows.values()) {
      held.rows = held.rows.map((row) => {
        const patch = changes.get(String(row['id']));
        if (!patch) return row;
        changed = true;
        return { ...row, ...patch };
      });
    }
    if (changed) this.onChange();
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
      this.windows.set(offset, { rows: answer.rows, edits: answer.edits ?? {} });
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
