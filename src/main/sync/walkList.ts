// Pages through one list so that records created or deleted on the server meanwhile (offset drift)
// make it neither miss nor duplicate anything.
//
// Consecutive pages overlap by one record: a page of 100 starts at the previous page's last
// record. When that record is not where it should be, the list moved under us: the walker steps
// back until it finds records it already has, and carries on from there, so nothing between is
// skipped. Such a pass is marked as drifted, and a drifted pass never deletes anything from the
// mirror: only a pass that saw the list hold still can say what is gone.
import { EnlightError } from '../../shared/errors';
import type { MirrorResource } from '../store/mirrorColumns';

export const PAGE_SIZE = 100;
/** Each page starts on the last record of the one before. */
export const PAGE_STEP = PAGE_SIZE - 1;

type Json = Record<string, unknown>;

export interface WalkCheckpoint {
  nextOffset: number;
  /** Ids of the last stored page, in list order; its last one must start the next page. */
  anchorIds: string[];
}

export interface WalkOptions {
  resource: MirrorResource;
  start: WalkCheckpoint;
  /** Requests in flight at once for this list. */
  concurrency: number;
  /** Records the list held at the end of the last pass, to avoid asking for pages past its end. */
  expectedTotal: number | null;
  fetchPage(offset: number): Promise<Json[]>;
  /** Stores a page and its checkpoint in one transaction; `newRecords` excludes the overlap. */
  storePage(records: Json[], checkpoint: WalkCheckpoint & { drifted: boolean; newRecords: number }): void;
  signal?: AbortSignal;
}

export interface WalkResult {
  drifted: boolean;
  requests: number;
  records: number;
}

/**
 * A bad answer from the server's list of `resource`: the walk stops there, and what it stored
 * before is kept. `problem` says what is wrong and where.
 */
function badList(resource: MirrorResource, problem: string): EnlightError {
  const endpoint = `GET /api/v1/${resource}`;
  return new EnlightError({
    code: 'bad-response',
    endpoint,
    message: `The server's list of ${resource} (${endpoint}) ${problem} Sync again later; if it keeps happening, the fault is on the server's side: tell Enlight support.`,
  });
}

/**
 * The ids of a page fetched at `offset`, in list order. One id twice on a page is a bad answer:
 * storing both would leave one record holding the other's data. Across pages an id repeats by
 * design: pages overlap, and the list drifts.
 */
function idsOf(records: Json[], resource: MirrorResource, offset: number): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const id = record['id'];
    if (typeof id !== 'string' || id === '') {
      throw badList(resource, `holds a record without an ID on the page at offset ${offset}, so the app stops listing ${resource} there; the ${resource} synced before that page are kept.`);
    }
    if (seen.has(id)) {
      throw badList(
        resource,
        `holds the record ID ${id} twice on one page (offset ${offset}), so the app cannot tell which of the two it belongs to and stops listing ${resource} there. The ${resource} synced before that page are kept.`,
      );
    }
    seen.add(id);
    ids.push(id);
  }
  return ids;
}

/**
 * How many records a walk takes before it calls a list that was `lastTotal` long at the last sync
 * runaway: a server handing out new records page after page, without end, would fill the disk.
 * Far past any real growth between two syncs (a list has no end the first time it is listed).
 */
export const runawayLimit = (lastTotal: number): number => lastTotal * 10 + 100_000;

function runaway(resource: MirrorResource, lastTotal: number): EnlightError {
  return badList(
    resource,
    `goes on past ${runawayLimit(lastTotal).toLocaleString('en')} records, though it held ${lastTotal.toLocaleString('en')} at the last sync. A list that never ends would fill this computer's disk, so the app stops listing ${resource} there; what was listed is kept.`,
  );
}

export async function walkList(options: WalkOptions): Promise<WalkResult> {
  const { concurrency, fetchPage, storePage, signal } = options;
  let { nextOffset, anchorIds } = options.start;
  let drifted = false;
  let requests = 0;
  let records = 0;
  const fetch = (offset: number) => {
    requests++;
    return fetchPage(offset);
  };

  // Speculative fetches run ahead of the page being checked; past the expected end they would
  // only come back empty, so the window stops there until the list proves longer. A list never
  // listed before has no expected end: the window opens as full pages prove it long (one page
  // ahead per two full pages), so a short list costs no requests past its end.
  const inFlight = new Map<number, Promise<Json[]>>();
  let fullPages = 0;
  const launch = (offset: number) => {
    if (!inFlight.has(offset)) {
      const p = fetch(offset);
      p.catch(() => {}); // awaited in order below; this stops an early rejection going unhandled
      inFlight.set(offset, p);
    }
  };
  const fill = (from: number) => {
    const limit = options.expectedTotal === null ? Infinity : Math.max(from, options.expectedTotal - 1);
    const window = options.expectedTotal === null ? Math.max(1, Math.min(concurrency, Math.floor(fullPages / 2))) : concurrency;
    for (let i = 0, offset = from; i < window; i++, offset += PAGE_STEP) {
      if (i > 0 && offset > limit) break;
      launch(offset);
    }
  };

  /** Stores a page fetched at `offset` whose last `added` records are new; true when it ended the list. */
  const accept = (page: Json[], ids: string[], offset: number, added: number): boolean => {
    if (options.expectedTotal !== null && records + added > runawayLimit(options.expectedTotal)) throw runaway(options.resource, options.expectedTotal);
    records += added;
    anchorIds = ids;
    const ended = page.length < PAGE_SIZE;
    nextOffset = ended ? offset : offset + PAGE_STEP;
    storePage(page, { nextOffset, anchorIds, drifted, newRecords: added });
    return ended;
  };

  try {
    for (;;) {
      signal?.throwIfAborted();
      fill(nextOffset);
      const page = await (inFlight.get(nextOffset) as Promise<Json[]>);
      inFlight.delete(nextOffset);
      if (page.length === PAGE_SIZE) fullPages++;
      const ids = idsOf(page, options.resource, nextOffset);
      const anchor = anchorIds.at(-1);

      if (anchor === undefined || ids[0] === anchor) {
        // Joins the page before (or is the first): the normal case.
        if (accept(page, ids, nextOffset, anchor === undefined ? page.length : Math.max(0, page.length - 1))) return { drifted, requests, records };
        continue;
      }

      drifted = true;
      const at = ids.indexOf(anchor);
      if (at > 0) {
        // Records were added before this point: everything is still in view, only shifted.
        if (accept(page, ids, nextOffset, page.length - at - 1)) return { drifted, requests, records };
        continue;
      }

      // Records before this point were deleted: step back until a page holds records we have,
      // and take the list up again from the last of them.
      for (const p of inFlight.values()) p.catch(() => {});
      inFlight.clear();
      const known = new Set(anchorIds);
      let back = PAGE_STEP;
      for (;;) {
        signal?.throwIfAborted();
        const offset = Math.max(0, nextOffset - back);
        const earlier = await fetch(offset);
        const earlierIds = idsOf(earlier, options.resource, offset);
        let last = -1;
        earlierIds.forEach((id, i) => {
          if (known.has(id)) last = i;
        });
        if (last >= 0 || offset === 0) {
          if (accept(earlier, earlierIds, offset, earlier.length - (last + 1))) return { drifted, requests, records };
          break;
        }
        back *= 2;
      }
    }
  } finally {
    for (const p of inFlight.values()) p.catch(() => {});
  }
}
