// Answers the sandbox never gives, from a hostile server of our own: broken JSON, HTML error pages
// from a proxy, records missing fields or with the wrong types, empty bodies, redirects, and
// servers that repeat the API key back. Each must become an EnlightError naming the endpoint.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { nodeHttpTransport } from '../../../src/main/api/transport';
import { expectEnlightError, fakeTime, hostileServer, rememberKey, sendJson } from './helpers';

const KEY = rememberKey('5f0c7e1a-9d2b-4c3e-8f4a-1b2c3d4e5f60');

const STUDENT = {
  id: '82121578-afda-46ca-a2db-5b5f92bbce16',
  given_name: 'Bob',
  family_name: 'Example',
  email: 'bob@example.com',
  locale: 'en-US',
  time_zone: 'Sydney',
  gravatar_url: 'http://www.gravatar.com/avatar/6bed2cc82ac1538da3fc3312d424bb04',
};
const USER = { id: 'd39e311f-018d-4c57-ba88-6c5ac76ccb15', given_name: 'Sam', family_name: 'Smith', email: 'sam@example.com', locale: 'en-US', role: 'instructor', unsubscribed: false };
const COURSE = {
  id: '50edd30a-d0da-4862-ba89-02b29835c80a',
  name: 'How to use the Enlight API',
  summary: 'This course teaches you the enlight API',
  course_image: null,
  multiple_sign_ups: false,
  purchasable: true,
  advertised: true,
  price_cents: 1000,
  price_currency: 'USD',
  instructor_id: null,
  prerequisite_course_id: null,
  archived_at: null,
  created_at: '2015-06-17T12:51:08.182Z',
  updated_at: '2020-05-02T05:41:07.051Z',
  checksheets: [],
};
const HTML_502 = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

let server: Awaited<ReturnType<typeof hostileServer>>;
let transport: ReturnType<typeof nodeHttpTransport>;
let time: ReturnType<typeof fakeTime>;
let client: EnlightClient;

beforeAll(async () => {
  server = await hostileServer((_req, res) => sendJson(res, 200, []));
  transport = nodeHttpTransport();
});

afterAll(async () => {
  transport.close();
  await server.close();
});

beforeEach(() => {
  server.requests.length = 0;
  time = fakeTime({ auto: true });
  client = new EnlightClient({ baseUrl: server.url, apiKey: KEY, transport: transport.transport, retries: 2, retryBaseMs: 100, random: () => 0.5, sleep: time.sleep, now: time.now });
});

describe('what the client sends', () => {
  it('sends Bearer auth and JSON, and a GET with a JSON body for an answer', async () => {
    server.setHandler((req, res) => {
      if (req.method === 'POST') return sendJson(res, 201, { id: 'g1', name: 'Class', enrollments: [] });
      return sendJson(res, 200, { id: 'a1', pass_at: null, points: 0, state: 'submitted', answered_at: null, created_at: '2021-02-08T07:26:07.815Z', updated_at: '2021-02-08T07:26:07.815Z', enrollment_id: 'e1', section_step_id: 's1' });
    });
    await client.createGroup({ name: 'Class' });
    await client.getAnswer({ enrollment_id: 'e1', section_step_id: 's1' });
    const [post, get] = server.requests;
    expect(post).toMatchObject({ method: 'POST', url: '/api/v1/groups', body: '{"name":"Class"}' });
    expect(post?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'content-type': 'application/json', accept: 'application/json' });
    expect(get?.method).toBe('GET');
    expect(JSON.parse(get?.body ?? '')).toEqual({ enrollment_id: 'e1', section_step_id: 's1' });
    expect(get?.headers['content-type']).toBe('application/json');
  });

  it('reuses one keep-alive connection for calls one after another', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, [USER]));
    for (let i = 0; i < 4; i++) await client.list('users', { limit: 1, offset: i });
    expect(new Set(server.requests.map((r) => r.remotePort)).size).toBe(1);
  });
});

