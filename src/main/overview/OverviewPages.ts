// The Overview page of one account: figures and charts counted in SQLite over the local copy as the
// user sees it (the server's records with pending local edits on top), each with the grid link that
// shows the rows it counts.
//
// Why it is computed in parts. Counting 200,000 enrollments takes tens of milliseconds even off
// covering indexes, and the page is asked for again after every local edit. Every count is a sum
// over enrollments, so the page is the mirror's counts, less those of the mirror's records that
// have local edits, plus those records as edited. The mirror's counts are kept between calls: only
// a pull or a push changes the mirror (migration 7's triggers then move `overview_mirror.version`
// on), and as the clock moves on only the records with a date it passed (an expiry, thirty days
// after a start, ...) can count differently, so those few are counted again and the difference
// applied; a new day counts everything afresh. A local edit touches only the few edited records,
// which are counted afresh each time: that is what keeps the refresh after an edit cheap.
// (bench/overview.ts measures the whole page and the refresh after an edit.)
import { ENROLLMENT_STATES, type EnrollmentState, type Overview, type OverviewFigure, type OverviewFilters } from '../../shared/bridge';
import type { SqlPart } from '../store/filterClause';
import type { MirrorStore } from '../store/MirrorStore';
import { pageBounds, systemClock, type OverviewClock, type PageBounds } from './calendar';
import { combineCounts, countCourseStates, countEnrollments, datesPassedCondition, EDITED_IN_MIRROR, EDITED_ROWS, gatherMirrorRows, mirrorRows, prepareGathering, type CountContext, type EnrollmentCounts } from './enrollmentCounts';
import { ALL, allOf, linkCondition } from './linkCondition';
import {
  courseStateFilters,
  dayFilters,
  figureFilters,
  gridLink,
  groupFilters,
  newStudentFilters,
  pageFilters,
  weekFilters,
  type LinkFilter,
} from './overviewLinks';

/** Courses shown in "enrollments by course". */
export const TOP_COURSES = 15;
/** Filter combinations whose mirror counts are kept. */
const KEPT = 8;
/** Ties in the charts go by name, as a person reads names. */
const byName = new Intl.Collator();

interface MirrorCounts {
  /** overview_mirror.version when counted. */
  version: number;
  bounds: PageBounds;
  enrollments: EnrollmentCounts;
  /** Students first enrolled this week (before the page's filters, which can change with local edits). */
  newStudentIds: string[];
  /** The mirror's course and group names, by id. */
  courseNames: Map<string, string>;
  groupNames: Map<string, string>;
}

export class OverviewPages {
  readonly #kept = new Map<string, MirrorCounts>();

  constructor(
    private readonly store: MirrorStore,
    private readonly clock: OverviewClock = systemClock,
  ) {
    prepareGathering(store.db);
  }

