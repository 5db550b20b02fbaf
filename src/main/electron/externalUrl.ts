// Which links may leave the app for the user's browser: https only. Pure, so it is tested without Electron.

/**
 * The link as it will be opened, or null when it must not be: anything but https (javascript:,
 * data:, file:, app:, http:, custom schemes that start other programs), a user name or password
 * in it, or no host.
 */
export function checkExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  // The URL parser forgives a lot (spaces and controls dropped, `https:host`, `https:///host`,
  // backslashes for slashes); a link that needs forgiving is not one a person meant to click.
  if (!/^https:\/\/[^/\\]/i.test(url) || [...url].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password) return null;
  if (!parsed.hostname) return null;
  return parsed.href;
}
