// A grid's answers over a table in its first listing, kept and brought up to date with the rows
// written since, instead of computed again after every commit.
//
// A first listing has no indexes (deferredIndexes.ts), so a sorted or filtered window reads and
// sorts every row: 90 ms for 200,000 enrollments, paid again after each of the sync's commits. But
// the listing only adds rows, with higher rowids (listingChanges.ts counts any other change). So
// while no listed row changed, with the first K keys of an answer kept, and `upTo` the highest
// rowid it saw:
//   - the first K keys now are the first K, in the grid's order, of the kept keys and the rows
//     after `upTo` (a row not among the kept K had K rows before it, and still has);
//   - the total now is the kept total plus the rows after `upTo` that match.
// Both read only the kept keys and the rows added since. A window read straight off the rowid
// order (a grid not sorted) needs no keys, only its total, which is kept the same way.
//
// Only for queries whose match and order are a function of the row itself: a filter over another
// table (a group's members) or the clock changes without any change to the row.
import type Database from 'better-sqlite3';
import { listingMark } from './listingChanges';
import type { MirrorResource } from './mirrorColumns';

/** How a query's keys (mirror rowids) are read, whole or grown. */
export interface ListingQuery {
  /** Every matching key, in the grid's order. */
  all(): number[];
  /** The first `limit` keys, in order, among `kept` and the rows after rowid `after`; and how many rows after `after` match. */
  grown(kept: number[], after: number, limit: number): { keys: number[]; added: number };
}

/** Keys kept per answer at least (a person scrolls on from the first window), and at most. */
const KEEP_AT_LEAST = 1000;
const KEEP_AT_MOST = 10_000;
/** Answers kept per connection, the least recently used dropped first: a few per grid (each asks one query at a time); 80 KB each at most. */
const KEPT = 16;

interface Answer {
  listing: number;
  changes: number;
  /** The highest rowid the answer was computed from. */
  upTo: number;
  /** The first `keep` keys (all of them when there are fewer). */
  keys: number[];
  keep: number;
  total: number;
}

/** How many answers were computed whole and how many grown, per connection (for the benchmark and tests). */
export interface ListingAnswerCounts {
  computed: number;
  grown: number;
}

const answers = new WeakMap<Database.Database, Map<string, Answer>>();
const counts = new WeakMap<Database.Database, ListingAnswerCounts>();

export function listingAnswerCounts(db: Database.Database): ListingAnswerCounts {
  let c = counts.get(db);
  if (!c) {
    c = { computed: 0, grown: 0 };
    counts.set(db, c);
  }
  return c;
}

function keptAnswers(db: Database.Database): Map<string, Answer> {
  let kept = answers.get(db);
  if (!kept) {
    kept = new Map();
    answers.set(db, kept);
  }
  return kept;
}

/**
 * One window of the query `key` over a table in its first listing, with the total; undefined when
 * the table is not in one, or the window is too far down to keep (the caller computes it whole).
 */
export function listingWindow(
  db: Database.Database,
  resource: MirrorResource,
  key: string,
  window: { offset: number; limit: number },
  query: ListingQuery,
): { keys: number[]; total: number } | undefined {
  const need = window.offset + window.limit;
  if (need > KEEP_AT_MOST) return undefined;
  const keep = Math.min(KEEP_AT_MOST, Math.max(KEEP_AT_LEAST, need));
  const answer = keptAnswer(db, resource, key, need, keep, {
    all: () => {
      const all = query.all();
      return { keys: all.slice(0, keep), total: all.length };
    },
    grown: (old) => query.grown(old.keys, old.upTo, old.keep),
  });
  return answer && { keys: answer.keys.slice(window.offset, need), total: answer.total };
}

/**
 * The number of rows the query `key` matches in a table in its first listing (a window read
 * straight off the rowid order still needs it); undefined when the table is not in one.
 */
export function listingTotal(db: Database.Database, resource: MirrorResource, key: string, query: { all(): number; added(after: number): number }): number | undefined {
  return keptAnswer(db, resource, key, 0, 0, {
    all: () => ({ keys: [], total: query.all() }),
    grown: (old) => ({ keys: [], added: query.added(old.upTo) }),
  })?.total;
}

/** The kept answer to `key` brought up to date, or computed whole; undefined when the table is not in a first listing. */
function keptAnswer(
  db: Database.Database,
  resource: MirrorResource,
  key: string,
  need: number,
  keep: number,
  compute: { all(): { keys: number[]; total: number }; grown(old: Answer): { keys: number[]; added: number } },
): Answer | undefined {
  // Most tables are not in a first listing: asked first, outside a transaction, since every grid
  // window of an indexed table comes here too.
  if (!listingMark(db, resource)) return undefined;
  // One read transaction: the mark, the kept keys' rows and the new rows are all of one moment.
  return db.transaction(() => {
    const mark = listingMark(db, resource);
    if (!mark) return undefined;
    const kept = keptAnswers(db);
    const old = kept.get(key);
    kept.delete(key);
    let answer: Answer;
    if (old && old.listing === mark.listing && old.changes === mark.changes && old.keep >= need && mark.last >= old.upTo) {
      answer = old;
      if (mark.last > old.upTo) {
        const { keys, added } = compute.grown(old);
        answer = { ...old, upTo: mark.last, keys, total: old.total + added };
        listingAnswerCounts(db).grown++;
      }
    } else {
      answer = { listing: mark.listing, changes: mark.changes, upTo: mark.last, keep, ...compute.all() };
      listingAnswerCounts(db).computed++;
    }
    // Rows above `settled` were added by a writer that does not move it: their changes go
    // uncounted, so an answer that includes them can't be trusted later.
    if (mark.last <= mark.settled) {
      kept.set(key, answer);
      if (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
    }
    return answer;
  })();
}
