// Bad input of every kind is answered with a 4xx error hash: never a 500, never a dropped
// connection, and the sandbox goes on answering normal requests afterwards.
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DOC_IDS } from '../../src/sandbox/seed/demo';
import { openSandbox, type RawResponse } from '../support/sandboxClient';

type Json = Record<string, unknown>;

let s: Awaited<ReturnType<typeof openSandbox>>;
beforeAll(async () => {
  s = await openSandbox();
});
afterAll(() => s.close());

afterEach(async () => {
  // Whatever the test sent, the sandbox still answers an ordinary request.
  const res = await s.call('GET', `/api/v1/courses/${DOC_IDS.courseHowTo}`);
  expect(res.status).toBe(200);
});

const ErrorHash = z.strictObject({
  message: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string()).min(1)).refine((errors) => Object.keys(errors).length > 0, 'names at least one field'),
});

/** A client error answered as JSON with the documented error-hash shape. */
function expectClientError(res: RawResponse, status?: number): z.infer<typeof ErrorHash> {
  expect(res.status, res.text).toBeGreaterThanOrEqual(400);
  expect(res.status, res.text).toBeLessThan(500);
  if (status !== undefined) expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return ErrorHash.parse(res.json);
}

function expectErrorHash(res: RawResponse, status: number, errors: Record<string, string[]>, message?: string): void {
  expect({ status: res.status, body: res.json }).toEqual({ status, body: message === undefined ? { errors } : { message, errors } });
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const post = (path: string, text: string, headers: Record<string, string> = JSON_TYPE) => s.call('POST', path, { body: text, headers });

/** GET with the path exactly as written: the URL class would resolve "..", "%2e%2e" and "." first. */
function getRawPath(path: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: s.sandbox.host, port: s.sandbox.port, path, method: 'GET', headers: { Authorization: `Bearer ${s.owner}` }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: text ? (JSON.parse(text) as unknown) : undefined });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let serial = 0;
const newCourse = (extra: Json = {}): Json => ({
  name: `Bad input course ${++serial}`,
  summary: 'Summary',
  marketing_copy_html: '<p>Buy</p>',
  completion_information_html: '<p>Done</p>',
  ...extra,
});

describe('malformed JSON', () => {
  it.each([
    ['a truncated body', '{"name":"Class of'],
    ['trailing garbage', '{"name":"Class of 2020"} and more'],
    ['a missing value', '{"a":}'],
    ['single quotes', "{'name':'Class of 2020'}"],
    ['a trailing comma', '{"name":"Class of 2020",}'],
    ['text that is not JSON at all', 'Class of 2020'],
  ])('answers 400 naming the body for %s', async (_what, text) => {
    const error = expectClientError(await post('/api/v1/groups', text), 400);
    expect(Object.keys(error.errors)).toEqual(['body']);
    expect(error.errors['body']?.[0]).toMatch(/^is not valid JSON/);
  });

  it('answers 400 for a malformed body even without a Content-Type', async () => {
    const error = expectClientError(await post('/api/v1/groups', '{"name":', {}), 400);
    expect(error.errors['body']?.[0]).toMatch(/^is not valid JSON/);
  });

  it('answers 400 for a malformed body on a GET', async () => {
    expectClientError(await s.call('GET', '/api/v1/courses', { body: '{"limit":', headers: JSON_TYPE }), 400);
  });

  it('refuses a body nested far too deeply', async () => {
    const depth = 100_000;
    expectClientError(await post('/api/v1/groups', `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`));
  });
});

describe('a body that is not a JSON object', () => {
  it.each([
    ['an array', '[{"name":"Class of 2020"}]'],
    ['a string', '"Class of 2020"'],
    ['a number', '42'],
    ['null', 'null'],
    ['true', 'true'],
  ])('answers 400 for %s', async (_what, text) => {
    expectErrorHash(await post('/api/v1/groups', text), 400, { body: ['must be a JSON object'] });
  });
});