describe('answers that are not the JSON the API documents', () => {
  it('keeps fields the documents do not list', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, { ...USER, nickname: 'Sammy', preferences: { theme: 'dark' } }));
    expect(await client.getUser(USER.id)).toMatchObject({ nickname: 'Sammy', preferences: { theme: 'dark' } });
  });

  it('reports malformed JSON as "bad-response", naming the endpoint, without retrying', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, '[{"id": "a", given_name: Bob}]'));
    const error = await expectEnlightError(client.list('students'), 'bad-response');
    expect(error.message).toMatch(/^The server's answer to GET \/api\/v1\/students was not valid JSON: .+ Try again; if it keeps happening, the server may be behind a proxy that is failing\.$/);
    expect(error.endpoint).toBe('GET /api/v1/students');
    expect(server.requests).toHaveLength(1);
  });

  it('reports JSON cut short inside a complete answer as "bad-response"', async () => {
    const whole = JSON.stringify([STUDENT]);
    server.setHandler((_req, res) => sendJson(res, 200, whole.slice(0, whole.length - 20)));
    const error = await expectEnlightError(client.list('students'), 'bad-response');
    expect(error.message).toContain('GET /api/v1/students was not valid JSON');
  });

  it('reports an answer cut off mid-body by a closed connection as "network", and retries a GET', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
      res.write('[{"id": "82121578-afda');
      setImmediate(() => res.destroy());
    });
    const error = await expectEnlightError(client.list('students'), 'network');
    expect(error.message).toContain('GET /api/v1/students');
    expect(error.message).toContain('broke while the answer');
    expect(server.requests).toHaveLength(3);
  });

  it('reports an HTML 502 page from a proxy as "server" without parsing it, after retrying a GET', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end(HTML_502);
    });
    const error = await expectEnlightError(client.list('students'), 'server');
    expect(error.message).toContain('The server answered 502 with an HTML page instead of JSON for GET /api/v1/students');
    expect(error.message).toContain('Tried 3 times');
    expect(error).toMatchObject({ status: 502, attempts: 3 });
    expect(error.mayHaveApplied).toBeUndefined();
    expect(server.requests).toHaveLength(3);
    // Full jitter: a random share (here half) of 100 ms, then of 200 ms.
    expect(time.requested).toEqual([50, 100]);
  });

  it('sends a POST that met an HTML 502 only once, and says it may have been carried out', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end(HTML_502);
    });
    const error = await expectEnlightError(client.createGroup({ name: 'Class' }), 'server');
    expect(error.message).toContain('The server answered 502 with an HTML page instead of JSON for POST /api/v1/groups');
    expect(error.mayHaveApplied).toBe(true);
    expect(error.message).toContain('may have reached the server');
    expect(server.requests).toHaveLength(1);
  });

  it('names the path of a missing id in a list', async () => {
    const { id: _id, ...noId } = STUDENT;
    server.setHandler((_req, res) => sendJson(res, 200, [STUDENT, noId]));
    const error = await expectEnlightError(client.list('students'), 'bad-response');
    expect(error.message).toContain('GET /api/v1/students');
    expect(error.message).toContain('[1].id');
  });

  it('names the field of a value with the wrong type', async () => {
    server.setHandler((_req, res) => sendJson(res, 200, { ...COURSE, price_cents: '1000' }));
    const error = await expectEnlightError(client.getCourse(COURSE.id), 'bad-response');
    expect(error.message).toContain(`GET /api/v1/courses/${COURSE.id}`);
    expect(error.message).toContain('price_cents');
  });

  it('reports an empty body where JSON was expected', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '0' });
      res.end();
    });
    const error = await expectEnlightError(client.getUser(USER.id), 'bad-response');
    expect(error.message).toContain(`GET /api/v1/users/${USER.id} with 200 and an empty body where JSON was expected`);
  });

  it('reports a 200 HTML page (a login portal) as "bad-response"', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<html><body>Please sign in</body></html>');
    });
    const error = await expectEnlightError(client.list('users'), 'bad-response');
    expect(error.message).toContain('HTML page instead of JSON');
  });

  it('says a POST whose 201 could not be read was carried out', async () => {
    server.setHandler((_req, res) => sendJson(res, 201, '{"id": "g1", "na'));
    const error = await expectEnlightError(client.createGroup({ name: 'Class' }), 'bad-response');
    expect(error.mayHaveApplied).toBe(true);
    expect(error.message).toContain('POST /api/v1/groups was not valid JSON');
    expect(error.message).toContain('the change was most likely made');
    expect(error.message).not.toContain('Try again');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a status the API never sends, without an error hash, as "bad-response"', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(405, { 'Content-Type': 'text/plain' });
      res.end('Method Not Allowed');
    });
    const error = await expectEnlightError(client.list('users'), 'bad-response');
    expect(error.message).toBe('The server answered GET /api/v1/users with 405, which the Enlight API does not send for it ("Method Not Allowed"). The address may point at something other than the Enlight API; check it.');
  });

  it('does not follow a redirect', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(302, { Location: 'https://login.example.com/' });
      res.end();
    });
    const error = await expectEnlightError(client.list('users'), 'bad-response');
    expect(error.message).toContain('answered GET /api/v1/users with 302');
  });

  it('accepts an empty body or an empty object for a DELETE', async () => {
    server.setHandler((_req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { 'Content-Length': '0' });
        res.end();
      } else sendJson(res, 200, {});
    });
    await expect(client.deleteGroup('g1')).resolves.toBeUndefined();
    await expect(client.deleteUser('u1')).resolves.toBeUndefined();
  });
});

