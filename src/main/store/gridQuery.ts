// One window of a grid: sorted, filtered and searched in SQLite over indexed columns, with the
// total count, so the renderer never holds a whole table.
//
// Rows come from two places. Records without local edits are read from the mirror table, whose
// indexes give any sorted window without sorting. Records the user has edited (and, for
// enrollments, those whose student, course or instructor was renamed locally) are read as edited,
// from the overlay. The two are merged in order by SQLite (a compound SELECT with one ORDER BY),
// so a few pending edits do not turn every window into a sort of the whole table.
//
// A window is found as keys first (rowids, or ids of edited records), then only its rows are read
// and, for enrollments, given the names they show.
import type Database from 'better-sqlite3';
import { GRID_RESOURCES, type GridResource, type GridWindow, type RowEditState } from '../../shared/bridge';
import { derivedColumn, type DerivedContext } from './derivedColumns';
import { personNameSql, withEnrollmentDisplay } from './enrollmentDisplay';
import { filterClause, type GridFilter, type SqlPart } from './filterClause';
import { fullTextDeferred, indexesDeferred } from './deferredIndexes';
import { searchCondition, searchWords, type RowSource, type UnindexedText } from './gridSearch';
import { listingTotal, listingWindow } from './listingAnswers';
import { MIRROR_COLUMNS, type MirrorResource } from './mirrorColumns';
import { preparedStatement } from './preparedStatement';
import { keptResult } from './resultCache';

export type { GridFilter } from './filterClause';
export type { GridWindow } from '../../shared/bridge';

export interface GridSort {
  column: string;
  desc?: boolean;
}

/** Which rows: a grid's filters and search, narrowed to listed ids or less some ids when given. */
export interface GridSelect {
  filters?: GridFilter[];
  search?: string;
  ids?: string[];
  exceptIds?: string[];
}

export interface GridQuery extends GridSelect {
  sort?: GridSort[];
  offset: number;
  limit: number;
}

export interface GridOptions {
  /** Epoch milliseconds that time-relative columns (an enrollment's state) are measured against; the clock when absent. */
  now?: number;
  /** The outbox's view of the window's rows; `edits` is filled from it when given. */
  editStates?: (ids: string[]) => Record<string, RowEditState>;
}

type Json = Record<string, unknown>;

/** Columns that copy another record's name into the row (kept current by migration 6's triggers). */
const NAME_COLUMNS: Partial<Record<GridResource, readonly string[]>> = {
  enrollments: ['student_name', 'course_name', 'instructor_name'],
};

const MAX_WINDOW = 1000;

function unknownColumn(resource: MirrorResource, column: string): Error {
  return new Error(`${resource} cannot be sorted or filtered by "${column}"`);
}

/** The SQL of a column of the row `r`, or undefined when the resource has no such column. */
function plainColumn(resource: MirrorResource, column: string): string | undefined {
  if (column === 'id' || Object.hasOwn(MIRROR_COLUMNS[resource], column) || NAME_COLUMNS[resource as GridResource]?.includes(column)) return `r.${column}`;
  return undefined;
}

function filterSql(resource: MirrorResource, f: GridFilter, context: DerivedContext): SqlPart {
  const derived = derivedColumn(resource, f.column);
  if (derived) return derived.filter(f, context);
  const column = plainColumn(resource, f.column);
  if (!column) throw unknownColumn(resource, f.column);
  return filterClause(column, f);
}

function sortSql(resource: MirrorResource, column: string, context: DerivedContext): SqlPart {
  const derived = derivedColumn(resource, column);
  if (derived?.sort) return derived.sort(context);
  const sql = plainColumn(resource, column);
  if (!sql) throw unknownColumn(resource, column);
  return { sql, params: [] };
}

// An enrollment shows its student's, course's and instructor's names, so a local rename of one of
// them makes the enrollment read as edited too. (CROSS JOIN keeps the few renamed records the outer
// loop, so their enrollments come off an index.)
const RENAMED_ENROLLMENTS = `
  SELECT e.rowid FROM students_overlay o CROSS JOIN enrollments e ON e.student_id = o.id
    WHERE NOT EXISTS (SELECT 1 FROM students m WHERE m.id = o.id AND ${personNameSql('m')} IS ${personNameSql('o')})
  UNION ALL SELECT e.rowid FROM courses_overlay o CROSS JOIN enrollments e ON e.course_id = o.id
    WHERE NOT EXISTS (SELECT 1 FROM courses m WHERE m.id = o.id AND m.name IS o.name)
  UNION ALL SELECT e.rowid FROM users_overlay o CROSS JOIN enrollments e ON e.instructor_id = o.id
    WHERE NOT EXISTS (SELECT 1 FROM users m WHERE m.id = o.id AND ${personNameSql('m')} IS ${personNameSql('o')})`;