describe('attributes of the wrong type', () => {
  it.each([
    ['an object', { first: 'Class' }],
    ['an array', ['Class', 'of', '2020']],
    ['true', true],
  ])('refuses a name given as %s', async (_what, name) => {
    expectErrorHash(await s.call('POST', '/api/v1/groups', { body: { name } }), 422, { name: ['must be text'] });
  });

  it('refuses a name given as a number too big to be a number at all', async () => {
    expectErrorHash(await post('/api/v1/groups', '{"name": 1e400}'), 422, { name: ['must be text'] });
  });

  it('refuses a name given as a number too big to keep exactly, rather than rounding it', async () => {
    expectErrorHash(await post('/api/v1/groups', '{"name": 123456789012345678901234567890}'), 422, { name: ['must be text'] });
  });

  it('takes a name given as a small number as its text', async () => {
    const res = await post('/api/v1/groups', '{"name": 2020}');
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: '2020' });
  });

  it.each([
    ['"12abc"', '12abc'],
    ['an object', { cents: 5 }],
    ['a fraction', 12.5],
    ['a number beyond exact integers', 1e20],
    ['null', null],
  ])('refuses a price given as %s', async (_what, price) => {
    expectErrorHash(await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { price_cents: price } }), 422, {
      price: ['is not a number'],
    });
  });

  it.each([
    ['an object', { yes: true }],
    ['an array', [true]],
    ['null', null],
    ['the number 2', 2],
  ])('refuses a yes/no setting given as %s', async (_what, value) => {
    expectErrorHash(await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { advertised: value } }), 422, {
      advertised: ['must be true or false'],
    });
  });

  it('refuses group_ids given as a string of junk', async () => {
    const junk = "'; DROP TABLE groups; --";
    const body = { course_id: DOC_IDS.coursePatchExample, student_id: DOC_IDS.studentOfGroupEnrollment, instructor_id: DOC_IDS.userSam, group_ids: junk };
    expectErrorHash(await s.call('POST', '/api/v1/enrollments', { body }), 422, { group_ids: [`contains unknown groups: ${junk}`] }, 'Unable to save enrollment');
  });

  it.each([
    ['an object', { id: DOC_IDS.group2020 }],
    ['a list of numbers', [1, 2]],
  ])('refuses group_ids given as %s', async (_what, groupIds) => {
    const body = { course_id: DOC_IDS.coursePatchExample, student_id: DOC_IDS.studentOfGroupEnrollment, instructor_id: DOC_IDS.userSam, group_ids: groupIds };
    expectErrorHash(await s.call('POST', '/api/v1/enrollments', { body }), 422, { group_ids: ['must be a list of ids'] }, 'Unable to save enrollment');
  });

  it('refuses an expiry date given as a number', async () => {
    const res = await s.call('PATCH', `/api/v1/enrollments/${DOC_IDS.enrollmentPatchExample}`, { body: { expires_at: 1893456000000 } });
    expectErrorHash(res, 422, { expires_at: ['is not a valid date'] });
  });

  it('refuses an id given as an object', async () => {
    const body = { course_id: { id: DOC_IDS.coursePatchExample }, student_id: DOC_IDS.studentOfGroupEnrollment, instructor_id: DOC_IDS.userSam };
    expectErrorHash(await s.call('POST', '/api/v1/enrollments', { body }), 422, { course_id: ['must be text'] }, 'Unable to save enrollment');
  });
});

