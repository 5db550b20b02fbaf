// Gathers what a sync fetched (list pages, group members) and writes it a few at a time: one
// transaction per batch instead of one per item.
//
// The mirror's indexes are keyed by random ids, so each commit dirties pages all over them and
// writes each to the WAL again: fewer commits write far less. A batch never waits long
// (`maxDelayMs`), so the grids still see the sync advance, and a sync killed between commits only
// has to fetch the unwritten items again: what is written carries its own checkpoint.
export interface WriteBatchOptions {
  maxItems?: number;
  maxDelayMs?: number;
  now?: () => number;
  /** Items are only gathered until this settles: another connection holds the store's write lock till then. */
  until?: Promise<unknown>;
}

export class WriteBatch<T> {
  private items: T[] = [];
  private firstAddedAt = 0;
  private held: boolean;

  constructor(
    /** Writes the items in one transaction. */
    private readonly write: (items: T[]) => void,
    private readonly options: WriteBatchOptions = {},
  ) {
    this.held = options.until !== undefined;
    const release = () => {
      this.held = false;
    };
    options.until?.then(release, release);
  }

  add(item: T): void {
    if (this.items.length === 0) this.firstAddedAt = this.now();
    this.items.push(item);
    if (this.held) return;
    if (this.items.length >= this.maxItems || this.now() - this.firstAddedAt >= (this.options.maxDelayMs ?? 50)) this.writeSome();
  }

  /** Writes what is gathered, held or not; call at the end and whenever the work stops, for any reason. */
  flush(): void {
    while (this.items.length > 0) this.writeSome();
  }

  /** The same, letting other work (the grids' queries) in between transactions: for a large backlog. */
  async drain(): Promise<void> {
    while (this.items.length > 0) {
      this.writeSome();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** One transaction of at most `maxItems`: a backlog gathered while held is written a part at a time. */
  private writeSome(): void {
    const items = this.items.splice(0, this.maxItems);
    if (this.items.length > 0) this.firstAddedAt = this.now();
    this.write(items);
  }

  private get maxItems(): number {
    return this.options.maxItems ?? 2;
  }

  private now(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }
}