/** What is read as edited: the resource's records with local edits, and for enrollments those of renamed records. */
interface Edited {
  overlay: boolean;
  renamed: boolean;
}

function editedNow(db: Database.Database, resource: MirrorResource): Edited {
  // Only the grids' resources can be edited here (checksheets, for one, cannot).
  if (!(GRID_RESOURCES as readonly string[]).includes(resource)) return { overlay: false, renamed: false };
  const overlay = preparedStatement(db, `SELECT EXISTS (SELECT 1 FROM ${resource}_overlay)`).pluck().get() === 1;
  const renamed = resource === 'enrollments' && preparedStatement(db, `SELECT EXISTS (${RENAMED_ENROLLMENTS})`).pluck().get() === 1;
  return { overlay, renamed };
}

/** Rowids of the mirror table's records that are read as edited instead. */
function editedRowids(resource: MirrorResource, edited: Edited): string {
  const own = `SELECT m.rowid FROM ${resource}_overlay o CROSS JOIN ${resource} m ON m.id = o.id`;
  return edited.renamed ? `${own} UNION ALL ${RENAMED_ENROLLMENTS}` : own;
}

/** The records as edited, with the same columns as the mirror table (for enrollments, the names too). */
function editedRows(resource: MirrorResource, edited: Edited): string {
  const columns = ['id', ...Object.keys(MIRROR_COLUMNS[resource]), 'json'].join(', ');
  const rows = edited.renamed
    ? `SELECT ${columns} FROM ${resource}_overlay WHERE deleted = 0
       UNION ALL SELECT ${columns} FROM ${resource} WHERE rowid IN (${RENAMED_ENROLLMENTS}) AND id NOT IN (SELECT id FROM ${resource}_overlay)`
    : `SELECT ${columns} FROM ${resource}_overlay WHERE deleted = 0`;
  if (resource !== 'enrollments') return rows;
  const person = (table: string, key: string) =>
    `COALESCE((SELECT ${personNameSql('o')} FROM ${table}_overlay o WHERE o.id = v.${key}), (SELECT ${personNameSql('m')} FROM ${table} m WHERE m.id = v.${key}))`;
  return `SELECT v.*, ${person('students', 'student_id')} AS student_name,
      COALESCE((SELECT o.name FROM courses_overlay o WHERE o.id = v.course_id), (SELECT m.name FROM courses m WHERE m.id = v.course_id)) AS course_name,
      ${person('users', 'instructor_id')} AS instructor_name
    FROM (${rows}) v`;
}

interface Plan {
  resource: MirrorResource;
  select: GridSelect;
  sort: GridSort[];
  context: DerivedContext;
  sources: RowSource[];
  edited: Edited;
  /** Full-text indexes (and enrollments' indexes) being rebuilt, which a search must not rely on. */
  unindexed: UnindexedText;
  /** A further condition on the mirror's rows (which rowids to read), when only some are wanted. */
  mirrorOnly?: SqlPart;
}

function makePlan(db: Database.Database, resource: MirrorResource, select: GridSelect, sort: GridSort[], now: number | undefined): Plan {
  const edited = editedNow(db, resource);
  const sources: RowSource[] = edited.overlay || edited.renamed ? ['mirror', 'edited'] : ['mirror'];
  const searching = searchWords(select.search).length > 0;
  const unindexed = new Set<string>(searching ? fullTextDeferred(db) : []);
  if (searching && resource === 'enrollments' && indexesDeferred(db, 'enrollments')) unindexed.add('enrollments');
  return { resource, select, sort, context: { now: now ?? Date.now() }, sources, edited, unindexed };
}

/**
 * One source's SELECT: `columns` over the row `r`, with every condition of the selection. The mirror
 * source is the records without local edits; `mirrorRows` can ask instead for all its records, or
 * only for those that are read as edited (for counting).
 */
