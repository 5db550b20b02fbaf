// The Enlight API v1 sandbox: a local server that behaves as the API documents say. It is the
// app's demo organisation, the double every test runs against, and a tool on its own.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { NO_CHAOS, parseChaos, pickFault, seededRandom, type ChaosSpec, type Fault } from './chaos';
import { createIndexes, isSeeded, openSandboxDb } from './db';
import { drift } from './drift';
import { ApiError } from './http/apiError';
import type { Reply, RequestContext, SandboxEvents } from './http/context';
import { isId, requireBodyObject, type Body } from './http/params';
import type { Org } from './model';
import { RateLimiter } from './rateLimit';
import { matchRoute } from './routes';
import { seedOrganisations } from './seed/seed';
import { SandboxStore, type Principal } from './store';
import { WebhookSender } from './webhooks';

export interface SandboxOptions {
  host?: string;
  port?: number;
  /** A database file that survives restarts; in memory when absent. */
  db?: string;
  seed?: 'demo' | 'empty';
  /** About this many students, with courses, enrollments, groups and users in proportion. */
  scale?: number;
  /** Fixes the default organisation owner's API key. */
  apiKey?: string;
  /** Requests a second per key; unlimited when absent or 0. */
  rateLimit?: number;
  latencyMs?: number;
  /**
   * Compress answers with gzip for clients that ask (Accept-Encoding), as a real server's front
   * does. Off by default: on loopback it costs both sides CPU and saves nothing.
   */
  gzip?: boolean;
  chaos?: ChaosSpec | string;
  webhooks?: string[];
  webhookRetryBaseMs?: number;
  /** The sandbox's notion of now, for tests of expiry; the real clock when absent. */
  clock?: () => Date;
  log?: (line: string) => void;
}

export interface SandboxOrg {
  id: string;
  subdomain: string;
  name: string;
  ownerApiKey: string;
}

export interface Sandbox {
  url: string;
  host: string;
  port: number;
  /** The default organisation, served on a bare IP address or its own subdomain. */
  org: SandboxOrg;
  orgs: SandboxOrg[];
  store: SandboxStore;
  webhooks: WebhookSender;
  /** Requests answered, by method and route, for benchmarks that count what a client spent. */
  stats: { requests: number; byRoute: Map<string, number> };
  /** A base URL that selects an organisation by its subdomain (`http://acme.localhost:PORT`). */
  urlFor(subdomain: string): string;
  /** Changes the chaos of a running sandbox (tests: a bad day that ends, so the state holds still). */
  setChaos(spec: ChaosSpec | string): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

// The headers the documents show on every answer.
const STANDARD_HEADERS: Record<string, string> = {
  'X-Frame-Options': 'SAMEORIGIN',
  'X-XSS-Protection': '1; mode=block',
  'X-Content-Type-Options': 'nosniff',
  'X-Download-Options': 'noopen',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cache-Control': 'no-cache, no-store',
  'Content-Type': 'application/json; charset=utf-8',
};

class DropConnection extends Error {}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const log = options.log ?? (() => {});
  const db = openSandboxDb(options.db);
  const store = new SandboxStore(db);
  if (!isSeeded(db)) seedOrganisations(store, { mode: options.seed ?? 'demo', scale: options.scale });
  createIndexes(db);
  const defaultOrg = store.defaultOrg();
  if (options.apiKey) store.setUserApiKey(store.ownerOf(defaultOrg.id).user.id, options.apiKey);

