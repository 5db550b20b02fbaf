// A table's first listing is written without its secondary indexes and full-text triggers, which
// are built once the list is in.
//
// A mirror table's indexes are keyed by random ids, names and dates, so every commit of a page
// dirties pages all over each of them, and a commit writes each dirty page to the WAL again: with
// thirteen indexes on enrollments, a first sync of 200,000 wrote about 10 GB of WAL and took over
// a minute. Building an index afterwards sorts the keys once and writes each page once. A pass over
// a table that already holds records keeps its indexes: most of its records are unchanged, and only
// touch `seen_pass`.
//
// What was dropped is recorded (in the same transaction as the drop), so it is built again however
// the listing ends: by the pull when the list is done or stopped, and by MirrorStore.open after a
// crash. Meanwhile the grids still answer, sorting without an index and searching without the
// full-text index (gridSearch.ts), and keep their answers through the listing (listingAnswers.ts).
import type Database from 'better-sqlite3';
import { unwatchFirstListingSql, watchFirstListing } from './listingChanges';
import { MIRROR_RESOURCES, type MirrorResource } from './mirrorColumns';
import { preparedStatement } from './preparedStatement';

/** Tables written without their indexes while they fill from empty: the lists' mirrors, and the groups' members. */
export type DeferrableTable = MirrorResource | 'group_memberships';

interface Deferred {
  name: string;
  type: 'index' | 'trigger';
  sql: string;
}

const hasTable = (db: Database.Database) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deferred_schema'`).get() !== undefined;

/** The resource's full-text index, when it has one. */
const fullTextOf = (db: Database.Database, resource: string): string | undefined => {
  const fts = `${resource}_fts`;
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(fts) ? fts : undefined;
};

/** Whether the table holds no row. */
export function tableIsEmpty(db: Database.Database, resource: DeferrableTable): boolean {
  return preparedStatement(db, `SELECT EXISTS (SELECT 1 FROM ${resource})`).pluck().get() === 0;
}

/**
 * Drops the table's secondary indexes and full-text triggers, and records them, when the table is
 * empty (a table that holds records keeps its indexes: most of them are written unchanged) and
 * they are not dropped already; the caller holds the write transaction.
 */
export function deferIndexesIfEmpty(db: Database.Database, resource: DeferrableTable): void {
  if (tableIsEmpty(db, resource)) deferIndexes(db, resource);
}

/**
 * The same whatever the table holds: for a first listing resumed after a stop, whose rows so far
 * are all its own and whose rest are all new (MirrorStore.beginListPass).
 */
export function deferIndexes(db: Database.Database, resource: DeferrableTable): void {
  if (indexesDeferred(db, resource)) return;
  const fts = fullTextOf(db, resource);
  const objects = db
    .prepare(
      `SELECT name, type, sql FROM sqlite_master
       WHERE tbl_name = ? AND sql IS NOT NULL AND (type = 'index' OR (type = 'trigger' AND name IN (? || '_insert', ? || '_delete', ? || '_update')))`,
    )
    .all(resource, fts ?? '', fts ?? '', fts ?? '') as Deferred[];
  const record = db.prepare(`INSERT INTO deferred_schema (name, resource, type, sql) VALUES (?, ?, ?, ?)`);
  for (const o of objects) {
    record.run(o.name, resource, o.type, o.sql);
    db.exec(`DROP ${o.type === 'index' ? 'INDEX' : 'TRIGGER'} ${o.name}`);
  }
  // The grids keep their answers through the listing (listingChanges.ts), for the tables they show;
  // the watch ends with the last object built again, so only where something was dropped.
  if (objects.length > 0 && (MIRROR_RESOURCES as readonly string[]).includes(resource)) watchFirstListing(db, resource as MirrorResource);
}

/** Whether the resource's indexes are dropped for its first listing. */
export function indexesDeferred(db: Database.Database, resource: string): boolean {
  return preparedStatement(db, `SELECT EXISTS (SELECT 1 FROM deferred_schema WHERE resource = ?)`).pluck().get(resource) === 1;
}

/** Whether the table's id index (students and enrollments have one apart from the table) is dropped for its first listing. */
export function idIndexDeferred(db: Database.Database, resource: string): boolean {
  return preparedStatement(db, `SELECT EXISTS (SELECT 1 FROM deferred_schema WHERE name = ?)`).pluck().get(`${resource}_id`) === 1;
}

