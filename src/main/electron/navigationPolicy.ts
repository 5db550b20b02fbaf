// Where the window may go: nowhere outside the app. Pure, so it is tested without Electron.
import { isSameOrigin } from './appOrigin';

/** In-page navigation is allowed only within the app's own origin; everything else is blocked. */
export function isNavigationAllowed(url: string, appOrigin: string): boolean {
  return isSameOrigin(url, appOrigin);
}

/** window.open and target=_blank: never a new window. Links meant for the browser go through shell.openExternal. */
export function denyNewWindow(): { action: 'deny' } {
  return { action: 'deny' };
}
