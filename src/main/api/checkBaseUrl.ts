// The address of an Enlight organisation, checked before any key is sent to it: HTTPS, or plain
// HTTP only to this machine (the sandbox), never with a user name or password in it.
import { EnlightError } from '../../shared/errors';

/** Loopback names and addresses: localhost, *.localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped loopback, as the URL parser writes it: ::ffff:7f00:1 is ::ffff:127.0.0.1.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(bare);
}

/**
 * Parses and checks an organisation's base URL; throws EnlightError 'bad-url' saying what is
 * wrong. Without a scheme, https:// is assumed (http:// for loopback). A pasted API path
 * (`…/api/v1/students`), query or fragment is dropped, so the result is the organisation's root.
 */
export function checkBaseUrl(input: string): URL {
  const text = input.trim();
  const bad = (message: string) => new EnlightError({ code: 'bad-url', message });
  if (text === '') throw bad('No server address was given. Enter your Enlight address, e.g. https://example.enlight.io.');
  // A key pasted into the address field must not be echoed into a message (nor sent to DNS).
  if (/[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/i.test(text) || /[0-9a-f]{32}/i.test(text)) {
    throw bad('The server address looks like an API key. Enter your Enlight address there (e.g. https://example.enlight.io) and the key in its own field.');
  }
  let url: URL;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) url = new URL(text);
    else {
      const guess = new URL(`https://${text}`);
      url = isLoopbackHost(guess.hostname) ? new URL(`http://${text}`) : guess;
    }
  } catch {
    throw bad(`"${text}" is not a web address. Enter your Enlight address, e.g. https://example.enlight.io.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw bad(`"${text}" is not an http(s) address. Enter your Enlight address, e.g. https://example.enlight.io.`);
  }
  if (url.username || url.password) {
    throw bad('The server address must not contain a user name or password. Remove them: the API key is entered separately.');
  }
  if (url.hostname === '') throw bad(`"${text}" has no host name. Enter your Enlight address, e.g. https://example.enlight.io.`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw bad(
      `${url.host} must be reached over HTTPS (https://${url.host}): plain http:// would send your API key unencrypted. Plain http:// is only allowed for this computer (localhost, 127.0.0.1, ::1).`,
    );
  }
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/api(\/.*)?$/i, '').replace(/\/+$/, '') || '/';
  return url;
}