function sourceSelect(plan: Plan, source: RowSource, columns: SqlPart[], mirrorRows: 'unedited' | 'all' | 'edited' = 'unedited'): SqlPart {
  const { resource, select, context } = plan;
  const conditions: SqlPart[] = [];
  if (source === 'mirror' && plan.sources.includes('edited') && mirrorRows !== 'all') {
    conditions.push({ sql: `r.rowid ${mirrorRows === 'edited' ? 'IN' : 'NOT IN'} (${editedRowids(resource, plan.edited)})`, params: [] });
  }
  if (source === 'mirror' && plan.mirrorOnly) conditions.push(plan.mirrorOnly);
  for (const f of select.filters ?? []) conditions.push(filterSql(resource, f, context));
  const search = searchCondition(resource, select.search, source, plan.unindexed, { sorted: plan.sort.length > 0 });
  if (search) conditions.push(search);
  if (select.ids) conditions.push({ sql: `r.id IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(select.ids)] });
  if (select.exceptIds?.length) conditions.push({ sql: `r.id NOT IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(select.exceptIds)] });
  const from = source === 'mirror' ? `${resource} AS r` : `(${editedRows(resource, plan.edited)}) AS r`;
  const where = conditions.length ? ` WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ')}` : '';
  return {
    sql: `SELECT ${columns.map((c) => c.sql).join(', ')} FROM ${from}${where}`,
    params: [...columns.flatMap((c) => c.params), ...conditions.flatMap((c) => c.params)],
  };
}

/**
 * A row's key: the rowid of a mirror row (a number), or the id of an edited record (text). In
 * SQLite's order numbers come before text, so the key also breaks ties between the two sources.
 */
type Key = number | string;

/**
 * The selection's keys (or, with `ids`, the records' ids) in the grid's order: the first column of
 * each row. Both sources are merged by one ORDER BY; ties go by the key, in the direction of the
 * first sort, so a window of the mirror table comes straight off an index (each ends with the rowid).
 */
function orderedKeys(plan: Plan, page?: { limit: number; offset: number }, ids = false, reversed = false): SqlPart {
  const sorts = plan.sort.map((s) => sortSql(plan.resource, s.column, plan.context));
  const parts = plan.sources.map((source) =>
    sourceSelect(plan, source, [
      ...(ids ? [{ sql: 'r.id AS id', params: [] }] : []),
      { sql: `${source === 'mirror' ? 'r.rowid' : 'r.id'} AS k`, params: [] },
      ...sorts.map((s, i) => ({ sql: `${s.sql} AS s${i}`, params: s.params })),
      // Ties go by the mirror's rowid for edited records too, so a record keeps its place among
      // equals when it is edited (a record made here, with no mirror row, goes after them).
      { sql: source === 'mirror' ? 'r.rowid AS t' : `COALESCE((SELECT m.rowid FROM ${plan.resource} m WHERE m.id = r.id), r.id) AS t`, params: [] },
    ]),
  );
  // Names and emails sort as people read them (case-insensitively), which is also how their indexes are built.
  const collate = (column: string) => (/name|email/.test(column) ? ' COLLATE NOCASE' : '');
  const direction = (desc: boolean | undefined) => ((desc === true) !== reversed ? 'DESC' : 'ASC');
  const order = [...plan.sort.map((s, i) => `s${i}${collate(s.column)} ${direction(s.desc)}`), `t ${direction(plan.sort[0]?.desc)}`].join(', ');
  const limit = page ? ' LIMIT ? OFFSET ?' : '';
  return {
    sql: `${parts.map((p) => p.sql).join(' UNION ALL ')} ORDER BY ${order}${limit}`,
    params: [...parts.flatMap((p) => p.params), ...(page ? [page.limit, page.offset] : [])],
  };
}


/** The records behind keys, in the keys' order; enrollments with their display fields. */
function rowsFor(db: Database.Database, resource: MirrorResource, keys: Key[]): Json[] {
  const found = new Map<string, Json>();
  const mirror = keys.filter((k) => typeof k === 'number');
  const edited = keys.filter((k) => typeof k === 'string');
  if (mirror.length) {
    const rows = preparedStatement(db, `SELECT rowid AS k, json FROM ${resource} WHERE rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(mirror)) as { k: number; json: string }[];
    for (const r of rows) found.set(`0:${r.k}`, JSON.parse(r.json) as Json);
  }
  if (edited.length) {
    const rows = preparedStatement(db, `SELECT id AS k, json FROM ${resource}_current WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(edited)) as { k: string; json: string }[];
    for (const r of rows) found.set(`1:${r.k}`, JSON.parse(r.json) as Json);
  }
  const rows = keys.map((k) => found.get(`${typeof k === 'number' ? 0 : 1}:${k}`)).filter((r): r is Json => r !== undefined);
  return resource === 'enrollments' ? withEnrollmentDisplay(db, rows) : rows;
}

