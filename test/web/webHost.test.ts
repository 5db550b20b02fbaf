// Browser mode over real HTTP: only the holder of the printed link gets in, only by the loopback
// name, only from the app's own page; calls are checked like IPC calls; events arrive over SSE.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSecretStore } from '../../src/main/secrets/SessionSecretStore';
import { EnlightService } from '../../src/main/service';
import { startWebHost, type WebHost } from '../../src/web/webHost';
import { call, type CallOptions } from '../support/sandboxClient';
import { onSseFrames } from '../support/sseFrames';

let dir: string;
let service: EnlightService;
let host: WebHost;
let origin: string;
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'enlight-web-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Enlight Admin</title><script type="module" src="/assets/index.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'index.js'), 'console.log("app")');
  writeFileSync(join(dir, 'outside.txt'), 'not for the page');
  service = new EnlightService({ dataDir: join(dir, 'data'), secrets: new SessionSecretStore(), demoScale: 60 });
  host = await startWebHost({ service, rendererDir });
  origin = new URL(host.url).origin;
  cookie = `enlight_token_${host.port}=${host.token}`;
});
afterAll(async () => {
  await host.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

const get = (path: string, options: CallOptions = {}) => call(origin, 'GET', path, options);
const authed = (headers: Record<string, string> = {}) => ({ Cookie: cookie, ...headers });
const bridge = (body: unknown, headers: Record<string, string> = {}) => call(origin, 'POST', '/bridge', { body, headers: authed({ Origin: origin, ...headers }) });

describe('starting', () => {
  it('listens on 127.0.0.1 and prints a link carrying a token of at least 128 random bits', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=`));
    expect(new URL(host.url).searchParams.get('token')).toBe(host.token);
    expect(Buffer.from(host.token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it.each(['0.0.0.0', '::', 'localhost', '192.168.1.10'])('refuses to listen on %s', async (other) => {
    await expect(startWebHost({ service, rendererDir: dir, host: other })).rejects.toThrow(/127\.0\.0\.1 only/);
  });
});

describe('the token', () => {
  it('is required: without it, nothing is served', async () => {
    for (const path of ['/', '/assets/index.js', '/events']) {
      const res = await get(path);
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('Enlight Admin</title>');
    }
    const res = await call(origin, 'POST', '/bridge', { body: { name: 'settings.get', input: {} } });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ ok: false, error: { message: expect.stringMatching(/address Enlight Admin printed/) } });
  });

  it('must be the right one, in the link or the cookie', async () => {
    expect((await get('/?token=not-the-token')).status).toBe(403);
    expect((await get(`/?token=${host.token.slice(0, -1)}`)).status).toBe(403);
    expect((await get('/', { headers: { Cookie: `enlight_token_${host.port}=${'A'.repeat(host.token.length)}` } })).status).toBe(403);
    // A cookie for another instance (another port) is not this one's.
    expect((await get('/', { headers: { Cookie: `enlight_token_1=${host.token}` } })).status).toBe(401);
  });

  it('in the link is traded on first load for an HttpOnly, SameSite=Strict cookie, and taken out of the address bar', async () => {
    const res = await get(`/students?view=all&token=${host.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/students?view=all');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toContain(`enlight_token_${host.port}=${host.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);

    const page = await get('/students?view=all', { headers: authed() });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Enlight Admin</title>');
  });

  it('works as a bearer token for scripts', async () => {
    const res = await call(origin, 'POST', '/bridge', { body: { name: 'settings.get', input: {} }, headers: { Authorization: `Bearer ${host.token}` } });
    expect(res.status).toBe(200);
  });
});

describe('who may ask', () => {
  it('refuses any Host but its loopback name (DNS rebinding), even with the token', async () => {
    const p = host.port;
    for (const name of [`evil.example:${p}`, `attacker.localhost:${p}`, '127.0.0.1', `127.0.0.1:${p + 1}`, `127.0.0.2:${p}`, `localhost.evil.com:${p}`, `[::1]:${p}`]) {
      const res = await get('/', { host: name, headers: authed() });
      expect(res.status, name).toBe(403);
      expect(res.text).toMatch(/answers only to 127\.0\.0\.1/);
    }
  });

  it('accepts localhost:PORT as the Host', async () => {
    expect((await get('/', { host: `localhost:${host.port}`, headers: authed() })).status).toBe(200);
    expect((await get('/', { host: `LOCALHOST:${host.port}`, headers: authed() })).status).toBe(200);
  });

  it('refuses calls from any Origin but its own', async () => {
    for (const name of ['http://evil.example', 'null', 'http://localhost:1', `https://127.0.0.1:${host.port}`, 'http://127.0.0.1.evil.com', `http://localhost:${host.port}`]) {
      const res = await bridge({ name: 'settings.get', input: {} }, { Origin: name });
      expect(res.status, name).toBe(403);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'bad-origin' } });
    }
  });

  it('refuses what the browser marks as sent by another site', async () => {
    const res = await get('/', { headers: authed({ 'Sec-Fetch-Site': 'cross-site' }) });
    expect(res.status).toBe(403);
    const sameSite = await bridge({ name: 'settings.get', input: {} }, { 'Sec-Fetch-Site': 'same-site' });
    expect(sameSite.status).toBe(403);
  });
});

