// The documented webhooks, "New Student" and "Course Completion", posted to a real receiver: their
// payloads, delivery off the request path, retries with backoff, giving up, and waiting for idle.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DOC_IDS } from '../../src/sandbox/seed/demo';
import { Generator } from '../../src/sandbox/seed/generate';
import { openSandbox, type RawResponse } from '../support/sandboxClient';

type Json = Record<string, unknown>;

interface Hook {
  method: string;
  path: string;
  event: string;
  contentType: string;
  body: Json;
}

/**
 * A webhook receiver on 127.0.0.1. Each request is recorded, then answered by `respond`, which a
 * test may replace to fail or to hold the answer open. `until(n)` resolves once n have arrived.
 */
class Receiver {
  readonly hooks: Hook[] = [];
  respond: (hook: Hook, res: ServerResponse) => void | Promise<void> = (_hook, res) => void res.end();
  private waiters: { count: number; resolve: () => void }[] = [];
  private server: Server = createServer((req, res) => void this.receive(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  until(count: number): Promise<void> {
    if (this.hooks.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const hook: Hook = {
      method: req.method ?? '',
      path: req.url ?? '',
      event: String(req.headers['x-enlight-event']),
      contentType: String(req.headers['content-type']),
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json,
    };
    this.hooks.push(hook);
    const ready = this.waiters.filter((w) => this.hooks.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.hooks.length < w.count);
    for (const w of ready) w.resolve();
    await this.respond(hook, res);
  }
}

/** A promise with its resolve function outside, for a receiver that holds its answer. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const receiver = new Receiver();
let s: Awaited<ReturnType<typeof openSandbox>>;

beforeAll(async () => {
  const url = await receiver.start();
  s = await openSandbox({ scale: 20, webhooks: [url], webhookRetryBaseMs: 20 });
});

afterEach(async () => {
  // Every test leaves the sender idle and the receiver answering 200 at once.
  await s.sandbox.webhooks.idle();
  receiver.respond = (_hook, res) => void res.end();
});

afterAll(async () => {
  await s.close();
  await receiver.close();
});

const orgId = () => s.sandbox.org.id;

function json(res: RawResponse, status: number): Json {
  expect(res.status, res.text).toBe(status);
  return res.json as Json;
}

const newStudent = (name: string) => ({ given_name: name, family_name: 'Hook', email: `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@example.com` });
const hooksFor = (id: string) => receiver.hooks.filter((h) => h.body['id'] === id);
const deliveriesSince = (n: number) => s.sandbox.webhooks.deliveries.slice(n);

describe('New Student', () => {
  it('posts the student show shape, without the api_key, when a student is created', async () => {
    const created = json(await s.call('POST', '/api/v1/students', { body: newStudent('Alice') }), 201);
    await s.sandbox.webhooks.idle();
    const shown = json(await s.call('GET', `/api/v1/students/${String(created['id'])}`), 200);
    const { api_key: apiKey, ...withoutKey } = shown;
    expect(apiKey).toBeTypeOf('string');

    const [hook, ...more] = hooksFor(created['id'] as string);
    expect(more).toEqual([]);
    expect(hook).toMatchObject({ method: 'POST', path: '/hooks', event: 'student.created' });
    expect(hook?.contentType).toMatch(/^application\/json/);
    expect(hook?.body).toEqual(withoutKey);
    expect(Object.keys(hook?.body ?? {})).toEqual(Object.keys(withoutKey));
    expect(JSON.stringify(hook?.body)).not.toContain(String(apiKey));
  });

  it('posts the new student when an enrollment creates one, and nothing for an existing student', async () => {
    const before = s.sandbox.webhooks.deliveries.length;
    const enrollment = json(
      await s.call('POST', '/api/v1/enrollments', {
        body: {
          student_given_name: 'Jane',
          student_family_name: 'Smith',
          student_email: `jane.${randomUUID().slice(0, 8)}@example.com`,
          student_password: 'secret123',
          course_id: DOC_IDS.coursePatchExample,
          instructor_id: DOC_IDS.userInstructor,
        },
      }),
      201,
    );
    const studentId = enrollment['student_id'] as string;
    await s.sandbox.webhooks.idle();
    const shown = json(await s.call('GET', `/api/v1/students/${studentId}`), 200);
    const { api_key: _apiKey, ...withoutKey } = shown;
    expect(hooksFor(studentId)).toMatchObject([{ event: 'student.created', body: withoutKey }]);
    expect(hooksFor(studentId)[0]?.body).not.toHaveProperty('api_key');

    // An enrollment of an existing student announces no new student.
    json(await s.call('POST', '/api/v1/enrollments', { body: { course_id: DOC_IDS.courseHowTo, student_id: studentId, instructor_id: DOC_IDS.userSam } }), 201);
    await s.sandbox.webhooks.idle();
    expect(deliveriesSince(before)).toEqual([{ url: expect.stringMatching(/\/hooks$/), event: 'student.created', status: 'delivered', attempts: 1 }]);
  });

  it('posts nothing for a student that fails validation', async () => {
    const before = receiver.hooks.length;
    expect((await s.call('POST', '/api/v1/students', { body: { given_name: 'No', family_name: 'Email' } })).status).toBe(422);
    await s.sandbox.webhooks.idle();
    expect(receiver.hooks.length).toBe(before);
  });
});

describe('Course Completion', () => {
  /** A course whose checksheet the API alone can complete: one multiple choice and one information step. */
  function insertCompletableCourse(): { courseId: string; choice: string; information: string } {
    const { store } = s.sandbox;
    const now = new Date();
    const iso = now.toISOString();
    const g = new Generator(store, orgId(), Math.random, now);
    const course = g.course([DOC_IDS.userSam]);
    store.insertCourse(orgId(), course);
    const checksheetId = randomUUID();
    store.insertChecksheet(orgId(), { id: checksheetId, course_id: course.id, version: 1, current_checksheet: true, published: true, created_at: iso, updated_at: iso });
    const sectionId = randomUUID();
    store.insertSection(orgId(), { id: sectionId, checksheet_id: checksheetId, name: 'Only section', label: null, final: true, sequence: 1, created_at: iso, updated_at: iso });
    const [choice, information] = ['Steps::MultipleChoice', 'Steps::Information'].map((type, i) => {
      const step = g.step(type, iso, []);
      store.insertStep(orgId(), step);
      const id = randomUUID();
      store.insertSectionStep(orgId(), { id, section_id: sectionId, step_id: step.id, sequence: i + 1, list_source_step: null, possible_reference_section_step_ids: [] });
      return id;
    });
    return { courseId: course.id, choice: choice as string, information: information as string };
  }

  it('posts the completed enrollment, with its student, as the show enrollment API gives it', async () => {
    const { courseId, choice, information } = insertCompletableCourse();
    const enrollment = json(await s.call('POST', '/api/v1/enrollments', { body: { course_id: courseId, student_id: DOC_IDS.studentBob, instructor_id: DOC_IDS.userSam } }), 201);
    const enrollmentId = enrollment['id'] as string;
    const answer = (sectionStepId: string, content?: string) =>
      s.call('POST', '/api/v1/answer', { key: DOC_IDS.studentBobApiKey, body: { enrollment_id: enrollmentId, section_step_id: sectionStepId, ...(content ? { answer: { content } } : {}) } });

    json(await answer(information), 200);
    await s.sandbox.webhooks.idle();
    expect(hooksFor(enrollmentId)).toEqual([]);

    const completion = receiver.until(receiver.hooks.length + 1);
    json(await answer(choice, 'Stop work and report it'), 200);
    await completion;
    const hook = receiver.hooks.at(-1);
    const shown = json(await s.call('GET', `/api/v1/enrollments/${enrollmentId}`), 200);
    expect(hook).toMatchObject({ method: 'POST', event: 'enrollment.completed', body: shown });
    expect(shown['completed_at']).toBeTypeOf('string');
    expect(shown['student']).toMatchObject({ id: DOC_IDS.studentBob, given_name: 'Bob', family_name: 'Example', email: 'bob@example.com' });
    expect(shown['student']).not.toHaveProperty('api_key');
    await s.sandbox.webhooks.idle();
    expect(hooksFor(enrollmentId)).toHaveLength(1);
  });
});

describe('delivery', () => {
  /** A receiver that holds every answer until `open()`; the deliveries stay pending meanwhile. */
  function holdAnswers(): () => void {
    const held = gate();
    receiver.respond = async (_hook, res) => {
      await held.promise;
      res.end();
    };
    return held.open;
  }

  it('answers the request that caused the event without waiting for the webhook', async () => {
    // The receiver holds its answer open until the test has the API's answer in hand: had the
    // sandbox waited for the webhook, the POST below would never come back.
    const open = holdAnswers();
    const arrived = receiver.until(receiver.hooks.length + 1);
    const before = s.sandbox.webhooks.deliveries.length;
    const created = json(await s.call('POST', '/api/v1/students', { body: newStudent('Patient') }), 201);
    await arrived;
    expect(receiver.hooks.at(-1)?.body['id']).toBe(created['id']);
    // The API keeps answering while the delivery hangs.
    expect((await s.call('GET', `/api/v1/students/${String(created['id'])}`)).status).toBe(200);
    expect(deliveriesSince(before)).toEqual([]);
    open();
    await s.sandbox.webhooks.idle();
    expect(deliveriesSince(before)).toMatchObject([{ event: 'student.created', status: 'delivered', attempts: 1 }]);
  });

  it('retries a receiver that fails: two 500s, then the payload arrives on the third attempt', async () => {
    let failures = 0;
    receiver.respond = (_hook, res) => {
      if (failures < 2) {
        failures++;
        res.statusCode = 500;
      }
      res.end();
    };
    const before = s.sandbox.webhooks.deliveries.length;
    const created = json(await s.call('POST', '/api/v1/students', { body: newStudent('Retry') }), 201);
    await s.sandbox.webhooks.idle();
    const received = hooksFor(created['id'] as string);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((h) => JSON.stringify(h.body))).size).toBe(1);
    expect(deliveriesSince(before)).toMatchObject([{ event: 'student.created', status: 'delivered', attempts: 3 }]);
  });

