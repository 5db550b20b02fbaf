// One window of a grid: sorted, filtered and searched in SQLite over indexed columns, with the
// total count, so the renderer never holds a whole table.
import type Database from 'better-sqlite3';
import { GRID_RESOURCES } from '../../shared/bridge';
import { MIRROR_COLUMNS, type MirrorResource } from './mirrorColumns';

export type FilterOp = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'is-null' | 'not-null' | 'contains';

export interface GridFilter {
  column: string;
  op: FilterOp;
  value?: string | number | null;
}

export interface GridQuery {
  sort?: { column: string; desc?: boolean }[];
  filters?: GridFilter[];
  search?: string;
  offset: number;
  limit: number;
}

export interface GridWindow {
  rows: Record<string, unknown>[];
  total: number;
}

const FTS: Partial<Record<MirrorResource, string>> = {
  students: 'students_fts',
  users: 'users_fts',
  courses: 'courses_fts',
  groups: 'groups_fts',
};

const OPS: Record<Exclude<FilterOp, 'is-null' | 'not-null' | 'contains'>, string> = { eq: '=', ne: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=' };

function checkColumn(resource: MirrorResource, column: string): string {
  if (column !== 'id' && !(column in MIRROR_COLUMNS[resource])) throw new Error(`${resource} cannot be sorted or filtered by "${column}"`);
  return column;
}

/** Resources with local edits: their grids read mirror ⊕ pending edits (the `_current` view). */
const EDITABLE = new Set<MirrorResource>(GRID_RESOURCES);

/** Builds the WHERE clause; every value is a bound parameter, every column name comes from the whitelist. */
function where(resource: MirrorResource, q: GridQuery, params: unknown[], withEdits: boolean): string {
  const clauses: string[] = [];
  for (const f of q.filters ?? []) {
    const column = checkColumn(resource, f.column);
    if (f.op === 'is-null') clauses.push(`${column} IS NULL`);
    else if (f.op === 'not-null') clauses.push(`${column} IS NOT NULL`);
    else if (f.op === 'contains') {
      clauses.push(`${column} LIKE ? ESCAPE '\\'`);
      params.push(`%${String(f.value ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    } else {
      clauses.push(`${column} ${OPS[f.op]} ?`);
      params.push(f.value ?? null);
    }
  }
  const search = q.search?.trim();
  if (search) {
    const fts = FTS[resource];
    const textColumns = Object.keys(MIRROR_COLUMNS[resource]).filter((c) => /name|email/.test(c));
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const likeClause = () => {
      for (let i = 0; i < textColumns.length; i++) params.push(like);
      return `(${textColumns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`;
    };
    // The trigram index answers three characters or more; shorter searches scan the names. Records
    // with local edits are matched on their edited values.
    if (fts && [...search].length >= 3) {
      params.push(`"${search.replace(/"/g, '""')}"`);
      const indexed = `id IN (SELECT id FROM ${resource} WHERE rowid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?))`;
      clauses.push(withEdits ? `((pending = 0 AND ${indexed}) OR (pending = 1 AND ${likeClause()}))` : indexed);
    } else if (textColumns.length > 0) {
      clauses.push(likeClause());
    }
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

export function queryWindow(db: Database.Database, resource: MirrorResource, q: GridQuery): GridWindow {
  // Without local edits the mirror table is read directly, straight off its indexes.
  const withEdits = EDITABLE.has(resource) && db.prepare(`SELECT 1 FROM ${resource}_overlay LIMIT 1`).get() !== undefined;
  const source = withEdits ? `${resource}_current` : resource;
  const params: unknown[] = [];
  const filter = where(resource, q, params, withEdits);
  // Names and emails sort as people read them (case-insensitively), which is also how their
  // indexes are built, so a sorted window is read off the index instead of sorting the table.
  const collate = (column: string) => (/name|email/.test(column) ? ' COLLATE NOCASE' : '');
  // Ties go by rowid on the mirror table (every index ends with it, so the window comes straight
  // off the index) and by id on the view of pending edits (it has no rowid).
  // The tie-break runs the same way as the first sort, so a descending window is the index read backwards.
  const tiebreak = `${withEdits ? 'id' : 'rowid'} ${q.sort?.[0]?.desc ? 'DESC' : 'ASC'}`;
  const order = [...(q.sort ?? []).map((s) => `${checkColumn(resource, s.column)}${collate(s.column)} ${s.desc ? 'DESC' : 'ASC'}`), tiebreak].join(', ');
  const limit = Math.max(0, Math.min(1000, Math.trunc(q.limit)));
  const offset = Math.max(0, Math.trunc(q.offset));
  const rows = db.prepare(`SELECT json FROM ${source} ${filter} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset) as { json: string }[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${source} ${filter}`).get(...params) as { n: number }).n;
  return { rows: rows.map((r) => JSON.parse(r.json) as Record<string, unknown>), total };
}