function count(db: Database.Database, plan: Plan): number {
  const n = (source: RowSource, mirrorRows?: 'all' | 'edited') => sourceSelect(plan, source, [{ sql: 'COUNT(*) AS n', params: [] }], mirrorRows);
  // With edits: every mirror row, less those read as edited, plus the edited ones. Counting all
  // mirror rows comes off an index; checking each against the edited ones would not.
  const parts = plan.sources.includes('edited') ? [n('mirror', 'all'), n('mirror', 'edited'), n('edited')] : [n('mirror')];
  const sql = `SELECT ${parts.map((p, i) => `${i === 1 ? '- ' : i === 2 ? '+ ' : ''}(${p.sql})`).join(' ')} AS n`;
  return db.prepare(sql).pluck().get(...parts.flatMap((p) => p.params)) as number;
}

/**
 * Whether SQLite reads and sorts every matching row to give any window of this query, rather than
 * reading the window off an index (a filter its sort has no index for, a sort with no index).
 *
 * The plan follows from the SQL and the indexes, not from the values bound to it (the store keeps
 * no ANALYZE statistics, and every LIKE pattern starts with %), so it is asked once per SQL text
 * while the schema stays the same (indexes come and go: deferredIndexes.ts), not for every window.
 */
function sortsEverything(db: Database.Database, query: SqlPart): boolean {
  const known = plansFor(db);
  let sorts = known.get(query.sql);
  if (sorts === undefined) {
    sorts = (db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[]).some((step) => step.detail === 'USE TEMP B-TREE FOR ORDER BY');
    known.set(query.sql, sorts);
  }
  return sorts;
}

/** Per connection: what sortsEverything found for each SQL text, under one schema version. */
const plans = new WeakMap<Database.Database, { schema: unknown; sorts: Map<string, boolean> }>();
/** SQL texts remembered at most (each combination of filters and sorts is one); past it, they are asked again. */
const PLANS_KEPT = 200;

function plansFor(db: Database.Database): Map<string, boolean> {
  const schema = preparedStatement(db, 'PRAGMA schema_version').pluck().get();
  let kept = plans.get(db);
  if (!kept || kept.schema !== schema || kept.sorts.size >= PLANS_KEPT) {
    kept = { schema, sorts: new Map() };
    plans.set(db, kept);
  }
  return kept.sorts;
}

/**
 * The keys of one window, and the total. When every window would search or sort all matching rows anyway,
 * the sorted keys are computed once and kept while the data stays the same: the next windows of
 * that query (a person scrolling) are slices of them, and the total is their number.
 */
function windowKeys(db: Database.Database, plan: Plan, q: GridQuery, limit: number, offset: number): { keys: Key[]; total: number } {
  // A search reads its matches through the full-text index into a list, for the window and again
  // for the count. Edited rows are few and always sorted: what matters is how the mirror's are read.
  if (searchWords(q.search).length === 0 && !sortsEverything(db, orderedKeys({ ...plan, sources: ['mirror'] }, { limit, offset }))) return directWindow(db, plan, limit, offset);
  const timed = [...(q.filters ?? []), ...plan.sort].some((c) => derivedColumn(plan.resource, c.column)?.usesNow);
  const cacheKey = JSON.stringify([plan.resource, q.filters ?? [], q.search ?? '', q.ids ?? null, q.exceptIds ?? null, plan.sort, timed ? plan.context.now : null]);
  const allKeys = () => {
    const keys = orderedKeys(plan);
    return db.prepare(keys.sql).pluck().all(...keys.params) as Key[];
  };
  // A table in its first listing has no indexes and a commit every few hundred ms: its answers are
  // kept and grown with the rows written since (listingAnswers.ts).
  if (readsOnlyTheRow(plan)) {
    const grown = listingWindow(db, plan.resource, cacheKey, { offset, limit }, { all: allKeys as () => number[], grown: (kept, after, keep) => grownKeys(db, plan, kept, after, keep) });
    if (grown) return grown;
  }
  const all = keptResult(db, cacheKey, allKeys);
  return { keys: all.slice(offset, offset + limit), total: all.length };
}

/**
 * Whether which mirror rows the query matches, and their order, follow from each row alone: no
 * edited records, no column derived from other tables or the clock, and no search of enrollments
 * (which looks in their students and courses).
 */
function readsOnlyTheRow(plan: Plan): boolean {
  const { resource, select, sort, sources } = plan;
  if (sources.length !== 1 || (resource === 'enrollments' && searchWords(select.search).length > 0)) return false;
  return [...(select.filters ?? []), ...sort].every((c) => derivedColumn(resource, c.column) === undefined && plainColumn(resource, c.column) !== undefined);
}

