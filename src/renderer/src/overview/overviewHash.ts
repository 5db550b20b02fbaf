// The Overview's page filters live in its address (#/overview?groupId=…), so going back from a grid
// a figure opened returns to the same narrowed page, and a reload keeps it.
import type { OverviewFilters } from '../../../shared/bridge';
import { MAX_ID_CHARS } from '../../../shared/contractLists';

const FILTER_KEYS = ['groupId', 'instructorId', 'courseId'] as const;

export function overviewHash(filters: OverviewFilters): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `#/overview?${text}` : '#/overview';
}

/** The filters in an address's query part; none when they are missing or not valid ids. */
export function filtersFromOverviewHash(hash: string): OverviewFilters {
  const query = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  const picked: OverviewFilters = {};
  for (const key of FILTER_KEYS) {
    const value = query.get(key);
    // The back end checks them again (its zod schema); this only keeps nonsense out of the page.
    if (!value) continue;
    if (value.length > MAX_ID_CHARS) return {};
    picked[key] = value;
  }
  return picked;
}
