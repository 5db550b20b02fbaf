// What a grid needs to know to keep its answers through a table's first listing
// (listingAnswers.ts): a first listing only adds rows, so an answer stays true of the rows it was
// computed from unless one of those rows changes or goes.
//
// While a table is first listed (its indexes deferred: deferredIndexes.ts) it has a mark:
//   - `settled`: the highest rowid the listing has committed. The pull moves it at the end of each
//     transaction that writes pages, so rows above it are the ones the transaction now writing adds.
//   - `changes`: counts updates and deletions of rows at or below `settled`, made by anyone (an
//     overlap record rewritten after drift, a name copied in by migration 6's triggers, a push's
//     answer). Two triggers count them; they exist only during the listing, so a resync pays nothing.
// Updates of the rows a transaction is adding (the enrollments' names filled in as they are
// inserted) are above `settled`, and do not count. `seen_pass` is not what a grid reads, so
// touching it does not count either.
//
// A writer that adds rows without moving `settled` (the app writing a pushed record) leaves rows
// above it that were committed: their later changes would not count, so no answer is kept while
// the table holds rows above `settled` (listingAnswers.ts checks).
import type Database from 'better-sqlite3';
import type { MirrorResource } from './mirrorColumns';
import { preparedStatement } from './preparedStatement';

/** A first listing's mark as one read saw it, with the table's highest rowid then. */
export interface ListingMark {
  /** Which listing: a table listed again from empty gets a new one, so no answer outlives its listing. */
  listing: number;
  settled: number;
  changes: number;
  /** The table's highest rowid (0 when empty). */
  last: number;
}

const triggerNames = (resource: string) => [`${resource}_listing_update`, `${resource}_listing_delete`];

/** Starts counting changes to the table's rows, in the caller's transaction (as its indexes are dropped). */
export function watchFirstListing(db: Database.Database, resource: MirrorResource): void {
  const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(resource) as string[]).filter((c) => c !== 'seen_pass');
  const [update, remove] = triggerNames(resource);
  const settled = `(SELECT settled FROM first_listing_marks WHERE resource = '${resource}')`;
  const count = `UPDATE first_listing_marks SET changes = changes + 1 WHERE resource = '${resource}';`;
  db.prepare(`INSERT OR REPLACE INTO first_listing_marks (resource, settled, changes) VALUES (?, 0, 0)`).run(resource);
  db.exec(`CREATE TRIGGER IF NOT EXISTS ${update} AFTER UPDATE OF ${columns.join(', ')} ON ${resource} WHEN old.rowid <= ${settled} BEGIN ${count} END;
CREATE TRIGGER IF NOT EXISTS ${remove} AFTER DELETE ON ${resource} WHEN old.rowid <= ${settled} BEGIN ${count} END;`);
}

/** The SQL that stops counting, run in the transaction that builds the table's last deferred object. */
export function unwatchFirstListingSql(resource: string): string {
  return `${triggerNames(resource)
    .map((t) => `DROP TRIGGER IF EXISTS ${t};`)
    .join('\n')}\nDELETE FROM first_listing_marks WHERE resource = '${resource}';`;
}

/** Marks every row the table holds now as committed by the listing; in the transaction that wrote them, before it commits. */
export function settleFirstListing(db: Database.Database, resource: MirrorResource): void {
  preparedStatement(db, `UPDATE first_listing_marks SET settled = MAX(settled, (SELECT IFNULL(MAX(rowid), 0) FROM ${resource})) WHERE resource = ?`).run(resource);
}

/** The table's mark, or undefined when it is not in a first listing. Read it in the transaction that reads the rows. */
export function listingMark(db: Database.Database, resource: MirrorResource): ListingMark | undefined {
  return preparedStatement(db, `SELECT listing, settled, changes, (SELECT IFNULL(MAX(rowid), 0) FROM ${resource}) AS last FROM first_listing_marks WHERE resource = ?`).get(resource) as
    | ListingMark
    | undefined;
}
