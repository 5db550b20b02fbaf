// Screens are addressed by the URL's hash (#/students), so a reload keeps the screen and the
// browser's back button works; the hash never reaches a server, in Electron or in browser mode.
// A grid's address may carry its filters (#/enrollments?filters=[…]), so a link can open it
// already filtered and a bookmark keeps what it showed.
import type { GridResource, GridQueryInput } from '../../../shared/bridge';
import { GRID_RESOURCES } from '../../../shared/contractLists';
import { filtersFromQuery, gridLinkHref } from './gridLink';

export type GridFilters = NonNullable<GridQueryInput['filters']>;

/** A grid's route has `filters` only when its address names some. */
export type Route = { screen: 'resource'; resource: GridResource; filters?: GridFilters } | { screen: 'overview' } | { screen: 'settings' } | { screen: 'add-account' };

export const DEFAULT_ROUTE: Route = { screen: 'resource', resource: 'courses' };

export function parseRoute(hash: string): Route {
  const address = hash.replace(/^#\/?/, '');
  const queryAt = address.indexOf('?');
  const path = queryAt === -1 ? address : address.slice(0, queryAt);
  if (path === 'overview') return { screen: 'overview' };
  if (path === 'settings') return { screen: 'settings' };
  if (path === 'add-account') return { screen: 'add-account' };
  const resource = GRID_RESOURCES.find((r) => r === path);
  if (!resource) return DEFAULT_ROUTE;
  const filters = queryAt === -1 ? [] : filtersFromQuery(address.slice(queryAt + 1));
  return filters.length ? { screen: 'resource', resource, filters } : { screen: 'resource', resource };
}

export function hrefFor(route: Route): string {
  return route.screen === 'resource' ? gridLinkHref({ resource: route.resource, filters: route.filters ?? [] }) : `#/${route.screen}`;
}