  let chaos = typeof options.chaos === 'string' ? parseChaos(options.chaos) : (options.chaos ?? NO_CHAOS);
  let chaosRandom = seededRandom(chaos.seed);
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  const webhooks = new WebhookSender({ urls: options.webhooks ?? [], retryBaseMs: options.webhookRetryBaseMs, log });
  const now = options.clock ?? (() => new Date());
  const events: SandboxEvents = {
    studentCreated: (_orgId, payload) => webhooks.send('student.created', payload),
    courseCompleted: (_orgId, payload) => webhooks.send('enrollment.completed', payload),
  };
  const stats = { requests: 0, byRoute: new Map<string, number>() };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log(`sandbox: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) send(res, 500, { errors: { base: ['Internal server error'] } }, {}, req.method === 'HEAD');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = randomUUID();
    const headOnly = req.method === 'HEAD';
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    let reply: Reply;
    let extraHeaders: Record<string, string> = {};
    const fault: Fault = pickFault(chaos, chaosRandom);
    try {
      if (fault === 'drop-before') throw new DropConnection();
      if (fault === 'error-before') throw ApiError.of(500, 'base', 'Internal server error (sandbox chaos)');
      if (fault === 'throttle') throw ApiError.of(429, 'base', 'Rate limit exceeded (sandbox chaos)', { 'Retry-After': '1' });
      reply = await route(req);
      if (fault === 'drop-after') throw new DropConnection();
      if (fault === 'error-after') throw ApiError.of(500, 'base', 'Internal server error (sandbox chaos)');
    } catch (error) {
      if (error instanceof DropConnection) {
        req.resume();
        res.destroy();
        return;
      }
      if (!(error instanceof ApiError)) throw error;
      reply = { status: error.status, body: error.body };
      extraHeaders = error.headers;
    }
    extraHeaders['X-Request-Id'] = requestId;
    extraHeaders['X-Runtime'] = ((performance.now() - started) / 1000).toFixed(6);
    const gzip = options.gzip === true && /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
    send(res, reply.status, reply.body, extraHeaders, headOnly, gzip);
  }

  async function route(req: IncomingMessage): Promise<Reply> {
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    // The URL parser resolves "." and ".." segments (%2e too), so /api/v1/courses/../students would
    // reach the students list. Rails routes the path as sent, where such a segment matches no route.
    if (rawPath.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) {
      throw ApiError.of(404, 'base', `No route matches ${req.method} ${rawPath}`);
    }
    const url = parseUrl(req.url ?? '/');
    const org = resolveOrg(req.headers.host);
    const segments = url.pathname.replace(/\.json$/, '').split('/').filter(Boolean).map(decodeSegment);

    if (segments.length === 2 && segments[0] === 'api' && segments[1] === 'authenticate') {
      if (method !== 'GET') throw ApiError.of(404, 'base', `No route matches ${req.method} ${url.pathname}`);
      const principal = authenticate(req, org);
      rateLimit(req, principal);
      await drainBody(req);
      count(`${req.method} /api/authenticate`);
      return { status: 200, body: undefined };
    }
    if (segments[0] !== 'api' || segments[1] !== 'v1') throw ApiError.of(404, 'base', `No route matches ${req.method} ${url.pathname}`);
    const match = matchRoute(method, segments.slice(2));
    if (!match) throw ApiError.of(404, 'base', `No route matches ${req.method} ${url.pathname}`);

    const principal = authenticate(req, org);
    if (principal.kind === 'student' && !match.route.student) {
      throw ApiError.of(403, 'base', "A student's API key can't be used for this request");
    }
    rateLimit(req, principal);
    const body = await readBody(req);
    count(`${method} /api/v1/${match.route.path}`);

    const ctx: RequestContext = {
      store,
      org,
      principal,
      // UUIDs name the same record in any case, as they do in Postgres.
      params: match.params.map((p) => (isId(p) ? p.toLowerCase() : p)),
      query: url.searchParams,
      body,
      now,
      random: Math.random,
      newId: randomUUID,
      events,
    };
    if (match.route.list && chaos.drift > 0 && chaosRandom() < chaos.drift) drift(ctx, match.route.list, chaosRandom);
    return match.route.handler(ctx);
  }

  function count(key: string): void {
    stats.requests++;
    stats.byRoute.set(key, (stats.byRoute.get(key) ?? 0) + 1);
  }

  /** Bare IPs and unknown hosts get the default organisation; `acme.localhost` or `acme.enlight.io` pick acme. */
  function resolveOrg(hostHeader: string | undefined): Org {
    const host = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
    const labels = host.split('.');
    const subdomain = labels.length >= 2 && !/^[\d.]+$/.test(host) && !host.startsWith('[') ? labels[0] : undefined;
    if (!subdomain || subdomain === 'www') return store.defaultOrg();
    const org = store.orgBySubdomain(subdomain);
    if (!org) throw ApiError.of(404, 'base', `No organisation is served at ${host}`);
    return org;
  }

  function authenticate(req: IncomingMessage, org: Org): Principal {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match?.[1] ? store.principalForKey(match[1]) : undefined;
    // A key of another organisation is as good as no key here: it must not reveal that it exists.
    if (!principal || principal.orgId !== org.id) {
      throw ApiError.of(401, 'base', header ? 'Invalid API key' : 'Missing API key: send "Authorization: Bearer YOUR_API_KEY"');
    }
    return principal;
  }

  function rateLimit(req: IncomingMessage, principal: Principal): void {
    if (!limiter) return;
    const verdict = limiter.take(`${principal.kind}:${principal.id}`);
    if (!verdict.allowed) {
      req.resume();
      throw ApiError.of(429, 'base', 'Rate limit exceeded', { 'Retry-After': String(verdict.retryAfterSeconds) });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const orgs: SandboxOrg[] = store.orgs().map((o) => ({ id: o.id, subdomain: o.subdomain, name: o.name, ownerApiKey: store.ownerOf(o.id).apiKey }));
  log(`sandbox: listening on ${url}`);

  return {
    url,
    host: address.address,
    port: address.port,
    org: orgs[0] as SandboxOrg,
    orgs,
    store,
    webhooks,
    stats,
    urlFor: (subdomain) => `http://${subdomain}.localhost:${address.port}`,
    setChaos: (spec) => {
      chaos = typeof spec === 'string' ? parseChaos(spec) : spec;
      chaosRandom = seededRandom(chaos.seed);
    },
    close: async () => {
      webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw, 'http://sandbox.invalid');
  } catch {
    throw ApiError.of(400, 'base', 'The request path is not a valid URL');
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw ApiError.of(400, 'base', 'The request path is not validly encoded');
  }
}

