// An Overview as the back end answers it, small enough to reason about: each figure's link names
// the rows it counts, the way the contract in src/shared/bridge.ts describes.
import { ENROLLMENT_STATES, OVERVIEW_FIGURES, type EnrollmentState, type GridLink, type Overview, type OverviewFigure } from '../../../src/shared/bridge';

const figure = (value: number, link: GridLink): OverviewFigure => ({ value, link });
const enrollments = (...filters: GridLink['filters']): GridLink => ({ resource: 'enrollments', filters });

export function overviewFixture(): Overview {
  const figures = Object.fromEntries(OVERVIEW_FIGURES.map((name, i) => [name, figure(i + 1, enrollments({ column: 'state', op: 'eq', value: 'active' }))])) as Overview['figures'];
  const byState = (counts: Record<EnrollmentState, number>, courseId: string) =>
    Object.fromEntries(ENROLLMENT_STATES.map((state) => [state, figure(counts[state], enrollments({ column: 'course_id', op: 'eq', value: courseId }, { column: 'state', op: 'eq', value: state }))])) as Record<
      EnrollmentState,
      OverviewFigure
    >;
  return {
    asOf: '2025-06-04T09:30:00.000Z',
    figures,
    outbox: { pending: 2, rejected: 1, conflict: 0 },
    completionsPerWeek: ['2025-05-26', '2025-06-02'].map((weekStart, i) =>
      ({ weekStart, figure: figure(i * 3, enrollments({ column: 'completed_at', op: 'gte', value: weekStart })) }),
    ),
    enrollmentsByCourse: [
      { courseId: 'c1', courseName: 'First aid', total: 10, byState: byState({ active: 4, completed: 3, expired: 0, cancelled: 3 }, 'c1') },
      { courseId: 'c2', courseName: '=HYPERLINK("x")', total: 2, byState: byState({ active: 0, completed: 2, expired: 0, cancelled: 0 }, 'c2') },
      { courseId: 'c3', courseName: '', total: 1, byState: byState({ active: 0, completed: 0, expired: 1, cancelled: 0 }, 'c3') },
    ],
    expiriesPerDay: ['2025-06-04', '2025-06-05', '2025-06-06'].map((day, i) => ({ day, figure: figure(i === 1 ? 5 : 0, enrollments({ column: 'expires_at', op: 'gte', value: day })) })),
    groupSizes: [{ groupId: 'g1', name: 'Night shift, "B"', figure: figure(7, enrollments({ column: 'group_id', op: 'eq', value: 'g1' })) }],
  };
}
