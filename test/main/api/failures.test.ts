// When the network lets the client down: nothing listening, a server that never answers or hangs
// up, a caller who gives up mid-request, mid-backoff or in the queue; and addresses that must not
// get a key at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkBaseUrl, EnlightClient } from '../../../src/main/api/EnlightClient';
import { RequestLimiter } from '../../../src/main/api/RequestLimiter';
import { nodeHttpTransport } from '../../../src/main/api/transport';
import { closedPort, expectEnlightError, fakeTime, hostileServer, rememberKey, sendJson } from './helpers';

const KEY = rememberKey('9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d');
const GROUP = { id: 'e0c351c8-8516-4e42-b719-6c11f181624b', name: 'Class of 2020', enrollments: [] };

let server: Awaited<ReturnType<typeof hostileServer>>;
let transport: ReturnType<typeof nodeHttpTransport>;
let time: ReturnType<typeof fakeTime>;
// Answers the server has been told to hold back; released at the end of each test.
const held: (() => void)[] = [];

beforeAll(async () => {
  server = await hostileServer((_req, res) => sendJson(res, 200, []));
  transport = nodeHttpTransport();
});

afterAll(async () => {
  transport.close();
  await server.close();
});

beforeEach(() => {
  for (const release of held.splice(0)) release();
  server.requests.length = 0;
  time = fakeTime({ auto: true });
});

function clientFor(baseUrl: string, options: Partial<ConstructorParameters<typeof EnlightClient>[0]> = {}): EnlightClient {
  return new EnlightClient({ baseUrl, apiKey: KEY, transport: transport.transport, retries: 3, retryBaseMs: 100, random: () => 0.999, sleep: time.sleep, now: time.now, ...options });
}

/** The server takes the request and says nothing until the test ends. */
function neverAnswer() {
  server.setHandler((_req, res) => held.push(() => res.destroy()));
}

describe('a server that cannot be reached', () => {
  it('reports a closed port as "network" after the retries, backing off exponentially', async () => {
    const port = await closedPort();
    const client = clientFor(`http://127.0.0.1:${port}`);
    const error = await expectEnlightError(client.list('students'), 'network');
    expect(error.message).toContain(`Could not connect to 127.0.0.1:${port} for GET /api/v1/students: the connection was refused`);
    expect(error.message).toContain('(Tried 4 times.)');
    expect(error).toMatchObject({ endpoint: 'GET /api/v1/students', attempts: 4 });
    expect(client.stats).toMatchObject({ requests: 4, retries: 3 });
    // Full jitter under a ceiling that doubles: 100, 200, 400 ms (times the random share).
    expect(time.requested).toEqual([99, 199, 399]);
  });

  it('retries a POST that never left this machine, and says so', async () => {
    const client = clientFor(`http://127.0.0.1:${await closedPort()}`);
    const error = await expectEnlightError(client.createGroup({ name: 'Class' }), 'network');
    expect(error.mayHaveApplied).toBe(false);
    expect(error.message).toContain('never reached the server, so it is safe to send again');
    expect(client.stats.requests).toBe(4);
  });
});

describe('a server that does not speak HTTPS', () => {
  it('says the secure connection could not be set up, and does not retry what cannot work', async () => {
    const client = clientFor(`https://127.0.0.1:${server.port}`);
    const error = await expectEnlightError(client.list('users'), 'network');
    expect(error.message).toContain(`The secure connection to 127.0.0.1:${server.port} for GET /api/v1/users could not be set up`);
    expect(client.stats.requests).toBe(1);
    const write = await expectEnlightError(client.createGroup({ name: 'x' }), 'network');
    expect(write.mayHaveApplied).toBe(false);
  });
});

