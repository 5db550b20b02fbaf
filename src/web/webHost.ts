// Browser mode: the built renderer and the Bridge, served on 127.0.0.1 only, to the one person who
// has the printed link. The link's token becomes an HttpOnly, SameSite=Strict cookie on the first
// page load; every request needs it (or the token itself), the right Host (no DNS rebinding) and,
// when it has one, the host's own Origin (no other site's page can call in).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BridgeEvents, BridgeHandlers, EventName } from '../shared/bridge';
import { dispatchCall } from '../main/dispatchCall';
import { CONTENT_SECURITY_POLICY } from '../main/electron/contentSecurityPolicy';
import { contentTypeFor, resolveStaticFile } from '../main/staticFiles';
import { bearerToken, isAllowedFetchSite, isAllowedHost, isAllowedOrigin, readCookie, tokensMatch } from './requestChecks';

export interface WebHostService extends BridgeHandlers {
  events: { onAny(listener: <E extends EventName>(event: E, payload: BridgeEvents[E]) => void): () => void };
}

export interface WebHostOptions {
  service: WebHostService;
  /** The built renderer: out/renderer. */
  rendererDir: string;
  /** Only 127.0.0.1 is accepted: browser mode is for this computer alone. */
  host?: string;
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Largest request body, in bytes; default 1 MiB. */
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

export interface WebHost {
  /** The address to open, token included. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const DEFAULT_MAX_BODY = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  if (options.host !== undefined && options.host !== LOOPBACK) {
    throw new Error(`Browser mode listens on ${LOOPBACK} only, so that nothing but this computer can reach it; "${options.host}" is not allowed.`);
  }
  const token = randomBytes(32).toString('base64url');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const log = options.log ?? (() => {});
  const streams = new Set<ServerResponse>();
  let port = 0;
  const cookieName = () => `enlight_token_${port}`;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`web host: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Enlight Admin ran into an unexpected problem. Reload the page.' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host;
    if (!isAllowedHost(host, port)) return refuse(res, 403, 'bad-host', `This server answers only to 127.0.0.1:${port} and localhost:${port}. Open the address Enlight Admin printed.`);
    if (!isAllowedOrigin(header(req, 'origin'), host ?? '') || !isAllowedFetchSite(header(req, 'sec-fetch-site'))) {
      return refuse(res, 403, 'bad-origin', 'Requests from other sites are refused: only Enlight Admin’s own page may use it.');
    }

    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      if (!tokensMatch(queryToken, token)) return refuse(res, 403, 'bad-token', 'This link’s token is not the one Enlight Admin printed (it changes every start). Open the address it printed this time.');
      if (req.method === 'GET' || req.method === 'HEAD') {
        // Trade the token in the address bar (and the history) for a cookie scripts cannot read.
        url.searchParams.delete('token');
        res.writeHead(303, {
          ...SECURITY_HEADERS,
          'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: `${url.pathname}${url.search}`,
          'Cache-Control': 'no-store',
        });
        res.end();
        return;
      }
    } else {
      const given = readCookie(req.headers.cookie, cookieName()) ?? bearerToken(header(req, 'authorization'));
      if (given === undefined) return refuse(res, 401, 'no-token', 'Open the address Enlight Admin printed when it started: it carries the key to this page.');
      if (!tokensMatch(given, token)) return refuse(res, 403, 'bad-token', 'This page’s key is out of date (Enlight Admin was restarted). Open the address it printed this time.');
    }

    if (url.pathname === '/bridge') {
      if (req.method !== 'POST') return refuse(res, 405, 'bad-method', 'The bridge takes POST requests only.', { Allow: 'POST' });
      return bridgeCall(req, res);
    }
    if (url.pathname === '/events') {
      if (req.method !== 'GET') return refuse(res, 405, 'bad-method', 'Events are read with GET.', { Allow: 'GET' });
      return openEventStream(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'bad-method', 'Only GET and HEAD are answered here.', { Allow: 'GET, HEAD' });
    return sendFile(req, res, url.pathname);
  }

  async function bridgeCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      // A form or a "simple" cross-site request cannot send application/json without the browser asking first.
      if (type !== 'application/json') throw new HttpFailure(415, 'bad-request', 'Bridge calls must be sent as JSON (Content-Type: application/json).');
      const text = await readBody(req, maxBody);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new HttpFailure(400, 'bad-request', `The request body is not valid JSON (${error instanceof Error ? error.message : String(error)}). Send {"name": "…", "input": {…}}.`);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body) || !('name' in body)) {
        throw new HttpFailure(400, 'bad-request', 'The request body must be a JSON object {"name": "…", "input": {…}}.');
      }
      const call = body as { name: unknown; input?: unknown };
      const outcome = await dispatchCall(options.service, call.name, call.input, { log });
      sendJson(res, outcome.kind === 'rejected' ? 400 : 200, outcome.result);
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      if (error.status === 413) res.setHeader('Connection', 'close');
      refuse(res, error.status, error.code, error.message);
    }
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    const forget = () => streams.delete(res);
    req.on('close', forget);
    res.on('error', forget);
  }

  async function sendFile(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const file = resolveStaticFile(options.rendererDir, pathname);
    if (!file) return refuse(res, 404, 'not-found', `Nothing here: ${pathname.slice(0, 200)}`);
    const bytes = await readFile(file);
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Content-Length': bytes.length, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  const unsubscribe = options.service.events.onAny((event, payload) => {
    if (streams.size === 0) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    token,
    port,
    close: async () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error: { code, message } }, extra);
}

/**
 * The body as text, at most `limit` bytes. A longer one is read to its end and dropped before the
 * 413 is sent, so the client gets to read the answer instead of a reset connection; one that goes
 * on far beyond the limit is cut off.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new HttpFailure(413, 'too-large', `The request is larger than ${Math.round(limit / 1024)} KiB, more than any call needs.`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 16) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('close', () => reject(tooLarge()));
    req.on('error', reject);
  });
}