  /** The page, narrowed by the page's filters; `outbox` is what the outbox holds now. */
  get(filters: OverviewFilters, outbox: Overview['outbox']): Overview {
    // One read transaction: mirror, local edits and names from the same moment.
    return this.store.db.transaction(() => this.#page(filters, outbox))();
  }

  #page(filters: OverviewFilters, outbox: Overview['outbox']): Overview {
    const bounds = pageBounds(this.clock);
    const page = pageFilters(filters);
    const context: CountContext = {
      statement: (sql) => this.store.statement(sql),
      bounds,
      narrowing: linkCondition('enrollments', page, bounds.nowMs),
      onlyGroup: filters.groupId,
    };
    const mirror = this.#mirrorCounts(filters, context);
    const edited = this.store.statement(`SELECT EXISTS (SELECT 1 FROM enrollments_overlay) AS yes`).pluck().get() === 1;
    const plus = edited ? countEnrollments(EDITED_ROWS, context) : undefined;
    // Gathered already within the page's filters, so no count tests them again.
    const minus = edited ? countEnrollments(gatherMirrorRows(context.statement, EDITED_IN_MIRROR, context.narrowing), { ...context, narrowing: ALL }) : undefined;
    const counts = plus && minus ? combineCounts(mirror.enrollments, plus, minus) : mirror.enrollments;

    // The mirror's states of a course are counted the first time the course is among the top ones.
    const top = this.#topCourses(counts.courseTotals, this.#current('courses', mirror.courseNames));
    const unknown = top.map((c) => c.id).filter((id) => !mirror.enrollments.courseStates.has(id));
    if (unknown.length) for (const [id, states] of countCourseStates(mirrorRows(this.store.db), context, unknown)) mirror.enrollments.courseStates.set(id, states);
    const statesOf = (id: string) =>
      Object.fromEntries(
        ENROLLMENT_STATES.map((s) => [s, (mirror.enrollments.courseStates.get(id)?.[s] ?? 0) + (plus?.courseStates.get(id)?.[s] ?? 0) - (minus?.courseStates.get(id)?.[s] ?? 0)]),
      ) as Record<EnrollmentState, number>;

    const figure = (value: number, link: Overview['figures']['activeEnrollments']['link']): OverviewFigure => ({ value, link });
    const enrollmentLink = (what: LinkFilter[]) => gridLink('enrollments', what, page);
    const definitions = figureFilters(bounds);

    return {
      asOf: bounds.now,
      figures: {
        activeEnrollments: figure(counts.figures.activeEnrollments, enrollmentLink(definitions.activeEnrollments)),
        completedThisWeek: figure(counts.weeks.at(-1) ?? 0, enrollmentLink(definitions.completedThisWeek)),
        completedThisMonth: figure(counts.figures.completedThisMonth, enrollmentLink(definitions.completedThisMonth)),
        expiringIn7Days: figure(counts.figures.expiringIn7Days, enrollmentLink(definitions.expiringIn7Days)),
        expiringIn30Days: figure(counts.figures.expiringIn30Days, enrollmentLink(definitions.expiringIn30Days)),
        startedNotCompleted30Days: figure(counts.figures.startedNotCompleted30Days, enrollmentLink(definitions.startedNotCompleted30Days)),
        neverStarted14Days: figure(counts.figures.neverStarted14Days, enrollmentLink(definitions.neverStarted14Days)),
        newStudentsThisWeek: figure(this.#newStudents(mirror.newStudentIds, page, bounds), gridLink('students', newStudentFilters(bounds), page)),
      },
      outbox,
      completionsPerWeek: counts.weeks.map((n, i) => ({ weekStart: bounds.weekDates[i] ?? '', figure: figure(n, enrollmentLink(weekFilters(bounds, i))) })),
      enrollmentsByCourse: top.map(({ id, name, total }) => {
        const states = statesOf(id);
        return {
          courseId: id,
          courseName: name,
          total,
          byState: Object.fromEntries(ENROLLMENT_STATES.map((s) => [s, figure(states[s], enrollmentLink(courseStateFilters(id, s)))])) as Overview['enrollmentsByCourse'][number]['byState'],
        };
      }),
      expiriesPerDay: counts.days.map((n, i) => ({ day: bounds.dayDates[i] ?? '', figure: figure(n, enrollmentLink(dayFilters(bounds, i))) })),
      groupSizes: this.#groups(counts, this.#current('groups', mirror.groupNames), filters.groupId).map(({ id, name, size }) => ({ groupId: id, name, figure: figure(size, enrollmentLink(groupFilters(id))) })),
    };
  }

  /**
   * What the mirror counts to, kept while the mirror is unchanged. As the clock moves on, only the
   * records with a date it passed can count differently: those are counted again at both moments
   * and the difference applied. A new day (new days, weeks, month in the charts) counts afresh.
   */
  #mirrorCounts(filters: OverviewFilters, context: CountContext): MirrorCounts {
    const key = JSON.stringify([filters.groupId ?? null, filters.instructorId ?? null, filters.courseId ?? null]);
    const version = this.store.statement(`SELECT version FROM overview_mirror`).pluck().get() as number;
    const kept = this.#kept.get(key);
    let counts: MirrorCounts;
    if (kept && kept.version === version && kept.bounds.today === context.bounds.today && kept.bounds.nowMs <= context.bounds.nowMs) {
      if (kept.bounds.nowMs === context.bounds.nowMs) return kept;
      const datesPassed = datesPassedCondition(kept.bounds, context.bounds);
      const anyPassed = this.store.statement(`SELECT EXISTS (SELECT 1 FROM enrollments AS r WHERE ${datesPassed.sql})`).pluck().get(...datesPassed.params) === 1;
      let enrollments = kept.enrollments;
      if (anyPassed) {
        const passed = gatherMirrorRows(context.statement, datesPassed, context.narrowing);
        const whole = { ...context, narrowing: ALL };
        enrollments = combineCounts(kept.enrollments, countEnrollments(passed, whole), countEnrollments(passed, { ...whole, bounds: kept.bounds }));
      }
      counts = { ...kept, bounds: context.bounds, enrollments };
    } else {
      counts = {
        version,
        bounds: context.bounds,
        // Within the page's filters, the mirror's few records are gathered first (and so already narrowed).
        enrollments:
          context.narrowing.sql === ALL.sql ? countEnrollments(mirrorRows(this.store.db), context) : countEnrollments(gatherMirrorRows(context.statement, context.narrowing), { ...context, narrowing: ALL }),
        newStudentIds: this.#firstEnrolledThisWeek(context.bounds),
        courseNames: this.#names('courses'),
        groupNames: this.#names('groups'),
      };
    }
    this.#kept.delete(key);
    this.#kept.set(key, counts);
    for (const old of this.#kept.keys()) {
      if (this.#kept.size <= KEPT) break;
      this.#kept.delete(old);
    }
    return counts;
  }

  /** Students whose first enrollment was made this week, as the students grid finds them. */
  #firstEnrolledThisWeek(bounds: PageBounds): string[] {
    const weekStart = bounds.weeks.at(-2) ?? '';
    const weekEnd = bounds.weeks.at(-1) ?? '';
    const firstThisWeek = linkCondition('students', newStudentFilters(bounds), bounds.nowMs);
    // Only students with an enrollment made this week can have their first one this week.
    return this.store
      .statement(
        `SELECT r.id FROM students AS r
         WHERE r.id IN (SELECT e.student_id FROM enrollments e WHERE e.created_at >= ? AND e.created_at < ?) AND ${firstThisWeek.sql}`,
      )
      .pluck()
      .all(weekStart, weekEnd, ...firstThisWeek.params) as string[];
  }

