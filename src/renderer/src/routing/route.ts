// Screens are addressed by the URL's hash (#/students), so a reload keeps the screen and the
// browser's back button works; the hash never reaches a server, in Electron or in browser mode.
import type { GridResource } from '../../../shared/bridge';
import { GRID_RESOURCES } from '../contractLists';

export type Route = { screen: 'resource'; resource: GridResource } | { screen: 'settings' } | { screen: 'add-account' };

export const DEFAULT_ROUTE: Route = { screen: 'resource', resource: 'courses' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'settings') return { screen: 'settings' };
  if (path === 'add-account') return { screen: 'add-account' };
  const resource = GRID_RESOURCES.find((r) => r === path);
  return resource ? { screen: 'resource', resource } : DEFAULT_ROUTE;
}

export function hrefFor(route: Route): string {
  return route.screen === 'resource' ? `#/${route.resource}` : `#/${route.screen}`;
}
