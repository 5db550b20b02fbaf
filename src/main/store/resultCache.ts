// Results of grid queries kept while the database holds the same data: a person scrolling a
// filtered or searched grid asks for window after window of one query, and each is then a slice of
// the first answer instead of a new search of the table. Any write ends every kept result.
import type Database from 'better-sqlite3';
import { preparedStatement } from './preparedStatement';

/** Results kept per database connection, the least recently used dropped first. */
const KEPT = 4;

interface Kept {
  /** Which data the results were computed from. */
  version: string;
  results: Map<string, unknown>;
}

const kept = new WeakMap<Database.Database, Kept>();

/**
 * What the database holds, as a token that changes with any write: `data_version` moves when
 * another connection commits, `total_changes()` when this one writes.
 */
function dataVersion(db: Database.Database): string {
  return preparedStatement(db, `SELECT data_version || ':' || total_changes() FROM pragma_data_version`).pluck().get() as string;
}

/** The result of `compute` for `key`, computed again only after the data has changed. */
export function keptResult<T>(db: Database.Database, key: string, compute: () => T): T {
  const version = dataVersion(db);
  let entry = kept.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, results: new Map() };
    kept.set(db, entry);
  }
  if (entry.results.has(key)) {
    const result = entry.results.get(key) as T;
    // Most recently used last.
    entry.results.delete(key);
    entry.results.set(key, result);
    return result;
  }
  const result = compute();
  entry.results.set(key, result);
  if (entry.results.size > KEPT) entry.results.delete(entry.results.keys().next().value as string);
  return result;
}
