// Gives a table a new definition while keeping its rows (with their rowids, which the full-text
// indexes point at), its indexes and its triggers: SQLite's "generalized ALTER TABLE procedure",
// for the changes ALTER TABLE can't make, such as taking a column out of the primary key.
import type Database from 'better-sqlite3';

/** `columns`: the new column definitions, as between the parentheses of CREATE TABLE. Run inside the migration's transaction. */
export function rebuildTable(db: Database.Database, table: string, columns: string): void {
  const rebuilt = `${table}_rebuilt`;
  const kept = (db.prepare(`SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`).all(table) as { sql: string }[]).map(
    (o) => o.sql,
  );
  db.exec(`CREATE TABLE ${rebuilt} (${columns})`);
  const names = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(rebuilt) as string[]).join(', ');
  db.exec(`INSERT INTO ${rebuilt} (rowid, ${names}) SELECT rowid, ${names} FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  // Views and other tables' triggers name the table: the legacy rename neither rewrites nor
  // checks them, and they find the rebuilt table under the old name.
  db.pragma('legacy_alter_table = ON');
  try {
    db.exec(`ALTER TABLE ${rebuilt} RENAME TO ${table}`);
  } finally {
    db.pragma('legacy_alter_table = OFF');
  }
  for (const sql of kept) db.exec(sql);
}
