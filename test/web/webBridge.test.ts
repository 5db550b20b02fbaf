// The browser's window.enlight, talking to a real web host: typed calls, failures as the
// service's code and message, and events, as the screens use them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../src/shared/bridge';
import { SessionSecretStore } from '../../src/main/secrets/SessionSecretStore';
import { EnlightService } from '../../src/main/service';
import { startWebHost, type WebHost } from '../../src/web/webHost';
import { createWebBridge, installWebBridge } from '../../src/renderer/src/bridge/webBridge';
import { BridgeError, toBridgeError } from '../../src/renderer/src/bridge/index';
import { onSseFrames } from '../support/sseFrames';

let dir: string;
let service: EnlightService;
let host: WebHost;
let cookie: string;
const sources: TestEventSource[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'enlight-webbridge-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  service = new EnlightService({ dataDir: join(dir, 'data'), secrets: new SessionSecretStore(), demoScale: 60 });
  host = await startWebHost({ service, rendererDir: join(dir, 'renderer') });
  cookie = `enlight_token_${host.port}=${host.token}`;
});
afterAll(async () => {
  for (const s of sources) s.close();
  await host.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** What the browser does for the page: send the cookie the first load set, and the page's Origin. */
const browserFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('Cookie', cookie);
  headers.set('Origin', new URL(host.url).origin);
  return fetch(input, { ...init, headers });
};

/**
 * Node has no EventSource (without a flag); this one does what the web bridge relies on:
 * addEventListener(name, ({ data }) => …) for each `event:` frame, sending the page's cookie.
 */
class TestEventSource {
  readonly #listeners = new Map<string, ((message: { data: string }) => void)[]>();
  readonly #req: ClientRequest;
  /** Settles when the stream is open: the host registers a stream before it answers. */
  readonly opened: Promise<void>;
  #open = () => {};
  constructor(url: string) {
    sources.push(this);
    this.opened = new Promise((resolve) => (this.#open = resolve));
    this.#req = request(url, { headers: { Cookie: cookie, Accept: 'text/event-stream' } }, (res) => {
      this.#open();
      onSseFrames(res, (event, data) => {
        for (const l of this.#listeners.get(event) ?? []) l({ data });
      });
    });
    this.#req.on('error', () => {});
    this.#req.end();
  }
  addEventListener(event: string, listener: (message: { data: string }) => void): void {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
  }
  close(): void {
    this.#req.destroy();
  }
}

const bridge = () => createWebBridge({ baseUrl: host.url, fetch: browserFetch, EventSource: TestEventSource as unknown as typeof EventSource });

describe('the web bridge', () => {
  it('calls the back end and resolves with the value', async () => {
    const settings = await bridge().invoke('settings.set', { language: 'zh-TW' });
    expect(settings).toEqual({ theme: 'system', language: 'zh-TW' });
  });

  it('rejects with the service’s code, message and field errors', async () => {
    await expect(bridge().invoke('shell.openExternal', { url: 'file:///etc/passwd' })).rejects.toEqual({ code: 'bad-url', message: expect.stringMatching(/Only https:\/\/ links/) });
    await expect(bridge().invoke('students.query', { offset: 0, limit: 5000 })).rejects.toMatchObject({ code: 'validation', fieldErrors: { limit: [expect.any(String)] } });
  });

  it('says the page must be reopened from the printed link when its cookie is not accepted', async () => {
    const stale = createWebBridge({ baseUrl: host.url, fetch: (input, init) => fetch(input, init) });
    await expect(stale.invoke('settings.get', {})).rejects.toMatchObject({ code: 'auth', message: expect.stringMatching(/Open the address Enlight Admin printed/) });
  });

  it('says the local server is not answering when it is gone', async () => {
    const gone = createWebBridge({ baseUrl: 'http://127.0.0.1:9/', fetch: (input, init) => fetch(input, init) });
    await expect(gone.invoke('settings.get', {})).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/npm run web/) });
  });

  it('delivers events to listeners until they unsubscribe', async () => {
    const b = bridge();
    const seen: AppState[] = [];
    const first = new Promise<AppState>((resolve) => {
      const off = b.on('app:state', (state) => {
        seen.push(state);
        off();
        resolve(state);
      });
    });
    // An event sent before the stream is open is not replayed: wait for it to open.
    await sources.at(-1)?.opened;
    await b.invoke('demo.open', {});
    expect((await first).current).toMatchObject({ demo: true });
    expect(seen).toHaveLength(1);
  });

  it('is installed only where no preload put one in place', () => {
    const preloaded = { invoke: async () => undefined, on: () => () => {} } as unknown as ReturnType<typeof bridge>;
    const electronWindow = { enlight: preloaded };
    expect(installWebBridge(electronWindow)).toBe(preloaded);
    const browserWindow: { enlight?: ReturnType<typeof bridge> } = {};
    const installed = installWebBridge(browserWindow);
    expect(browserWindow.enlight).toBe(installed);
    expect(Object.keys(installed).sort()).toEqual(['invoke', 'on']);
  });
});

describe('failures as the screens get them', () => {
  it('are BridgeErrors with the code, message and field errors, whatever the transport rejected with', () => {
    const fromFailure = toBridgeError({ code: 'validation', message: 'Name is taken.', fieldErrors: { name: ['is taken'] } });
    expect(fromFailure).toBeInstanceOf(BridgeError);
    expect(fromFailure).toMatchObject({ code: 'validation', message: 'Name is taken.', fieldErrors: { name: ['is taken'] } });
    expect(toBridgeError(new Error('Error invoking remote method'))).toMatchObject({ code: 'internal', message: 'Error invoking remote method' });
    expect(toBridgeError('boom')).toMatchObject({ code: 'internal', message: 'boom' });
  });
});