describe('calls', () => {
  it('are answered with the service’s value', async () => {
    const res = await bridge({ name: 'settings.set', input: { theme: 'dark' } }, { 'Sec-Fetch-Site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, value: { theme: 'dark', language: 'en' } });
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('carry the service’s errors as plain data', async () => {
    const res = await bridge({ name: 'shell.openExternal', input: { url: 'javascript:alert(1)' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: false, error: { code: 'bad-url', message: expect.stringMatching(/Only https:\/\/ links/) } });
  });

  it('with an unknown name get a clear 400', async () => {
    const res = await bridge({ name: 'students.dropAll', input: {} });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'unknown-call', message: expect.stringMatching(/no call named "students\.dropAll"/) } });
  });

  it('with bad input get a clear 400 naming the field', async () => {
    const res = await bridge({ name: 'students.query', input: { offset: -1, limit: 50 } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { offset: [expect.any(String)] }, message: expect.stringMatching(/students\.query.*offset/) } });
  });

  it('that are not JSON get a clear 400', async () => {
    const res = await call(origin, 'POST', '/bridge', { body: '{"name": "settings.get", ', headers: authed({ 'Content-Type': 'application/json' }) });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/not valid JSON/) } });
    const notAnObject = await bridge([1, 2]);
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.json).toMatchObject({ error: { message: expect.stringMatching(/must be a JSON object/) } });
  });

  it('sent as a form (what another site could post) are refused', async () => {
    const res = await call(origin, 'POST', '/bridge', { body: 'name=settings.get', headers: authed({ 'Content-Type': 'application/x-www-form-urlencoded' }) });
    expect(res.status).toBe(415);
  });

  it('larger than the limit get 413', async () => {
    const res = await bridge({ name: 'settings.get', input: { padding: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('only by POST', async () => {
    expect((await get('/bridge', { headers: authed() })).status).toBe(405);
  });
});

describe('the page', () => {
  it('is served with the strict CSP and its assets with their types', async () => {
    const page = await get('/', { headers: authed() });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const script = await get('/assets/index.js', { headers: authed() });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['content-security-policy']).toBeDefined();
  });

  it('never leaks a file from outside the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/..%5coutside.txt']) {
      const res = await get(path, { headers: authed() });
      expect(res.text).not.toContain('not for the page');
    }
    expect((await get('/assets/missing.js', { headers: authed() })).status).toBe(404);
  });
});

describe('events', () => {
  it('arrive over Server-Sent Events', async () => {
    const stream = await openEvents();
    try {
      const state = stream.next('app:state');
      const res = await bridge({ name: 'demo.open', input: {} });
      expect(res.json).toMatchObject({ ok: true, value: { current: { demo: true } } });
      expect(await state).toMatchObject({ current: { name: 'Demo organisation', demo: true } });
    } finally {
      stream.close();
    }
  });

  it('are not streamed without the token', async () => {
    expect((await get('/events')).status).toBe(401);
  });
});

/** A minimal SSE reader over node:http, waiting on the event itself rather than on time. */
function openEvents(): Promise<{ next(event: string): Promise<unknown>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/events`, { headers: { Cookie: cookie, Accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/event-stream')) {
        reject(new Error(`events answered ${res.statusCode}`));
        return;
      }
      const waiting: { event: string; resolve: (payload: unknown) => void }[] = [];
      onSseFrames(res, (event, data) => {
        for (const w of waiting.filter((w) => w.event === event)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(JSON.parse(data));
        }
      });
      resolve({
        next: (event) => new Promise((r) => waiting.push({ event, resolve: r })),
        close: () => req.destroy(),
      });
    });
    req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
    req.end();
  });
}
