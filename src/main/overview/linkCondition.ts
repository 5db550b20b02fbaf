// A link's filters as one SQL condition over the row `r`, built the way the grid builds its own
// (derived columns from derivedColumns.ts, plain columns with filterClause), so that what the
// Overview counts and what the grid then shows are the same rows by construction.
import type { GridResource } from '../../shared/bridge';
import { derivedColumn } from '../store/derivedColumns';
import { filterClause, type SqlPart } from '../store/filterClause';
import { MIRROR_COLUMNS } from '../store/mirrorColumns';
import type { LinkFilter } from './overviewLinks';

/** The condition every row meets. */
export const ALL: SqlPart = { sql: '1', params: [] };

export function linkCondition(resource: GridResource, filters: LinkFilter[], now: number): SqlPart {
  const parts = filters.map((f) => {
    const derived = derivedColumn(resource, f.column);
    if (derived) return derived.filter(f, { now });
    if (f.column !== 'id' && !(f.column in MIRROR_COLUMNS[resource])) throw new Error(`the overview counts ${resource} by "${f.column}", which is not one of their columns`);
    return filterClause(`r.${f.column}`, f);
  });
  return allOf(...parts);
}

/** Several conditions joined with AND. */
export function allOf(...parts: SqlPart[]): SqlPart {
  const real = parts.filter((p) => p.sql !== ALL.sql);
  if (real.length === 0) return ALL;
  return { sql: real.map((p) => `(${p.sql})`).join(' AND '), params: real.flatMap((p) => p.params) };
}
