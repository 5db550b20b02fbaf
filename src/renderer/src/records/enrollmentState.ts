// An enrollment's state as the grids and the overview count it (bridge.ts, DERIVED_FILTER_COLUMNS):
// cancelled when not active; otherwise completed when it has a completion; otherwise expired when
// its expiry has passed; otherwise active. For rows the back end gives without the state.
import type { EnrollmentState } from '../../../shared/bridge';

export function enrollmentState(row: Record<string, unknown>, now: number): EnrollmentState {
  if (row['active'] === false || row['active'] === 0) return 'cancelled';
  if (typeof row['completed_at'] === 'string' && row['completed_at'] !== '') return 'completed';
  const expires = typeof row['expires_at'] === 'string' ? Date.parse(row['expires_at']) : NaN;
  if (!Number.isNaN(expires) && expires <= now) return 'expired';
  return 'active';
}
