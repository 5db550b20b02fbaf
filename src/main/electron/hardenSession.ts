// Session-wide rules: no permission is ever granted, and every response carries our CSP.
import { session } from 'electron';
import { withContentSecurityPolicy } from './contentSecurityPolicy';
import { denyPermissionCheck, denyPermissionRequest } from './permissionPolicy';

export function hardenSession(policy: string): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler(denyPermissionRequest);
  s.setPermissionCheckHandler(denyPermissionCheck);
  s.setDevicePermissionHandler(() => false);
  s.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) }));
}
