// The Overview's enrollment counts over one set of rows, in SQLite. Every count is a sum over rows,
// so the page's counts are the mirror's, less those of the mirror records that have local edits,
// plus those records as edited (see OverviewPages.ts for why it is split so). Each count's condition
// is built from the grid filters of its link (overviewLinks.ts, linkCondition.ts).
import type Database from 'better-sqlite3';
import { ENROLLMENT_STATES, type EnrollmentState } from '../../shared/bridge';
import { indexesDeferred } from '../store/deferredIndexes';
import type { SqlPart } from '../store/filterClause';
import { DAYS_SHOWN, WEEKS_SHOWN, type PageBounds } from './calendar';
import { ALL, allOf, linkCondition } from './linkCondition';
import { dayFilters, figureFilters, stateFilter, weekFilters, type LinkFilter } from './overviewLinks';

/** Enrollment rows to count, as `r` (the mirror table's columns). */
export interface RowSource {
  /** The FROM clause; `index` names an index of the mirror table to read it through. */
  from(index?: string): string;
  where: SqlPart;
  /** Whether a row may join a group through the group_ids of an enrollment made here. */
  localGroups: boolean;
  /** The whole mirror: counted through indexes, the costly parts only where asked for. */
  whole?: boolean;
}

/**
 * Every record of the mirror, as the server sent it. While enrollments are first listed their
 * indexes are not there yet (deferredIndexes.ts), and none is named.
 */
export function mirrorRows(db: Database.Database): RowSource {
  const indexed = !indexesDeferred(db, 'enrollments');
  return {
    from: (index) => `enrollments AS r${index && indexed ? ` INDEXED BY ${index}` : ''}`,
    where: ALL,
    localGroups: false,
    whole: true,
  };
}

/**
 * Makes, once per connection, the table the mirror's records that meet a condition are copied to
 * (gatherMirrorRows). It is a temporary table: it goes with the connection and is never part of
 * the account's database.
 */
