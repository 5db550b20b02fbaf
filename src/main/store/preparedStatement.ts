// Prepared statements kept per database connection. Preparing a statement costs more than running
// a small one (tens of µs), and some run for every grid window. For SQL texts that recur (fixed, or
// one per resource): each text is kept as long as the connection.
import type Database from 'better-sqlite3';

const kept = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The statement for `sql`, prepared on its first use on this connection. */
export function preparedStatement(db: Database.Database, sql: string): Database.Statement {
  let statements = kept.get(db);
  if (!statements) {
    statements = new Map();
    kept.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
