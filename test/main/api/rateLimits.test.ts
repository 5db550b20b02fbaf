// 429s: the Retry-After pauses every caller of the account, not only the one that was told, and
// the refused request is sent again whatever its method (the server did nothing with it).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { RequestLimiter } from '../../../src/main/api/RequestLimiter';
import { nodeHttpTransport, type HttpTransport } from '../../../src/main/api/transport';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { expectEnlightError, expectNoKey, fakeTime, hostileServer, rememberKey, sendJson } from './helpers';

const KEY = rememberKey('3c2b1a09-8f7e-4d6c-9b5a-493827160514');
const USERS = [{ id: 'd39e311f-018d-4c57-ba88-6c5ac76ccb15', given_name: 'Sam', family_name: 'Smith', email: 'sam@example.com', locale: 'en-US', role: 'instructor', unsubscribed: false }];

let transport: ReturnType<typeof nodeHttpTransport>;

beforeAll(() => {
  transport = nodeHttpTransport();
});

afterAll(() => {
  transport.close();
});

describe('against the sandbox\'s rate limit', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 20, rateLimit: 5 });
    rememberKey(sandbox.org.ownerApiKey);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('waits out the Retry-After once for everyone, and every call succeeds with one request each at the server', async () => {
    // The real clock: the sandbox's token bucket refills in real time (one pause of 1 s here).
    const limiter = new RequestLimiter({ maxConcurrent: 8 });
    const statuses: number[] = [];
    let sentWhilePaused = 0;
    const watching: HttpTransport = async (req) => {
      if (limiter.isPaused()) sentWhilePaused++;
      const res = await transport.transport(req);
      statuses.push(res.status);
      return res;
    };
    const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, transport: watching, limiter });
    const before = sandbox.stats.requests;

    const pages = await Promise.all(Array.from({ length: 8 }, (_, i) => client.list('students', { limit: 1, offset: i })));

    expect(pages.every((page) => page.length === 1)).toBe(true);
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThan(0);
    // The sandbox counts only the requests it carried out: exactly one per call.
    expect(sandbox.stats.requests - before).toBe(8);
    expect(client.stats).toMatchObject({ requests: 8 + refused, rateLimited: refused, retries: refused });
    expect(sentWhilePaused).toBe(0);
    expect(limiter.stats.waits).toBeGreaterThan(0);
    expect(limiter.stats.pauses).toBeGreaterThan(0);
    expectNoKey(client.stats);
  });
});