/** The first `keep` keys in order among `kept` and the mirror rows after rowid `after`, and how many of those rows match. */
function grownKeys(db: Database.Database, plan: Plan, kept: number[], after: number, keep: number): { keys: number[]; added: number } {
  const window = orderedKeys({ ...plan, mirrorOnly: { sql: `r.rowid IN (SELECT value FROM json_each(?)) OR r.rowid > ?`, params: [JSON.stringify(kept), after] } }, { limit: keep, offset: 0 });
  return { keys: db.prepare(window.sql).pluck().all(...window.params) as number[], added: addedSince(db, plan, after) };
}

/** How many of the mirror rows after rowid `after` match. */
function addedSince(db: Database.Database, plan: Plan, after: number): number {
  const added = sourceSelect({ ...plan, mirrorOnly: { sql: 'r.rowid > ?', params: [after] } }, 'mirror', [{ sql: 'COUNT(*)', params: [] }]);
  return db.prepare(added.sql).pluck().get(...added.params) as number;
}

/**
 * A window read straight off an index. `OFFSET n` walks n index entries, so a window in the far
 * half of a long list (a person at the end of 1M rows) is read from the other end, in the
 * opposite order, and turned round: every order here is total (ties go by a unique key, and
 * SQLite puts NULLs first ascending and last descending), so the two readings agree exactly.
 */
function directWindow(db: Database.Database, plan: Plan, limit: number, offset: number): { keys: Key[]; total: number } {
  // The count is the same for every window of a query (and every sort): kept until the next write,
  // it is not paid again for each window while a person scrolls (40–70 ms at 1M rows).
  const { filters, search, ids, exceptIds } = plan.select;
  const timed = (filters ?? []).some((f) => derivedColumn(plan.resource, f.column)?.usesNow);
  const countKey = JSON.stringify(['count', plan.resource, filters ?? [], search ?? '', ids ?? null, exceptIds ?? null, timed ? plan.context.now : null]);
  // During a first listing, counted again only over the rows written since (listingAnswers.ts).
  const listed = readsOnlyTheRow(plan) ? listingTotal(db, plan.resource, countKey, { all: () => count(db, plan), added: (after) => addedSince(db, plan, after) }) : undefined;
  const total = listed ?? keptResult(db, countKey, () => count(db, plan));
  if (offset <= total / 2 || offset >= total) {
    const direct = orderedKeys(plan, { limit, offset });
    return { keys: db.prepare(direct.sql).pluck().all(...direct.params) as Key[], total };
  }
  const shown = Math.min(limit, total - offset);
  const fromEnd = orderedKeys(plan, { limit: shown, offset: total - offset - shown }, false, true);
  return { keys: (db.prepare(fromEnd.sql).pluck().all(...fromEnd.params) as Key[]).reverse(), total };
}

export function queryWindow(db: Database.Database, resource: MirrorResource, q: GridQuery, options: GridOptions = {}): GridWindow {
  const plan = makePlan(db, resource, q, q.sort ?? [], options.now);
  const limit = Math.max(0, Math.min(MAX_WINDOW, Math.trunc(q.limit)));
  const offset = Math.max(0, Math.trunc(q.offset));
  const { keys, total } = windowKeys(db, plan, q, limit, offset);
  const rows = rowsFor(db, resource, keys);
  const window: GridWindow = { rows, total };
  if (options.editStates) window.edits = rows.length ? options.editStates(rows.map((r) => String(r['id']))) : {};
  return window;
}

/** Ids of every row the selection matches (select-all in a grid is this query, not a list of loaded rows). */
export function matchingIds(db: Database.Database, resource: MirrorResource, select: GridSelect, options: Pick<GridOptions, 'now'> = {}): string[] {
  const plan = makePlan(db, resource, select, [], options.now);
  const keys = orderedKeys(plan, undefined, true);
  return db.prepare(keys.sql).pluck().all(...keys.params) as string[];
}

/** Every row the selection matches, sorted as the grid sorts them, read a chunk at a time (for export). */
export function* matchingRows(
  db: Database.Database,
  resource: MirrorResource,
  select: GridSelect & { sort?: GridSort[] },
  options: Pick<GridOptions, 'now'> = {},
): Generator<Json> {
  const plan = makePlan(db, resource, select, select.sort ?? [], options.now);
  const keys = orderedKeys(plan);
  const all = db.prepare(keys.sql).pluck().all(...keys.params) as Key[];
  const CHUNK = 500;
  for (let i = 0; i < all.length; i += CHUNK) yield* rowsFor(db, resource, all.slice(i, i + CHUNK));
}