describe('timeouts', () => {
  it('gives up on a GET that gets no answer within timeoutMs, after retrying', async () => {
    neverAnswer();
    const client = clientFor(server.url, { timeoutMs: 40, retries: 1 });
    const error = await expectEnlightError(client.getGroup(GROUP.id), 'timeout');
    expect(error.message).toContain(`GET /api/v1/groups/${GROUP.id} got no answer from 127.0.0.1:${server.port} within 40 ms`);
    expect(server.requests).toHaveLength(2);
  });

  it('sends a timed-out POST only once, and says it may have been carried out', async () => {
    neverAnswer();
    const client = clientFor(server.url, { timeoutMs: 40 });
    const error = await expectEnlightError(client.createGroup({ name: 'Class' }), 'timeout');
    expect(error.mayHaveApplied).toBe(true);
    expect(error.message).toContain('may have reached the server and been carried out');
    expect(server.requests).toHaveLength(1);
  });
});

describe('a server that hangs up', () => {
  it('reports "closed the connection without answering" and retries a GET until it answers', async () => {
    server.setHandler((_req, res, i) => {
      if (i < 2) res.socket?.destroy();
      else sendJson(res, 200, GROUP);
    });
    const client = clientFor(server.url);
    expect(await client.getGroup(GROUP.id)).toMatchObject({ name: 'Class of 2020' });
    expect(server.requests).toHaveLength(3);
  });

  it('says which request it is trying again and why, and that it was answered in the end', async () => {
    server.setHandler((_req, res, i) => {
      if (i === 0) res.socket?.destroy();
      else if (i === 1) sendJson(res, 503, { errors: { base: ['Down for a moment'] } });
      else sendJson(res, 200, GROUP);
    });
    const told: unknown[] = [];
    const client = clientFor(server.url, { onRetrying: (retry) => told.push(retry) });
    await client.getGroup(GROUP.id);
    const endpoint = `GET /api/v1/groups/${GROUP.id}`;
    expect(told).toEqual([{ endpoint, attempt: 2, of: 4, reason: 'no-connection' }, { endpoint, attempt: 3, of: 4, reason: 'server-error', status: 503 }, null]);
  });

  it('does not resend a PATCH after a hang-up', async () => {
    server.setHandler((_req, res) => res.socket?.destroy());
    const client = clientFor(server.url);
    const error = await expectEnlightError(client.updateGroup(GROUP.id, { name: 'Renamed' }), 'network');
    expect(error.message).toContain(`The server 127.0.0.1:${server.port} closed the connection without answering PATCH /api/v1/groups/${GROUP.id}.`);
    expect(error.mayHaveApplied).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});

describe('cancelling', () => {
  it('stops a request in flight', async () => {
    neverAnswer();
    const client = clientFor(server.url);
    const controller = new AbortController();
    const call = client.list('groups', {}, controller.signal);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort();
    const error = await expectEnlightError(call, 'cancelled');
    expect(error.message).toBe('GET /api/v1/groups was cancelled.');
    expect(client.stats.requests).toBe(1);
  });

  it('says whether a cancelled write may have reached the server', async () => {
    neverAnswer();
    const client = clientFor(server.url);
    const controller = new AbortController();
    const call = client.deleteGroup(GROUP.id, controller.signal);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort();
    expect((await expectEnlightError(call, 'cancelled')).mayHaveApplied).toBe(true);
  });

  it('stops a backoff wait, sending nothing more', async () => {
    server.setHandler((_req, res) => sendJson(res, 503, { errors: { base: ['Service unavailable'] } }));
    time = fakeTime();
    const client = clientFor(server.url);
    const controller = new AbortController();
    const call = client.list('groups', {}, controller.signal);
    await vi.waitFor(() => expect(time.pending).toBe(1));
    controller.abort();
    await expectEnlightError(call, 'cancelled');
    expect(server.requests).toHaveLength(1);
    expect(time.pending).toBe(0);
  });

  it('stops a caller waiting for a free slot, and the slot is not lost', async () => {
    const limiter = new RequestLimiter({ maxConcurrent: 1 });
    neverAnswer();
    const client = clientFor(server.url, { limiter });
    const first = new AbortController();
    const second = new AbortController();
    const busy = client.list('groups', {}, first.signal);
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    const queued = client.list('users', {}, second.signal);
    await vi.waitFor(() => expect(limiter.queued).toBe(1));
    second.abort();
    const error = await expectEnlightError(queued, 'cancelled');
    expect(error.endpoint).toBe('GET /api/v1/users');
    first.abort();
    await expectEnlightError(busy, 'cancelled');
    expect(limiter.active).toBe(0);
    server.setHandler((_req, res) => sendJson(res, 200, []));
    expect(await client.list('groups')).toEqual([]);
  });

  it('sends nothing for a signal aborted already, and reads AbortSignal.timeout() as a timeout', async () => {
    const client = clientFor(server.url);
    await expectEnlightError(client.list('groups', {}, AbortSignal.abort()), 'cancelled');
    const timedOut = AbortSignal.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    await expectEnlightError(client.list('groups', {}, timedOut), 'timeout');
    expect(server.requests).toHaveLength(0);
  });
});

describe('the transport on its own', () => {
  it('refuses requests once closed', async () => {
    const own = nodeHttpTransport();
    own.close();
    const client = clientFor(server.url, { transport: own.transport });
    const error = await expectEnlightError(client.list('groups'), 'cancelled');
    expect(error.message).toContain('not sent');
    expect(server.requests).toHaveLength(0);
  });

  it('returns any status with its headers and body', async () => {
    server.setHandler((_req, res) => sendJson(res, 418, { errors: { base: ['teapot'] } }, { 'X-Request-Id': 'r-1' }));
    const res = await transport.transport({ method: 'GET', url: `${server.url}/x`, headers: {}, timeoutMs: 1000 });
    expect(res).toMatchObject({ status: 418, body: '{"errors":{"base":["teapot"]}}' });
    expect(res.headers['x-request-id']).toBe('r-1');
  });
});

describe('server addresses', () => {
  it.each([
    ['https://example.enlight.io', 'https://example.enlight.io/'],
    ['https://example.enlight.io/api/v1/students?limit=5', 'https://example.enlight.io/'],
    ['example.enlight.io', 'https://example.enlight.io/'],
    ['http://127.0.0.1:4567', 'http://127.0.0.1:4567/'],
    ['http://127.9.8.7', 'http://127.9.8.7/'],
    ['http://localhost:3000/', 'http://localhost:3000/'],
    ['localhost:3000', 'http://localhost:3000/'],
    ['http://acme.localhost:4567', 'http://acme.localhost:4567/'],
    ['http://[::1]:4567', 'http://[::1]:4567/'],
  ])('accepts %s', (input, href) => {
    expect(checkBaseUrl(input).href).toBe(href);
  });

  it.each([
    ['http://example.enlight.io', /must be reached over HTTPS \(https:\/\/example\.enlight\.io\)/],
    ['http://10.0.0.5:4567', /must be reached over HTTPS/],
    ['http://localhost.example.com', /must be reached over HTTPS/],
    ['http://128.0.0.1', /must be reached over HTTPS/],
    ['ftp://example.enlight.io', /not an http\(s\) address/],
    ['https://admin:secret@example.enlight.io', /must not contain a user name or password/],
    ['', /No server address/],
    ['https://exa mple', /is not a web address/],
  ])('refuses %s', (input, message) => {
    let caught: unknown;
    try {
      checkBaseUrl(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'bad-url', message: expect.stringMatching(message) });
  });

  it('never echoes a key pasted into the address field', async () => {
    await expectEnlightError(Promise.reject(capture(() => checkBaseUrl(KEY))), 'bad-url');
    await expectEnlightError(Promise.reject(capture(() => new EnlightClient({ baseUrl: `https://${KEY}.enlight.io`, apiKey: KEY }))), 'bad-url');
    await expectEnlightError(Promise.reject(capture(() => new EnlightClient({ baseUrl: 'http://example.com', apiKey: KEY }))), 'bad-url');
  });
});

function capture(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return new Error('expected a throw');
}