describe('against a server that says exactly when', () => {
  let server: Awaited<ReturnType<typeof hostileServer>>;
  let time: ReturnType<typeof fakeTime>;

  beforeAll(async () => {
    server = await hostileServer((_req, res) => sendJson(res, 200, USERS));
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    server.requests.length = 0;
    time = fakeTime();
  });

  function clientWith(limiter: RequestLimiter, options: Partial<ConstructorParameters<typeof EnlightClient>[0]> = {}) {
    return new EnlightClient({ baseUrl: server.url, apiKey: KEY, transport: transport.transport, limiter, sleep: time.sleep, now: time.now, ...options });
  }

  it('holds every caller of the account while paused, sharing one wait', async () => {
    server.setHandler((_req, res, i) => (i === 0 ? sendJson(res, 429, { errors: { base: ['Rate limit exceeded'] } }, { 'Retry-After': '7' }) : sendJson(res, 200, USERS)));
    const limiter = new RequestLimiter({ maxConcurrent: 2, sleep: time.sleep, now: time.now });
    const client = clientWith(limiter);
    const calls = Promise.all([0, 1, 2, 3].map((offset) => client.list('users', { limit: 1, offset })));

    await vi.waitFor(() => expect(time.pending).toBe(1));
    expect(time.requested).toEqual([7000]);
    expect(limiter.pausedUntil).toBe(time.now() + 7000);
    // Two were sent before the 429 came back; the rest wait, and still wait a few turns later.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(server.requests).toHaveLength(2);
    expect(time.pending).toBe(1);

    time.release();
    expect((await calls).map((page) => page.length)).toEqual([1, 1, 1, 1]);
    expect(server.requests).toHaveLength(5);
    expect(limiter.stats.waitedMs).toBe(7000);
    expect(limiter.stats.waits).toBeGreaterThanOrEqual(2);
  });

  it('reads a Retry-After date, and waits 1 s when there is none', async () => {
    const start = Math.floor(time.now() / 1000) * 1000;
    time.advance(start - time.now());
    server.setHandler((_req, res, i) => {
      if (i === 0) return sendJson(res, 429, { errors: { base: ['Slow down'] } }, { 'Retry-After': new Date(start + 5000).toUTCString() });
      if (i === 1) return sendJson(res, 429, { errors: { base: ['Slow down'] } });
      sendJson(res, 200, USERS);
    });
    time.auto = true;
    const limiter = new RequestLimiter({ sleep: time.sleep, now: time.now });
    const client = clientWith(limiter);
    expect(await client.list('users')).toHaveLength(1);
    expect(time.requested).toEqual([5000, 1000]);
  });

  it('sends a refused POST again: a 429 means nothing was done', async () => {
    server.setHandler((_req, res, i) => (i === 0 ? sendJson(res, 429, { errors: { base: ['Rate limit exceeded'] } }, { 'Retry-After': '1' }) : sendJson(res, 201, { id: 'g1', name: 'Class', enrollments: [] })));
    time.auto = true;
    const client = clientWith(new RequestLimiter({ sleep: time.sleep, now: time.now }));
    expect((await client.createGroup({ name: 'Class' })).id).toBe('g1');
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it('gives up with "rate-limited" when the server keeps refusing, or asks for too long a wait', async () => {
    server.setHandler((_req, res) => sendJson(res, 429, { errors: { base: ['Rate limit exceeded'] } }, { 'Retry-After': '2' }));
    time.auto = true;
    const limiter = new RequestLimiter({ sleep: time.sleep, now: time.now });
    const kept = await expectEnlightError(clientWith(limiter, { rateLimitRetries: 2 }).list('users'), 'rate-limited');
    expect(kept).toMatchObject({ status: 429, retryAfterMs: 2000, attempts: 3, endpoint: 'GET /api/v1/users' });
    expect(kept.message).toContain('too many requests');

    server.requests.length = 0;
    server.setHandler((_req, res) => sendJson(res, 429, { errors: { base: ['Come back tomorrow'] } }, { 'Retry-After': '86400' }));
    const long = await expectEnlightError(clientWith(limiter).createGroup({ name: 'x' }), 'rate-limited');
    expect(long).toMatchObject({ retryAfterMs: 86_400_000, mayHaveApplied: false });
    expect(long.message).toContain('asks to wait 24 hours before POST /api/v1/groups is sent again');
    expect(server.requests).toHaveLength(1);

    // Days, and no "Infinity hours" for a number too long to mean anything.
    server.setHandler((_req, res) => sendJson(res, 429, { errors: { base: ['Later'] } }, { 'Retry-After': String(3 * 86400) }));
    expect((await expectEnlightError(clientWith(limiter).list('users'), 'rate-limited')).message).toContain('asks to wait 3 days before');
    server.setHandler((_req, res) => sendJson(res, 429, { errors: { base: ['Later'] } }, { 'Retry-After': '9'.repeat(400) }));
    expect((await expectEnlightError(clientWith(limiter).list('users'), 'rate-limited')).message).toContain('asks to wait more than a month before');
  });

  it('holds no other call for a wait it will not take: the next step of a sync fails at once, in the same words', async () => {
    server.setHandler((_req, res) => sendJson(res, 429, { errors: { base: ['Come back tomorrow'] } }, { 'Retry-After': '86400' }));
    // Any sleep would end at once here, but is recorded: the calls must ask for none.
    time.auto = true;
    const limiter = new RequestLimiter({ sleep: time.sleep, now: time.now });
    const client = clientWith(limiter);
    const start = time.now();

    const students = await expectEnlightError(client.list('students'), 'rate-limited');
    expect(students.message).toBe('The server is limiting requests and asks to wait 24 hours before GET /api/v1/students is sent again. Try again later.');
    const users = await expectEnlightError(client.list('users'), 'rate-limited');
    expect(users.message).toBe('The server is limiting requests and asks to wait 24 hours before GET /api/v1/users is sent again. Try again later.');

    expect(time.requested).toEqual([]);
    expect(time.now()).toBe(start);
    expect(limiter.isPaused()).toBe(false);
    expect(limiter.stats).toMatchObject({ waits: 0, pauses: 0 });
    expect(server.requests).toHaveLength(2);
  });

  it('stops a caller waiting out a pause when it is cancelled', async () => {
    const limiter = new RequestLimiter({ sleep: time.sleep, now: time.now });
    limiter.pauseFor(30_000);
    const client = clientWith(limiter);
    const controller = new AbortController();
    const call = client.list('users', {}, controller.signal);
    await vi.waitFor(() => expect(time.pending).toBe(1));
    controller.abort();
    await expectEnlightError(call, 'cancelled');
    expect(time.pending).toBe(0);
    expect(limiter.active).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});
