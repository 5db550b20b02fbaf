// app://enlight/ serves the built renderer from out/renderer. A standard, secure scheme gives the
// page a real origin (so 'self' in the CSP and the IPC origin check mean the app and nothing
// else), where file:// would make every file on the disk the same origin.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeFor, resolveStaticFile } from '../staticFiles';
import { APP_HOST, APP_SCHEME } from './appOrigin';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Once ready: answers app:// requests from `rendererDir`, with the CSP on every answer. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
    const url = new URL(request.url);
    const file = url.hostname.toLowerCase() === APP_HOST && request.method === 'GET' ? resolveStaticFile(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
    return new Response(await readFile(file), { status: 200, headers: { ...headers, 'Content-Type': contentTypeFor(file) } });
  });
}
