// The contract's lists of values, for the screens. bridge.ts is imported for its types only: its
// zod schemas would otherwise put all of zod in the page. If the contract's lists change, the
// checks below stop this file compiling until these follow.
import type { EnrollmentState, GridResource, Language, OverviewFigureName, Theme } from '../../shared/bridge';

export const GRID_RESOURCES = ['courses', 'students', 'enrollments', 'groups', 'users'] as const satisfies readonly GridResource[];
export const THEMES = ['light', 'dark', 'system'] as const satisfies readonly Theme[];
export const LANGUAGES = ['en', 'zh-TW'] as const satisfies readonly Language[];
export const ENROLLMENT_STATES = ['active', 'completed', 'expired', 'cancelled'] as const satisfies readonly EnrollmentState[];
export const OVERVIEW_FIGURES = [
  'activeEnrollments',
  'completedThisWeek',
  'completedThisMonth',
  'expiringIn7Days',
  'expiringIn30Days',
  'startedNotCompleted30Days',
  'neverStarted14Days',
  'newStudentsThisWeek',
] as const satisfies readonly OverviewFigureName[];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _complete: [
  Same<(typeof GRID_RESOURCES)[number], GridResource>,
  Same<(typeof THEMES)[number], Theme>,
  Same<(typeof LANGUAGES)[number], Language>,
  Same<(typeof ENROLLMENT_STATES)[number], EnrollmentState>,
  Same<(typeof OVERVIEW_FIGURES)[number], OverviewFigureName>,
] = [true, true, true, true, true];