  /** Of the students first enrolled this week, those within the page's filters (which local edits can change). */
  #newStudents(ids: string[], page: LinkFilter[], bounds: PageBounds): number {
    if (page.length === 0 || ids.length === 0) return ids.length;
    const within: SqlPart = allOf({ sql: 'r.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(ids)] }, linkCondition('students', page, bounds.nowMs));
    return this.store.statement(`SELECT COUNT(*) FROM students AS r WHERE ${within.sql}`).pluck().get(...within.params) as number;
  }

  /** The courses with the most enrollments, most first (then by name). */
  #topCourses(totals: Map<string, number>, names: Map<string, string>): { id: string; name: string; total: number }[] {
    return [...totals]
      .filter(([, total]) => total > 0)
      .map(([id, total]) => ({ id, name: names.get(id) ?? '', total }))
      .sort((a, b) => b.total - a.total || byName.compare(a.name, b.name) || byName.compare(a.id, b.id))
      .slice(0, TOP_COURSES);
  }

  /** Every group the user sees (or only the page's), largest first. */
  #groups(counts: EnrollmentCounts, names: Map<string, string>, onlyGroup: string | undefined): { id: string; name: string; size: number }[] {
    return [...names]
      .filter(([id]) => !onlyGroup || id === onlyGroup)
      .map(([id, name]) => ({ id, name, size: counts.groups.get(id) ?? 0 }))
      .sort((a, b) => b.size - a.size || byName.compare(a.name, b.name) || byName.compare(a.id, b.id));
  }

  #names(table: 'courses' | 'groups'): Map<string, string> {
    const rows = this.store.statement(`SELECT id, name FROM ${table}`).raw().all() as [string, string | null][];
    return new Map(rows.map(([id, name]) => [id, name ?? '']));
  }

  /** Names as the user sees them: the mirror's, with local renames, deletions and additions (as in `<table>_current`). */
  #current(table: 'courses' | 'groups', mirror: Map<string, string>): Map<string, string> {
    const edited = this.store.statement(`SELECT id, name, deleted FROM ${table}_overlay`).raw().all() as [string, string | null, number][];
    if (edited.length === 0) return mirror;
    const names = new Map(mirror);
    for (const [id, name, deleted] of edited) {
      if (deleted) names.delete(id);
      else names.set(id, name ?? '');
    }
    return names;
  }
}
