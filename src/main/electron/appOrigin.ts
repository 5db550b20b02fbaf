// The app's own origin, and the one test every security rule builds on: is this URL from it?
// Pure: no electron import, so the rules are unit-tested under plain Node.

/** The renderer is served from app://enlight/ (see appProtocol.ts), never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'enlight';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * True when `url` belongs to `origin` (e.g. "app://enlight", or the dev server's
 * "http://localhost:5173"): same scheme, host and port, and no user name or password, which is how
 * `https://app@evil.com` dresses a foreign host up as a familiar one.
 */
export function isSameOrigin(url: string | undefined | null, origin: string): boolean {
  if (typeof url !== 'string' || url === '') return false;
  const a = parse(url);
  const b = parse(origin);
  if (!a || !b) return false;
  if (a.username || a.password) return false;
  // Node's URL keeps the case of hosts of schemes it does not know (app:); Chromium lowercases a
  // standard scheme's host, so APP://ENLIGHT/ is the app and is compared the same way here.
  return a.protocol === b.protocol && a.hostname.toLowerCase() === b.hostname.toLowerCase() && a.port === b.port && a.hostname !== '';
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
