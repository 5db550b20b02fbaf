// One grid filter as SQL over one expression: the comparison a person chose, with every value a
// bound parameter. Column names never reach here from the outside; callers pass whitelisted SQL.
import { EnlightError } from '../../shared/errors';
import type { FilterOp } from '../../shared/bridge';

export interface GridFilter {
  column: string;
  op: FilterOp;
  value?: string | number | null;
  /** For `in`: any of these values. */
  values?: (string | number)[];
}

/** A piece of SQL and the values its placeholders take, in order. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

const COMPARE: Partial<Record<FilterOp, string>> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** `text` as a LIKE pattern matching it anywhere, with LIKE's own characters taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The values an `eq`/`in` filter matches, as one JSON array for json_each (one placeholder, however many). */
export function filterValues(f: GridFilter): (string | number | null)[] {
  if (f.op === 'in') return f.values ?? [];
  return [f.value ?? null];
}

export function filterClause(expression: string, f: GridFilter): SqlPart {
  switch (f.op) {
    case 'is-null':
      return { sql: `${expression} IS NULL`, params: [] };
    case 'not-null':
      return { sql: `${expression} IS NOT NULL`, params: [] };
    case 'eq':
      return f.value === null || f.value === undefined ? { sql: `${expression} IS NULL`, params: [] } : { sql: `${expression} = ?`, params: [f.value] };
    case 'ne':
      // "Not Sam" includes the rows with no value at all, as a person reading the grid expects.
      return { sql: `${expression} IS NOT ?`, params: [f.value ?? null] };
    case 'contains':
      return { sql: `${expression} LIKE ? ESCAPE '\\'`, params: [containsPattern(String(f.value ?? ''))] };
    case 'in': {
      const values = f.values ?? [];
      return values.length ? { sql: `${expression} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values)] } : { sql: '0', params: [] };
    }
    default: {
      const op = COMPARE[f.op];
      if (!op) throw new EnlightError({ code: 'validation', message: `The filter "${f.op}" is not one the grid knows.` });
      return { sql: `${expression} ${op} ?`, params: [f.value ?? null] };
    }
  }
}