  it('resolves idle() at once when nothing is pending, and otherwise only when every delivery is done', async () => {
    await s.sandbox.webhooks.idle();
    const open = holdAnswers();
    const before = s.sandbox.webhooks.deliveries.length;
    const allArrived = receiver.until(receiver.hooks.length + 3);
    for (const name of ['Idle', 'Idler', 'Idlest']) json(await s.call('POST', '/api/v1/students', { body: newStudent(name) }), 201);
    await allArrived;
    let idle = false;
    const idled = s.sandbox.webhooks.idle().then(() => (idle = true));
    // A full round trip through the API gives a wrongly early idle() every chance to resolve.
    expect((await s.call('GET', '/api/authenticate')).status).toBe(200);
    expect(idle).toBe(false);
    expect(deliveriesSince(before)).toEqual([]);
    open();
    await idled;
    expect(deliveriesSince(before).map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });
});

describe('a webhook URL where nothing listens', () => {
  let dead: Awaited<ReturnType<typeof openSandbox>>;
  beforeAll(async () => {
    // A port that was free a moment ago and is closed now: connections are refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    dead = await openSandbox({ seed: 'empty', webhooks: [`http://127.0.0.1:${port}/gone`], webhookRetryBaseMs: 2 });
  });
  afterAll(() => dead.close());

  it('gives up after the last attempt, and the API goes on answering as if nothing happened', async () => {
    const created = json(await dead.call('POST', '/api/v1/students', { body: newStudent('Lonely') }), 201);
    expect(json(await dead.call('GET', `/api/v1/students/${String(created['id'])}`), 200)['id']).toBe(created['id']);
    await dead.sandbox.webhooks.idle();
    const [delivery, ...more] = dead.sandbox.webhooks.deliveries;
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({ event: 'student.created', status: 'failed', attempts: 6 });
    expect(delivery?.lastError).toBeTypeOf('string');
    // The next event is tried afresh, and the API still answers at once.
    json(await dead.call('POST', '/api/v1/students', { body: newStudent('Lonelier') }), 201);
    await dead.sandbox.webhooks.idle();
    expect(dead.sandbox.webhooks.deliveries.map((d) => [d.status, d.attempts])).toEqual([
      ['failed', 6],
      ['failed', 6],
    ]);
  });
});