export function prepareGathering(db: Database.Database): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS overview_gathered (
      id TEXT, student_id TEXT, course_id TEXT, instructor_id TEXT, active INTEGER, created_at TEXT, started_at TEXT, completed_at TEXT, expires_at TEXT
    );
    CREATE INDEX IF NOT EXISTS temp.overview_gathered_expires ON overview_gathered(expires_at);
    CREATE INDEX IF NOT EXISTS temp.overview_gathered_completed ON overview_gathered(completed_at);`);
}

/**
 * The mirror's records that meet a condition (within the page's filters, with a date the clock
 * just passed, with local edits: a few thousand at most), copied once through the index the
 * condition names, then counted. Counted in place instead, each of the charts' hundred counts would
 * walk its date range, or the page's course, and look every record up to test the rest.
 */
export function gatherMirrorRows(statement: CountContext['statement'], condition: SqlPart, within: SqlPart = ALL): RowSource {
  statement(`DELETE FROM temp.overview_gathered`).run();
  statement(
    `INSERT INTO temp.overview_gathered (id, student_id, course_id, instructor_id, active, created_at, started_at, completed_at, expires_at)
     SELECT r.id, r.student_id, r.course_id, r.instructor_id, r.active, r.created_at, r.started_at, r.completed_at, r.expires_at FROM enrollments AS r WHERE ${condition.sql}`,
  ).run(...condition.params);
  // A second condition is tested on the few gathered rows, so that the first alone picks the index.
  if (within.sql !== ALL.sql) {
    statement(`DELETE FROM temp.overview_gathered WHERE rowid IN (SELECT r.rowid FROM temp.overview_gathered AS r WHERE NOT (${within.sql}))`).run(...within.params);
  }
  return { from: () => `temp.overview_gathered AS r`, where: ALL, localGroups: false };
}

/**
 * Mirror records whose count may differ between two moments of the same day: those with a date
 * the clock passed in between, against now (expiry), or against a fixed distance from now (seven
 * and thirty days ahead, thirty days since a start, fourteen since an enrollment was made).
 */
export function datesPassedCondition(from: PageBounds, to: PageBounds): SqlPart {
  const ranges: [string, string, string][] = [
    ['expires_at', from.now, to.now],
    ['expires_at', from.in7Days, to.in7Days],
    ['expires_at', from.in30Days, to.in30Days],
    ['started_at', from.ago30Days, to.ago30Days],
    ['created_at', from.ago14Days, to.ago14Days],
  ];
  return {
    sql: `r.rowid IN (${ranges.map(([column]) => `SELECT rowid FROM enrollments WHERE ${column} >= ? AND ${column} < ?`).join(' UNION ')})`,
    params: ranges.flatMap(([, a, b]) => [a, b]),
  };
}

/** The mirror's records of those with local edits (to be gathered: a few, looked up by id). */
export const EDITED_IN_MIRROR: SqlPart = { sql: 'r.id IN (SELECT id FROM enrollments_overlay)', params: [] };

/** Those records as edited here, and enrollments made here. */
export const EDITED_ROWS: RowSource = {
  from: () => `enrollments_overlay AS r`,
  where: { sql: 'r.deleted = 0', params: [] },
  localGroups: true,
};

/** The enrollment figures counted row by row (completions this week are the last week of the chart). */
export const COUNTED_FIGURES = ['activeEnrollments', 'completedThisMonth', 'expiringIn7Days', 'expiringIn30Days', 'startedNotCompleted30Days', 'neverStarted14Days'] as const;
export type CountedFigure = (typeof COUNTED_FIGURES)[number];

/**
 * Figures of active enrollments only. On the whole mirror they are counted together, in one pass
 * over the active enrollments in the index of open enrollments (migration 7), which holds their
 * expiry, start and creation: without it SQLite would look each record up.
 */
const OF_ACTIVE: readonly CountedFigure[] = ['activeEnrollments', 'startedNotCompleted30Days', 'neverStarted14Days'];

export interface EnrollmentCounts {
  /** Enrollments per course. */
  courseTotals: Map<string, number>;
  /** Per course and state: for every course, except on the whole mirror, where only for the courses asked for. */
  courseStates: Map<string, Record<EnrollmentState, number>>;
  figures: Record<CountedFigure, number>;
  /** Completions per week, oldest first (WEEKS_SHOWN). */
  weeks: number[];
  /** Active enrollments expiring per day, from today (DAYS_SHOWN). */
  days: number[];
  /** Enrollments per group. */
  groups: Map<string, number>;
}

export interface CountContext {
  /** A prepared statement for the SQL, prepared once per connection (MirrorStore.statement). */
  statement(sql: string): Database.Statement;
  bounds: PageBounds;
  /** The page's filters, as a condition over `r`. */
  narrowing: SqlPart;
  /** Set when the page shows one group: only its size is counted. */
  onlyGroup?: string;
}

export function countEnrollments(source: RowSource, context: CountContext): EnrollmentCounts {
  const courseStates = source.whole ? new Map<string, Record<EnrollmentState, number>>() : countCourseStates(source, context);
  const courseTotals = source.whole ? countCourseTotals(source, context) : new Map([...courseStates].map(([id, states]) => [id, sumStates(states)]));
  return { courseTotals, courseStates, ...countFiguresAndDays(source, context), groups: countGroups(source, context) };
}

/**
 * a + plus − minus, count by count. States per course are kept for the courses `a` has them for:
 * elsewhere a's part is not known.
 */
export function combineCounts(a: EnrollmentCounts, plus: EnrollmentCounts, minus: EnrollmentCounts): EnrollmentCounts {
  const courseStates = new Map<string, Record<EnrollmentState, number>>();
  for (const [id, states] of a.courseStates) {
    const into = { ...states };
    for (const s of ENROLLMENT_STATES) into[s] += (plus.courseStates.get(id)?.[s] ?? 0) - (minus.courseStates.get(id)?.[s] ?? 0);
    courseStates.set(id, into);
  }
  const figures = Object.fromEntries(COUNTED_FIGURES.map((f) => [f, a.figures[f] + plus.figures[f] - minus.figures[f]])) as Record<CountedFigure, number>;
  return {
    courseTotals: addCounts(a.courseTotals, plus.courseTotals, minus.courseTotals),
    courseStates,
    figures,
    weeks: a.weeks.map((n, i) => n + (plus.weeks[i] ?? 0) - (minus.weeks[i] ?? 0)),
    days: a.days.map((n, i) => n + (plus.days[i] ?? 0) - (minus.days[i] ?? 0)),
    groups: addCounts(a.groups, plus.groups, minus.groups),
  };
}

function addCounts(a: Map<string, number>, plus: Map<string, number>, minus: Map<string, number>): Map<string, number> {
  const sum = new Map(a);
  for (const [id, n] of plus) sum.set(id, (sum.get(id) ?? 0) + n);
  for (const [id, n] of minus) sum.set(id, (sum.get(id) ?? 0) - n);
  return sum;
}

function sumStates(states: Record<EnrollmentState, number>): number {
  return ENROLLMENT_STATES.reduce((n, s) => n + states[s], 0);
}

/** Enrollments per course, off the course index. */
function countCourseTotals(source: RowSource, { statement, narrowing }: CountContext): Map<string, number> {
  const where = allOf(source.where, narrowing);
  const rows = statement(`SELECT r.course_id, COUNT(*) FROM ${source.from()} WHERE ${where.sql} GROUP BY r.course_id`).raw().all(...where.params) as [string | null, number][];
  return new Map(rows.map(([id, n]) => [id ?? '', n]));
}

/**
 * Enrollments per course and state, for the listed courses or all. The four states split every
 * enrollment (bridge.ts), so the active ones are those in none of the other three; the course index
 * holds every field a state is made of.
 */
export function countCourseStates(source: RowSource, { statement, bounds, narrowing }: CountContext, courseIds?: string[]): Map<string, Record<EnrollmentState, number>> {
  const others = (['cancelled', 'completed', 'expired'] as const).map((s) => linkCondition('enrollments', [stateFilter(s)], bounds.nowMs));
  const where = allOf(source.where, narrowing, courseIds ? { sql: 'r.course_id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(courseIds)] } : ALL);
  const rows = statement(
    `SELECT r.course_id AS id, COUNT(*) AS total, ${others.map((c, i) => `SUM(${c.sql}) AS s${i}`).join(', ')}
     FROM ${source.from()} WHERE ${where.sql} GROUP BY r.course_id`,
  )
    .raw()
    .all(...others.flatMap((c) => c.params), ...where.params) as [string | null, number, number, number, number][];
  const states = new Map<string, Record<EnrollmentState, number>>();
  for (const [id, total, cancelled, completed, expired] of rows) {
    states.set(id ?? '', { cancelled, completed, expired, active: total - cancelled - completed - expired });
  }
  for (const id of courseIds ?? []) if (!states.has(id)) states.set(id, { active: 0, completed: 0, expired: 0, cancelled: 0 });
  return states;
}

/** The figures, the completions per week and the expiries per day: one count each. */
function countFiguresAndDays(source: RowSource, context: CountContext): Pick<EnrollmentCounts, 'figures' | 'weeks' | 'days'> {
  const { bounds } = context;
  const definitions = figureFilters(bounds);
  const together = source.whole ? OF_ACTIVE : [];
  const apart = COUNTED_FIGURES.filter((f) => !together.includes(f));
  const counted = new Map<CountedFigure, number>();
  countEach(source, context, apart.map((f) => definitions[f])).forEach((n, i) => counted.set(apart[i] as CountedFigure, n));
  if (together.length) countActive(source, context, together.map((f) => definitions[f])).forEach((n, i) => counted.set(together[i] as CountedFigure, n));
  const figures = Object.fromEntries(COUNTED_FIGURES.map((f) => [f, counted.get(f) ?? 0])) as Record<CountedFigure, number>;
  const weeks = countEach(source, context, Array.from({ length: WEEKS_SHOWN }, (_, i) => weekFilters(bounds, i)));
  const days = countEach(source, context, Array.from({ length: DAYS_SHOWN }, (_, i) => dayFilters(bounds, i)));
  return { figures, weeks, days };
}

/** Counts per statement: SQLite limits how many subqueries one statement may nest. */
const COUNTS_PER_STATEMENT = 30;

/** One COUNT(*) per set of filters. */
function countEach(source: RowSource, { statement, bounds, narrowing }: CountContext, sets: LinkFilter[][]): number[] {
  const parts = sets.map((filters) => {
    const where = allOf(source.where, narrowing, linkCondition('enrollments', filters, bounds.nowMs));
    return { sql: `(SELECT COUNT(*) FROM ${source.from()} WHERE ${where.sql})`, params: where.params };
  });
  const counts: number[] = [];
  for (let i = 0; i < parts.length; i += COUNTS_PER_STATEMENT) {
    const chunk = parts.slice(i, i + COUNTS_PER_STATEMENT);
    counts.push(...(statement(`SELECT ${chunk.map((p) => p.sql).join(', ')}`).raw().get(...chunk.flatMap((p) => p.params)) as number[]));
  }
  return counts;
}

/**
 * Counts of sets of active enrollments, in one pass over the active ones: what each set asks
 * besides being active is summed over every active enrollment, so each count is exactly its set.
 * An active enrollment expires from now on, or never: the two are read apart, each one range of
 * the open index, which holds every field the sums read.
 */
function countActive(source: RowSource, { statement, bounds }: CountContext, sets: LinkFilter[][]): number[] {
  const isActive = (f: LinkFilter) => f.column === 'state' && f.op === 'eq' && f.value === 'active';
  const conditions = sets.map((filters) => {
    if (!filters.some(isActive)) throw new Error('countActive counts sets of active enrollments only');
    return linkCondition('enrollments', filters.filter((f) => !isActive(f)), bounds.nowMs);
  });
  const sums = conditions.map((c) => `SUM(${c.sql})`).join(', ');
  const from = source.from('enrollments_open');
  const open = `r.active = 1 AND r.completed_at IS NULL`;
  const params = conditions.flatMap((c) => c.params);
  const rows = [
    statement(`SELECT ${sums} FROM ${from} WHERE ${open} AND r.expires_at >= ?`).raw().get(...params, bounds.now),
    statement(`SELECT ${sums} FROM ${from} WHERE ${open} AND r.expires_at IS NULL`).raw().get(...params),
  ] as (number | null)[][];
  return sets.map((_, i) => rows.reduce((n, row) => n + (row[i] ?? 0), 0));
}

/**
 * Enrollments per group, as the grid's group filter finds them: the server's memberships, and for
 * enrollments made here, the groups they name (no other record has group_ids of its own).
 */
function countGroups(source: RowSource, { statement, narrowing, onlyGroup }: CountContext): Map<string, number> {
  const groups = new Map<string, number>();
  const add = (rows: [string, number][]) => {
    for (const [id, n] of rows) groups.set(id, (groups.get(id) ?? 0) + n);
  };
  const only: SqlPart = onlyGroup ? { sql: 'gm.group_id = ?', params: [onlyGroup] } : ALL;
  if (source.whole && narrowing.sql === ALL.sql) {
    // The whole mirror: counting memberships off their index, less those of enrollments the mirror
    // does not have (a group's member made on the server after the enrollments were listed), is
    // far cheaper than joining 100,000 memberships to their enrollments one by one.
    const members = statement(`SELECT gm.group_id, COUNT(*) FROM group_memberships gm WHERE ${only.sql} GROUP BY gm.group_id`).raw().all(...only.params) as [string, number][];
    const missing = statement(
      `SELECT gm.group_id, COUNT(*) FROM group_memberships gm
       WHERE gm.enrollment_id IN (SELECT enrollment_id FROM group_memberships EXCEPT SELECT id FROM enrollments) AND ${only.sql}
       GROUP BY gm.group_id`,
    )
      .raw()
      .all(...only.params) as [string, number][];
    add(members);
    add(missing.map(([id, n]) => [id, -n]));
    return groups;
  }
  // The rows lead (CROSS JOIN), each finding its groups through the membership index.
  const where = allOf(source.where, narrowing, only);
  add(
    statement(`SELECT gm.group_id, COUNT(*) FROM ${source.from()} CROSS JOIN group_memberships gm ON gm.enrollment_id = r.id WHERE ${where.sql} GROUP BY gm.group_id`)
      .raw()
      .all(...where.params) as [string, number][],
  );
  if (source.localGroups) {
    const local = allOf(source.where, narrowing, onlyGroup ? { sql: 'g.value = ?', params: [onlyGroup] } : ALL);
    add(statement(`SELECT g.value, COUNT(DISTINCT r.id) FROM ${source.from()}, json_each(r.json, '$.group_ids') g WHERE ${local.sql} GROUP BY g.value`).raw().all(...local.params) as [string, number][]);
  }
  return groups;
}
