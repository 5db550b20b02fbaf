// The contract's lists of values (bridge.ts), kept apart from its zod schemas: the screens import
// them from here, since importing bridge.ts for a value would put all of zod in the page, and zod
// probes for eval at load, which the page's Content-Security-Policy reports.

export const GRID_RESOURCES = ['courses', 'students', 'enrollments', 'groups', 'users'] as const;
export type GridResource = (typeof GRID_RESOURCES)[number];

/**
 * Lengths the contract accepts, which the screens' inputs hold to as well (so that what a person
 * can type is what the back end takes).
 */
export const MAX_ID_CHARS = 200;
export const MAX_SEARCH_CHARS = 500;
export const MAX_FIELD_CHARS = 10_000;
export const MAX_VIEW_NAME_CHARS = 100;

export const THEMES = ['light', 'dark', 'system'] as const;
export const LANGUAGES = ['en', 'zh-TW'] as const;
export type Theme = (typeof THEMES)[number];
export type Language = (typeof LANGUAGES)[number];

/** The states an enrollment is in, as the grids and the overview count them (one each). */
export const ENROLLMENT_STATES = ['active', 'completed', 'expired', 'cancelled'] as const;
export type EnrollmentState = (typeof ENROLLMENT_STATES)[number];

/** The Overview's figures, in the order the page shows them. */
export const OVERVIEW_FIGURES = [
  'activeEnrollments',
  'completedThisWeek',
  'completedThisMonth',
  'expiringIn7Days',
  'expiringIn30Days',
  'startedNotCompleted30Days',
  'neverStarted14Days',
  'newStudentsThisWeek',
] as const;
export type OverviewFigureName = (typeof OVERVIEW_FIGURES)[number];
