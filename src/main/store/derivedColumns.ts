// Grid columns that are not a column of the resource's table: computed from other tables or from
// several fields. Each turns a filter (and, where it makes sense, a sort) into SQL over the row `r`
// — the mirror table's row, or the record as edited locally; both have the resource's mirror
// columns, `id` and `json`. Add an entry here to make a new one filterable; gridQuery needs no change.
import { ENROLLMENT_STATES, type EnrollmentState } from '../../shared/bridge';
import { EnlightError } from '../../shared/errors';
import { filterClause, type GridFilter, type SqlPart } from './filterClause';
import type { MirrorResource } from './mirrorColumns';

export interface DerivedContext {
  /** Epoch milliseconds: what "expired" and other time-relative columns are measured against. */
  now: number;
}

export interface DerivedColumn {
  /** The filter as a WHERE condition over `r`. */
  filter(f: GridFilter, context: DerivedContext): SqlPart;
  /** An expression over `r` to sort by; absent when the column cannot be sorted. */
  sort?(context: DerivedContext): SqlPart;
  /** Whether its value depends on the time (`context.now`), so a result kept for one moment is not one for the next. */
  usesNow?: boolean;
}

/** A value computed from the row: every filter and the sort work on it as on a plain column. */
export function scalar(expression: (context: DerivedContext) => SqlPart, options: { usesNow?: boolean } = {}): DerivedColumn {
  return {
    usesNow: options.usesNow,
    filter(f, context) {
      const e = expression(context);
      const clause = filterClause(e.sql, f);
      return { sql: clause.sql, params: [...e.params, ...clause.params] };
    },
    sort: expression,
  };
}

/**
 * Belonging to one or more things (a group): `members(set)` selects the ids of rows that belong to
 * any in `set` (an SQL list expression), or to anything at all when `set` is null. The filter's
 * values are bound as one JSON array per use of `set`.
 */
export function membership(label: string, members: (set: string | null) => string): DerivedColumn {
  return {
    filter(f) {
      const any = members(null);
      switch (f.op) {
        case 'not-null':
          return { sql: `r.id IN (${any})`, params: [] };
        case 'is-null':
          return { sql: `r.id NOT IN (${any})`, params: [] };
        case 'eq':
        case 'ne':
        case 'in': {
          const values = f.op === 'in' ? (f.values ?? []) : f.value === null || f.value === undefined ? [] : [f.value];
          const sql = members('(SELECT value FROM json_each(?))');
          const params = Array.from({ length: sql.split('?').length - 1 }, () => JSON.stringify(values));
          return { sql: `r.id ${f.op === 'ne' ? 'NOT IN' : 'IN'} (${sql})`, params };
        }
        default:
          throw new EnlightError({ code: 'validation', message: `The ${label} filter can be "is", "is not", "any of", "none" or "any", not "${f.op}".` });
      }
    },
  };
}

/** Enrollments of a group: the server's memberships, and the groups an enrollment created here names. */
function enrollmentsInGroups(set: string | null): string {
  return `SELECT gm.enrollment_id FROM group_memberships gm${set ? ` WHERE gm.group_id IN ${set}` : ''}
    UNION ALL SELECT o.id FROM enrollments_overlay o, json_each(o.json, '$.group_ids') g${set ? ` WHERE g.value IN ${set}` : ''}`;
}

/** Students with an enrollment in a group. */
function studentsInGroups(set: string | null): string {
  return `SELECT e.student_id FROM group_memberships gm JOIN enrollments e ON e.id = gm.enrollment_id${set ? ` WHERE gm.group_id IN ${set}` : ''}
    UNION ALL SELECT json_extract(o.json, '$.student_id') FROM enrollments_overlay o, json_each(o.json, '$.group_ids') g
      WHERE json_extract(o.json, '$.student_id') IS NOT NULL${set ? ` AND g.value IN ${set}` : ''}`;
}