describe('server errors', () => {
  it('retries a 5xx for a GET and succeeds when the server recovers, waiting at least its Retry-After', async () => {
    server.setHandler((_req, res, i) => (i === 0 ? sendJson(res, 503, { errors: { base: ['Down for maintenance'] } }, { 'Retry-After': '2' }) : sendJson(res, 200, [USER])));
    expect(await client.list('users')).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(time.requested).toEqual([2000]);
    expect(client.stats.retries).toBe(1);
  });

  it('gives up on a GET after the retries, in the server\'s words', async () => {
    server.setHandler((_req, res) => sendJson(res, 500, { errors: { base: ['Internal server error'] } }));
    const error = await expectEnlightError(client.getUser(USER.id), 'server');
    expect(error.message).toContain(`The server failed to handle GET /api/v1/users/${USER.id} (500): "Internal server error". This is a problem on the server's side. Try again later. (Tried 3 times.)`);
    expect(error.fieldErrors).toEqual({ base: ['Internal server error'] });
    expect(server.requests).toHaveLength(3);
  });

  it('passes on an error hash with its message for a 422', async () => {
    server.setHandler((_req, res) => sendJson(res, 422, { message: 'Unable to save enrollment', errors: { course_id: ["can't be blank"] } }));
    const error = await expectEnlightError(client.createEnrollment({ course_id: '', student_id: 's', instructor_id: 'i' }), 'validation');
    expect(error).toMatchObject({ status: 422, fieldErrors: { course_id: ["can't be blank"] }, serverMessage: 'Unable to save enrollment' });
    expect(error.message).toBe("The server refused POST /api/v1/enrollments (422): Unable to save enrollment: course_id can't be blank. Correct the values and send it again.");
  });
});

describe('a server that repeats the key back', () => {
  it('scrubs the key from field errors, messages and JSON parse errors', async () => {
    server.setHandler((req, res, i) => {
      const auth = String(req.headers.authorization);
      if (i === 0) return sendJson(res, 422, { errors: { base: [`Token ${auth} is not allowed here`] }, message: `Refused ${auth}` });
      if (i === 1) return sendJson(res, 200, `${auth.slice(7)} is not JSON`);
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(`Bad request with ${auth}`);
    });
    const hash = await expectEnlightError(client.createGroup({ name: 'x' }), 'validation');
    expect(hash.fieldErrors).toEqual({ base: ['Token Bearer [API key] is not allowed here'] });
    expect(hash.serverMessage).toBe('Refused Bearer [API key]');
    await expectEnlightError(client.list('groups'), 'bad-response');
    const text = await expectEnlightError(client.list('groups'), 'validation');
    expect(text.message).toContain('[API key]');
  });

  it('shows no piece of the key where a quote of the answer is cut short', async () => {
    // The key straddles the point where a quoted body is cut (160 characters), or sits among the
    // few characters JSON.parse quotes of a body it cannot read.
    const padding = 'x'.repeat(140);
    const answers = [
      { status: 500, body: `${padding} ${KEY} and a stack trace`, code: 'server' },
      { status: 400, body: `${padding} ${KEY} and a stack trace`, code: 'validation' },
      { status: 418, body: `${padding} ${KEY} and a stack trace`, code: 'bad-response' },
      { status: 200, body: `x${KEY} is not JSON`, code: 'bad-response' },
    ] as const;
    const messages: string[] = [];
    for (const { status, body, code } of answers) {
      server.setHandler((_req, res) => {
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(body);
      });
      messages.push((await expectEnlightError(client.list('groups'), code)).message);
    }
    for (const message of messages) {
      for (let at = 0; at + 8 <= KEY.length; at++) expect(message, `"${KEY.slice(at, at + 8)}" is of the key`).not.toContain(KEY.slice(at, at + 8));
    }
    expect(messages[0]).toContain(`${padding} [API key]`);
    expect(messages[3]).toContain('was not valid JSON');
  });
});