describe('unknown fields', () => {
  it('refuses an unknown field, naming it', async () => {
    expectErrorHash(await s.call('POST', '/api/v1/groups', { body: { name: 'Fine', admin: true } }), 422, { admin: ['is not a permitted attribute'] });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('refuses a field named %s, naming it', async (field) => {
    const res = await post('/api/v1/groups', `{"name":"Fine",${JSON.stringify(field)}:"x"}`);
    expectErrorHash(res, 422, { [field]: ['is not a permitted attribute'] });
  });

  it('refuses a form field named __proto__, naming it', async () => {
    const res = await post('/api/v1/groups', 'name=Fine&__proto__[]=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expectErrorHash(res, 422, { ['__proto__']: ['is not a permitted attribute'] });
  });

  it('takes a form-encoded body as the documented curl -d examples send it', async () => {
    const res = await post('/api/v1/groups', 'name=Class+of+2031', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Class of 2031' });
  });
});

describe('size', () => {
  it('answers 413 for a body over 1 MiB', async () => {
    const res = await s.call('POST', '/api/v1/groups', { body: { name: 'x'.repeat(1024 * 1024) } });
    expectErrorHash(res, 413, { base: ['The request body is larger than 1048576 bytes'] });
  });

  it.each([
    ['name', 255],
    ['summary', 2000],
    ['marketing_copy_html', 100_000],
  ])('refuses a 200 KB %s as too long', async (field, max) => {
    const res = await s.call('POST', '/api/v1/courses', { body: newCourse({ [field]: 'y'.repeat(200 * 1024) }) });
    expectErrorHash(res, 422, { [field]: [`is too long (maximum is ${max} characters)`] });
  });
});

describe('ids and paths', () => {
  it.each([
    ['courses', 'Course'],
    ['checksheets', 'Checksheet'],
    ['library_items', 'Library item'],
    ['students', 'Student'],
    ['enrollments', 'Enrollment'],
    ['groups', 'Group'],
    ['users', 'User'],
  ])('answers 404 for a %s id that names no record', async (resource, what) => {
    expectErrorHash(await s.call('GET', `/api/v1/${resource}/${randomUUID()}`), 404, { base: [`${what} not found`] });
  });

  it.each(['abc', '12345', `${DOC_IDS.courseHowTo}-extra`, DOC_IDS.courseHowTo.replaceAll('-', ''), ' '])('answers 404 for the non-UUID id %j', async (id) => {
    expectErrorHash(await s.call('GET', `/api/v1/courses/${encodeURIComponent(id)}`), 404, { base: ['Course not found'] });
  });

  it.each(["' OR 1=1 --", '1; DROP TABLE courses', '" OR ""="'])('answers 404 for the SQL-looking id %j', async (id) => {
    expectErrorHash(await s.call('GET', `/api/v1/courses/${encodeURIComponent(id)}`), 404, { base: ['Course not found'] });
  });

  it('answers 404 for an encoded path traversal in an id', async () => {
    expectErrorHash(await s.call('GET', '/api/v1/courses/..%2F..%2Fetc%2Fpasswd'), 404, { base: ['Course not found'] });
  });

  it.each(['/api/v1/courses/../students', '/api/v1/courses/%2e%2e', '/api/v1/courses/%2E%2E/students', '/api/v1/./courses', '/api/v1/courses/%2e'])(
    'answers 404 for the dot segments of %s instead of resolving them',
    async (path) => {
      expectErrorHash(await getRawPath(path), 404, { base: [`No route matches GET ${path}`] });
    },
  );

  it.each(['/api/v1/courses/%E0%A4%A', '/api/v1/courses/%', '/api/v1/%C0%AF'])('answers 400 for the malformed percent-encoding of %s', async (path) => {
    expectErrorHash(await getRawPath(path), 400, { base: ['The request path is not validly encoded'] });
  });

  it.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/api/v2/courses'],
    ['GET', '/'],
    ['GET', '/api/v1'],
    ['GET', `/api/v1/courses/${DOC_IDS.courseHowTo}/students`],
    ['DELETE', `/api/v1/checksheets/${DOC_IDS.checksheetV2}`],
    ['POST', '/api/authenticate'],
    ['OPTIONS', '/api/v1/courses'],
  ])('answers 404 for the unknown route %s %s', async (method, path) => {
    expectErrorHash(await s.call(method, path), 404, { base: [`No route matches ${method} ${path}`] });
  });
});

describe('content types', () => {
  it('answers 415 for an XML body', async () => {
    const res = await post('/api/v1/groups', '<group><name>Class of 2020</name></group>', { 'Content-Type': 'text/xml' });
    expectErrorHash(res, 415, { body: ['must be JSON or form encoded, not text/xml'] });
  });

  it('answers 415 for a multipart body', async () => {
    const res = await post('/api/v1/groups', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nX\r\n--b--', { 'Content-Type': 'multipart/form-data; boundary=b' });
    expectErrorHash(res, 415, { body: ['must be JSON or form encoded, not multipart/form-data; boundary=b'] });
  });
});

describe('text the sandbox must keep as it is', () => {
  it.each([
    ['a NUL byte', 'Zo\u0000ë'],
    ['emoji', '👩🏽‍🚀 Ada 🚀'],
    ['right-to-left text', 'مريم'],
    ['a right-to-left override', '\u202Egnp.exe'],
    ['Hebrew with niqqud', 'שָׁלוֹם'],
  ])('accepts a student name with %s and returns it intact', async (_what, given) => {
    const created = await s.call('POST', '/api/v1/students', { body: { given_name: given, family_name: 'Test', email: `text.${++serial}@example.com` } });
    expect(created.status).toBe(201);
    const id = (created.json as Json)['id'] as string;
    expect((await s.call('GET', `/api/v1/students/${id}`)).json).toMatchObject({ given_name: given });
  });

  it('accepts a course name with a NUL byte and emoji and returns it intact', async () => {
    const name = `Safety\u0000First 🦺 ${++serial}`;
    const created = await s.call('POST', '/api/v1/courses', { body: newCourse({ name }) });
    expect(created.status).toBe(201);
    const id = (created.json as Json)['id'] as string;
    expect((await s.call('GET', `/api/v1/courses/${id}`)).json).toMatchObject({ name });
  });

  it('stores HTML and script in a course summary verbatim, as data', async () => {
    const summary = '<script>alert("x")</script><img src=x onerror="alert(1)"> & </p>';
    const created = await s.call('POST', '/api/v1/courses', { body: newCourse({ summary }) });
    const id = (created.json as Json)['id'] as string;
    const shown = await s.call('GET', `/api/v1/courses/${id}`);
    expect(shown.json).toMatchObject({ summary });
  });

  it('serves a course with script in its summary as JSON that browsers must not sniff', async () => {
    const created = await s.call('POST', '/api/v1/courses', { body: newCourse({ summary: '<script>alert(1)</script>' }) });
    const shown = await s.call('GET', `/api/v1/courses/${(created.json as Json)['id'] as string}`);
    expect(shown.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps a SQL-looking course name as plain text', async () => {
    const name = `Robert'); DROP TABLE courses;-- ${++serial}`;
    const created = await s.call('POST', '/api/v1/courses', { body: newCourse({ name }) });
    expect(created.json).toMatchObject({ name });
    expect((await s.call('GET', '/api/v1/courses?limit=1')).status).toBe(200);
  });
});

describe('an empty PATCH', () => {
  it.each([
    ['course', `/api/v1/courses/${DOC_IDS.courseHowTo}`],
    ['student', `/api/v1/students/${DOC_IDS.studentBob}`],
    ['enrollment', `/api/v1/enrollments/${DOC_IDS.enrollmentBob}`],
    ['group', `/api/v1/groups/${DOC_IDS.group2020}`],
    ['user', `/api/v1/users/${DOC_IDS.userSam}`],
  ])('answers 200 and leaves the %s unchanged', async (_what, path) => {
    const before = await s.call('GET', path);
    const res = await s.call('PATCH', path, { body: '', headers: JSON_TYPE });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(before.json);
    expect((await s.call('GET', path)).json).toEqual(before.json);
  });

  it('treats a body of only whitespace as empty', async () => {
    const path = `/api/v1/courses/${DOC_IDS.courseHowTo}`;
    const before = await s.call('GET', path);
    const res = await s.call('PATCH', path, { body: ' \r\n\t ', headers: JSON_TYPE });
    expect({ status: res.status, body: res.json }).toEqual({ status: 200, body: before.json });
  });
});

describe('absurd queries', () => {
  it.each([
    ['limit=99999999999999999999', { limit: ['must be an integer between 1 and 100'] }],
    ['offset=1e308', { offset: ['must be an integer greater than or equal to 0'] }],
    ['page=99999999999999999999', { page: ['must be an integer greater than or equal to 1'] }],
    ['limit=%E0%A4%A', { limit: ['must be an integer between 1 and 100'] }],
    ['limit=1%20OR%201=1', { limit: ['must be an integer between 1 and 100'] }],
  ])('answers 400 for ?%s', async (query, errors) => {
    expectErrorHash(await s.call('GET', `/api/v1/students?${query}`), 400, errors);
  });

  it('ignores query parameters it does not know', async () => {
    const res = await s.call('GET', '/api/v1/students?limit=2&sort=name&drop=tables');
    expect(res.status).toBe(200);
    expect(res.json).toHaveLength(2);
  });
});