// An enrollment's state, one of ENROLLMENT_STATES (see bridge.ts). Dates compare as the ISO-8601
// text the server writes, as the grid's own date filters do, so a state and a date filter agree.
const STATE_CONDITION: Record<EnrollmentState, { sql: string; usesNow: boolean }> = {
  cancelled: { sql: `r.active IS NOT 1`, usesNow: false },
  completed: { sql: `(r.active = 1 AND r.completed_at IS NOT NULL)`, usesNow: false },
  expired: { sql: `(r.active = 1 AND r.completed_at IS NULL AND r.expires_at < ?)`, usesNow: true },
  active: { sql: `(r.active = 1 AND r.completed_at IS NULL AND (r.expires_at IS NULL OR r.expires_at >= ?))`, usesNow: true },
};

function stateCondition(value: unknown, now: string): SqlPart {
  if (!(ENROLLMENT_STATES as readonly unknown[]).includes(value)) {
    throw new EnlightError({ code: 'validation', message: `"${String(value)}" is not an enrollment state; choose one of ${ENROLLMENT_STATES.join(', ')}.` });
  }
  const c = STATE_CONDITION[value as EnrollmentState];
  return { sql: c.sql, params: c.usesNow ? [now] : [] };
}

const enrollmentState: DerivedColumn = {
  usesNow: true,
  filter(f, context) {
    const now = new Date(context.now).toISOString();
    switch (f.op) {
      case 'is-null':
        return { sql: '0', params: [] };
      case 'not-null':
        return { sql: '1', params: [] };
      case 'eq':
      case 'ne':
      case 'in': {
        const conditions = (f.op === 'in' ? (f.values ?? []) : [f.value]).map((v) => stateCondition(v, now));
        if (conditions.length === 0) return { sql: '0', params: [] };
        const any = `(${conditions.map((c) => c.sql).join(' OR ')})`;
        return { sql: f.op === 'ne' ? `NOT ${any}` : any, params: conditions.flatMap((c) => c.params) };
      }
      default:
        throw new EnlightError({ code: 'validation', message: `The state filter can be "is", "is not" or "any of", not "${f.op}".` });
    }
  },
  sort(context) {
    return {
      sql: `CASE WHEN r.active IS NOT 1 THEN 'cancelled' WHEN r.completed_at IS NOT NULL THEN 'completed' WHEN r.expires_at < ? THEN 'expired' ELSE 'active' END`,
      params: [new Date(context.now).toISOString()],
    };
  },
};

/**
 * When a student was first enrolled: the API gives students no creation date, so their first
 * enrollment's stands for it ("new students this week"). Enrollments made here have no created_at
 * until the server has them, and no edit changes one, so the mirror's enrollments are the whole
 * answer; the (student_id, created_at) index makes it one lookup a student.
 */
const FIRST_ENROLLED_AT = `(SELECT MIN(e.created_at) FROM enrollments e WHERE e.student_id = r.id)`;

/** Per resource, the derived columns by name (see DERIVED_FILTER_COLUMNS in bridge.ts). */
export const DERIVED_COLUMNS: Partial<Record<MirrorResource, Record<string, DerivedColumn>>> = {
  enrollments: {
    group_id: membership('group', enrollmentsInGroups),
    state: enrollmentState,
  },
  students: {
    group_id: membership('group', studentsInGroups),
    first_enrolled_at: scalar(() => ({ sql: FIRST_ENROLLED_AT, params: [] })),
    course_id: membership('course', (set) => `SELECT e.student_id FROM enrollments_current e${set ? ` WHERE e.course_id IN ${set}` : ''}`),
    instructor_id: membership('instructor', (set) => `SELECT e.student_id FROM enrollments_current e${set ? ` WHERE e.instructor_id IN ${set}` : ''}`),
  },
};

/** The derived column of that name, if the resource has one (names come from the outside: own entries only). */
export function derivedColumn(resource: MirrorResource, column: string): DerivedColumn | undefined {
  const columns = DERIVED_COLUMNS[resource];
  return columns && Object.hasOwn(columns, column) ? columns[column] : undefined;
}
