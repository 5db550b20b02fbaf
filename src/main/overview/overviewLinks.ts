// What each figure, bar and point of the Overview counts, written as the grid filters that show
// exactly those rows. The counts are made from these same filters (linkCondition.ts), so a
// click-through lands on a grid whose row count is the figure.
import type { EnrollmentState, GridLink, GridResource, OverviewFigureName, OverviewFilters } from '../../shared/bridge';
import type { PageBounds } from './calendar';

export type LinkFilter = GridLink['filters'][number];

const ACTIVE: LinkFilter = { column: 'state', op: 'eq', value: 'active' };

/**
 * The page's filters (group, instructor, course), for either grid: enrollments have these columns,
 * and students have them as derived columns (an enrollment of theirs in that group, course, ...).
 */
export function pageFilters(page: OverviewFilters): LinkFilter[] {
  const filters: LinkFilter[] = [];
  if (page.courseId) filters.push({ column: 'course_id', op: 'eq', value: page.courseId });
  if (page.instructorId) filters.push({ column: 'instructor_id', op: 'eq', value: page.instructorId });
  if (page.groupId) filters.push({ column: 'group_id', op: 'eq', value: page.groupId });
  return filters;
}

/** The enrollment figures, as what they count. */
export function figureFilters(b: PageBounds): Record<Exclude<OverviewFigureName, 'newStudentsThisWeek'>, LinkFilter[]> {
  return {
    activeEnrollments: [ACTIVE],
    completedThisWeek: weekFilters(b, b.weeks.length - 2),
    completedThisMonth: [
      { column: 'completed_at', op: 'gte', value: b.monthStart },
      { column: 'completed_at', op: 'lt', value: b.monthEnd },
    ],
    expiringIn7Days: [ACTIVE, { column: 'expires_at', op: 'gte', value: b.now }, { column: 'expires_at', op: 'lt', value: b.in7Days }],
    expiringIn30Days: [ACTIVE, { column: 'expires_at', op: 'gte', value: b.now }, { column: 'expires_at', op: 'lt', value: b.in30Days }],
    startedNotCompleted30Days: [ACTIVE, { column: 'started_at', op: 'lt', value: b.ago30Days }],
    neverStarted14Days: [ACTIVE, { column: 'started_at', op: 'is-null' }, { column: 'created_at', op: 'lt', value: b.ago14Days }],
  };
}

/** Students whose first enrollment was made this week (students have no creation date of their own). */
export function newStudentFilters(b: PageBounds): LinkFilter[] {
  return [
    { column: 'first_enrolled_at', op: 'gte', value: b.weeks[b.weeks.length - 2] ?? '' },
    { column: 'first_enrolled_at', op: 'lt', value: b.weeks[b.weeks.length - 1] ?? '' },
  ];
}

/** Enrollments completed in week `i` of the chart (0 = the oldest). */
export function weekFilters(b: PageBounds, i: number): LinkFilter[] {
  return [
    { column: 'completed_at', op: 'gte', value: b.weeks[i] ?? '' },
    { column: 'completed_at', op: 'lt', value: b.weeks[i + 1] ?? '' },
  ];
}

/** Active enrollments expiring on day `i` of the chart (0 = today, from now on). */
export function dayFilters(b: PageBounds, i: number): LinkFilter[] {
  return [ACTIVE, { column: 'expires_at', op: 'gte', value: i === 0 ? b.now : (b.days[i] ?? '') }, { column: 'expires_at', op: 'lt', value: b.days[i + 1] ?? '' }];
}

export function stateFilter(state: EnrollmentState): LinkFilter {
  return { column: 'state', op: 'eq', value: state };
}

export function courseStateFilters(courseId: string, state: EnrollmentState): LinkFilter[] {
  return [{ column: 'course_id', op: 'eq', value: courseId }, stateFilter(state)];
}

export function groupFilters(groupId: string): LinkFilter[] {
  return [{ column: 'group_id', op: 'eq', value: groupId }];
}

/** The grid and its filters: what the figure counts, within the page's filters (each filter once). */
export function gridLink(resource: GridResource, what: LinkFilter[], page: LinkFilter[]): GridLink {
  // A bar of one course (or group) on a page narrowed to it would name it twice.
  const extra = page.filter((p) => !what.some((w) => w.column === p.column && w.op === p.op && w.value === p.value));
  return { resource, filters: extra.length ? [...what, ...extra] : what };
}