/** The resources whose full-text index is not kept up to date just now: searching them must scan. */
export function fullTextDeferred(db: Database.Database): ReadonlySet<string> {
  return new Set(db.prepare(`SELECT DISTINCT resource FROM deferred_schema WHERE type = 'trigger'`).pluck().all() as string[]);
}

/**
 * The SQL that builds the resource's next deferred object again and marks it built, to run in one
 * write transaction; undefined when nothing is left. The id index comes first: the grids' lookups
 * by id need it most.
 */
function nextRestore(db: Database.Database, resource: string | undefined, except: readonly string[] = []): { script: string; idIndex: boolean; resource: string } | undefined {
  const o = db
    .prepare(
      `SELECT name, resource, type, sql FROM deferred_schema
       WHERE (@resource IS NULL OR resource = @resource) AND resource NOT IN (SELECT value FROM json_each(@except))
       ORDER BY type, name <> resource || '_id', name LIMIT 1`,
    )
    .get({ resource: resource ?? null, except: JSON.stringify(except) }) as (Deferred & { resource: string }) | undefined;
  if (!o) return undefined;
  let script = `${o.sql};\nDELETE FROM deferred_schema WHERE name = '${o.name}';`;
  // The full-text index missed every write while its triggers were gone: it is read afresh from
  // the table once the last of them is back.
  const fts = fullTextOf(db, o.resource);
  const otherTriggers = db.prepare(`SELECT EXISTS (SELECT 1 FROM deferred_schema WHERE resource = ? AND type = 'trigger' AND name <> ?)`).pluck().get(o.resource, o.name) === 1;
  if (o.type === 'trigger' && fts && !otherTriggers) script += `\nINSERT INTO ${fts}(${fts}) VALUES ('rebuild');`;
  const last = db.prepare(`SELECT COUNT(*) FROM deferred_schema WHERE resource = ?`).pluck().get(o.resource) === 1;
  if (last) script += `\n${unwatchFirstListingSql(o.resource)}`;
  return { script, idIndex: o.name === `${o.resource}_id`, resource: o.resource };
}

/**
 * The first listing writes each id once (MirrorStore keeps their rowids), so a unique id index
 * never meets two rows of one id; should it, the newer row is kept rather than leaving a store that
 * can't be opened. Returns the script to run again, or throws `error` when it is of another kind.
 */
function keepingNewestOfEachId(next: { script: string; idIndex: boolean; resource: string }, error: unknown): string {
  if (!next.idIndex || (error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
  return `DELETE FROM ${next.resource} WHERE rowid NOT IN (SELECT MAX(rowid) FROM ${next.resource} GROUP BY id);\n${next.script}`;
}

/** Runs SQL in one write transaction on the app's connection. */
const writeHere = (db: Database.Database, script: string) => db.transaction(() => db.exec(script)).immediate();

/**
 * The lists a stopped sync left half way through a first listing: the next pull carries on
 * writing them without their indexes, and builds them at the end. (Only once the store's
 * migrations are all applied: `from_empty` is migration 13's.)
 */
export function firstListingsToResume(db: Database.Database): string[] {
  return db.prepare(`SELECT resource FROM sync_lists WHERE state = 'listing' AND from_empty = 1`).pluck().all() as string[];
}

/**
 * Builds everything deferred again at once, on the calling thread (on opening a store a crashed
 * sync left so), but for the tables of `except`.
 */
export function restoreAllIndexes(db: Database.Database, except: readonly string[] = []): void {
  if (!hasTable(db)) return;
  // Each chosen and built in one write transaction: another process opening the store at the same
  // moment (the CLI beside the app) must not build the same index twice.
  const restoreNext = db.transaction((): boolean => {
    const next = nextRestore(db, undefined, except);
    if (!next) return false;
    try {
      db.exec(next.script);
    } catch (error) {
      db.exec(keepingNewestOfEachId(next, error));
    }
    return true;
  });
  while (restoreNext.immediate());
}

/**
 * Builds the resource's deferred indexes again, one per transaction. `write` runs each on a
 * worker's connection (IndexBuilder), so the app's thread answers the grids meanwhile; without
 * one, they run on the app's connection, with other work let in between.
 */
export async function restoreIndexes(db: Database.Database, resource: DeferrableTable, write?: (script: string) => Promise<void>): Promise<void> {
  const run =
    write ??
    (async (script: string) => {
      writeHere(db, script);
      await new Promise((resolve) => setImmediate(resolve));
    });
  for (let next = nextRestore(db, resource); next; next = nextRestore(db, resource)) {
    try {
      await run(next.script);
    } catch (error) {
      await run(keepingNewestOfEachId(next, error));
    }
  }
}