async function drainBody(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) {
    // discard
  }
}

/**
 * Reads the request body leniently, as the documented examples need: JSON is recognised by its
 * shape even without a Content-Type (curl -d sends form encoding), and form bodies are accepted too.
 */
async function readBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw ApiError.of(413, 'base', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (text.startsWith('{') || text.startsWith('[') || type.includes('json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw ApiError.of(400, 'body', `is not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
    }
    return requireBodyObject(parsed);
  }
  if (type.includes('application/x-www-form-urlencoded') || type === '') return parseForm(text);
  throw ApiError.of(415, 'body', `must be JSON or form encoded, not ${type}`);
}

/** Rails-style form fields: `name=x&group_ids[]=a&group_ids[]=b&answer[content]=y`, one level of nesting. */
function parseForm(text: string): Body {
  // Collected in Maps and turned into own properties: `body['__proto__'] = [...]` would instead
  // replace the body's prototype and hide the field from the permitted-attribute check.
  const fields = new Map<string, string | string[] | Map<string, string | string[]>>();
  const put = (target: Map<string, unknown>, key: string, value: string, list: boolean) => {
    const existing = target.get(key);
    if (!list) target.set(key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else target.set(key, [value]);
  };
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)(?:\[([^[\]]*)\])?(\[\])?$/.exec(rawKey);
    const [, name, inner, trailing] = match ?? [undefined, rawKey, undefined, undefined];
    if (!name) continue;
    if (inner === undefined || inner === '') {
      put(fields as Map<string, unknown>, name, value, inner === '' || trailing !== undefined);
      continue;
    }
    let nested = fields.get(name);
    if (!(nested instanceof Map)) {
      nested = new Map();
      fields.set(name, nested);
    }
    put(nested as Map<string, unknown>, inner, value, trailing !== undefined);
  }
  return Object.fromEntries([...fields].map(([k, v]) => [k, v instanceof Map ? Object.fromEntries(v) : v]));
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string>, headOnly: boolean, gzip = false): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  // Small answers go as they are, as most servers' compression leaves them.
  const packed = gzip && text.length >= 1024;
  const payload = packed ? gzipSync(text, { level: 1 }) : Buffer.from(text);
  res.writeHead(status, { ...STANDARD_HEADERS, ...extra, ...(packed ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}), 'Content-Length': payload.length });
  res.end(headOnly ? undefined : payload);
}
