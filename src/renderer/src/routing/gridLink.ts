// A link to a grid showing exactly some rows: the resource and its filters in the URL's hash
// (#/enrollments?filters=[…]), so the Overview's figures, a detail pane or a bookmark can open a
// grid already filtered, and the browser's back button returns.
import type { GridLink, GridQueryInput } from '../../../shared/bridge';

type Filters = NonNullable<GridQueryInput['filters']>;

export function gridLinkHref(link: GridLink): string {
  return link.filters.length ? `#/${link.resource}?filters=${encodeURIComponent(JSON.stringify(link.filters))}` : `#/${link.resource}`;
}

/** The filters of a hash's query part, or [] when there are none or they do not parse. */
export function filtersFromQuery(query: string): Filters {
  const raw = new URLSearchParams(query).get('filters');
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (f): f is Filters[number] => typeof f === 'object' && f !== null && typeof (f as { column?: unknown }).column === 'string' && typeof (f as { op?: unknown }).op === 'string',
    );
  } catch {
    return [];
  }
}
