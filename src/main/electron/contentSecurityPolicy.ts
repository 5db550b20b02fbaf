// The Content-Security-Policy on every response the window gets. Pure, so it is tested without Electron.

/**
 * Scripts only from the app itself (no inline script, no eval), no plugins, no <base>, no forms
 * posting anywhere, never framed, and fetch/EventSource only to the app's own origin. Inline
 * styles stay allowed: React's style attributes and the CSS Vite emits need them, and a style
 * cannot run code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Only for `npm run dev`: Vite's hot reload injects an inline script (React refresh) and talks
 * over a WebSocket to its own server. Never used by a built app.
 */
export function devContentSecurityPolicy(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

/**
 * The response headers with our policy in place of any the response brought (whatever its name's
 * case), so no server a response comes from can loosen it.
 */
export function withContentSecurityPolicy(headers: Record<string, string | string[]> | undefined, policy: string = CONTENT_SECURITY_POLICY): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy' || name.toLowerCase() === 'content-security-policy-report-only') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}
