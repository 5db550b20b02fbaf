// Writes a list's pages to the mirror in batches: one transaction per batch instead of per page.
//
// A mirror table's id index is keyed by random UUIDs, so every page dirties pages all over the
// file and each commit writes them to the WAL again; committing a few pages at a time writes far
// less. A batch never waits long (`maxDelayMs`), so the grids still see the sync advance, and a
// sync killed between commits only has to fetch the unwritten pages again: each batch carries the
// checkpoint of its last page.
import type { MirrorStore, PageCheckpoint } from '../store/MirrorStore';
import type { MirrorResource } from '../store/mirrorColumns';

type Json = Record<string, unknown>;

export interface PageWriterOptions {
  store: MirrorStore;
  resource: MirrorResource;
  pass: number;
  /** Told of the ids each commit added or changed. */
  onWritten?: (ids: string[]) => void;
  maxPages?: number;
  maxDelayMs?: number;
  now?: () => number;
}

export class PageWriter {
  private pages: { records: Json[]; checkpoint: PageCheckpoint }[] = [];
  private firstBufferedAt = 0;

  constructor(private readonly options: PageWriterOptions) {}

  add(records: Json[], checkpoint: PageCheckpoint): void {
    const now = this.options.now ?? performance.now.bind(performance);
    if (this.pages.length === 0) this.firstBufferedAt = now();
    this.pages.push({ records, checkpoint });
    if (this.pages.length >= (this.options.maxPages ?? 2) || now() - this.firstBufferedAt >= (this.options.maxDelayMs ?? 50)) this.flush();
  }

  /** Commits what is buffered; call before ending the pass and when the walk stops for any reason. */
  flush(): void {
    if (this.pages.length === 0) return;
    const pages = this.pages;
    this.pages = [];
    const ids = this.options.store.storePages(this.options.resource, this.options.pass, pages);
    if (ids.length) this.options.onWritten?.(ids);
  }
}
