// Submitting and reading answers with a student's key: each of the documents' four step families,
// the answer states, resubmission, who may answer what, and a course completed through the API.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepDoc } from '../../src/sandbox/model';
import { DOC_IDS } from '../../src/sandbox/seed/demo';
import { Generator } from '../../src/sandbox/seed/generate';
import { openSandbox, type RawResponse } from '../support/sandboxClient';

type Json = Record<string, unknown>;

const ANSWER = '/api/v1/answer';
const BOB = DOC_IDS.studentBobApiKey;
const ANSWER_FIELDS = ['id', 'pass_at', 'points', 'state', 'answered_at', 'created_at', 'updated_at', 'enrollment_id', 'section_step_id'];

let s: Awaited<ReturnType<typeof openSandbox>>;
// Course completions are announced to a webhook; this receiver keeps what it is sent.
let receiver: Server;
const hooks: { event: string; body: Json }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({ event: String(req.headers['x-enlight-event']), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json });
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  s = await openSandbox({ scale: 20, webhooks: [`http://127.0.0.1:${port}/hooks`], webhookRetryBaseMs: 20 });
});

afterAll(async () => {
  await s.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const orgId = () => s.sandbox.org.id;

function json(res: RawResponse, status: number): Json {
  expect(res.status, res.text).toBe(status);
  return res.json as Json;
}

function expectErrorHash(res: RawResponse, status: number): Record<string, string[]> {
  expect(res.status, res.text).toBe(status);
  const body = res.json as { errors?: Record<string, string[]> };
  expect(body.errors, res.text).toBeTypeOf('object');
  return body.errors ?? {};
}

const submit = (enrollmentId: string, sectionStepId: string, answer?: Json, key: string = BOB) =>
  s.call('POST', ANSWER, { key, body: { enrollment_id: enrollmentId, section_step_id: sectionStepId, ...(answer ? { answer } : {}) } });

const show = (enrollmentId: string, sectionStepId: string, key: string = BOB) =>
  s.call('GET', ANSWER, { key, body: { enrollment_id: enrollmentId, section_step_id: sectionStepId } });

/** The demo course whose checksheet holds one step of every answer family, as a student sees it. */
interface SheetStep {
  id: string;
  type: string;
  points: number;
  data: Json;
}

let answering: { courseId: string; checksheetId: string; steps: SheetStep[] };

beforeAll(async () => {
  const enrollment = s.sandbox.store.enrollment(orgId(), DOC_IDS.enrollmentAnswerChoice);
  if (!enrollment?.checksheet_id) throw new Error('the demo seeds Bob into the "Answering with the Enlight API" course');
  // A client finds the section step ids in the student shape of the checksheet.
  const sheet = json(await s.call('GET', `/api/v1/checksheets/${enrollment.checksheet_id}`, { key: BOB }), 200);
  const sections = sheet['sections'] as { section_steps: { id: string; step: { type: string; points: number; data: Json } }[] }[];
  const steps = sections.flatMap((section) => section.section_steps.map((ss) => ({ id: ss.id, type: ss.step.type, points: ss.step.points, data: ss.step.data })));
  answering = { courseId: enrollment.course_id, checksheetId: enrollment.checksheet_id, steps };
});

function stepOf(type: string, selection?: 'single' | 'multiple'): SheetStep {
  const step = answering.steps.find((st) => st.type === type && (selection === undefined || st.data['selection_type'] === selection));
  if (!step) throw new Error(`the answering checksheet has no ${type} step`);
  return step;
}

/** A fresh enrollment of Bob in the answering course (it allows multiple sign-ups), not yet started. */
async function enrollBob(courseId = answering.courseId): Promise<Json> {
  const res = await s.call('POST', '/api/v1/enrollments', { body: { course_id: courseId, student_id: DOC_IDS.studentBob, instructor_id: DOC_IDS.userSam } });
  return json(res, 201);
}

async function freshEnrollmentId(): Promise<string> {
  return (await enrollBob())['id'] as string;
}

describe('steps requiring a specific answer (auto-marked)', () => {
  it('passes a right single choice with 200, the step\'s points and the documented answer shape', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::MultipleChoice', 'single');
    const answer = json(await submit(enrollmentId, step.id, { content: 'Choice 2' }), 200);
    expect(Object.keys(answer)).toEqual(ANSWER_FIELDS);
    expect(answer).toMatchObject({ state: 'passed', points: step.points, enrollment_id: enrollmentId, section_step_id: step.id });
    expect(step.points).toBeGreaterThan(0);
    expect(answer['pass_at']).toBeTypeOf('string');
  });

  it('answers a wrong single choice with 400 and an error hash, and keeps it as a rejected answer', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::MultipleChoice', 'single');
    const errors = expectErrorHash(await submit(enrollmentId, step.id, { content: 'Choice 1' }), 400);
    expect(errors['content']).toBeDefined();
    const stored = json(await show(enrollmentId, step.id), 200);
    expect(stored).toMatchObject({ state: 'rejected', points: 0, pass_at: null });
  });

  it('lets a rejected answer be resubmitted: the same answer passes, keeping its id', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::MultipleChoice', 'single');
    expect((await submit(enrollmentId, step.id, { content: 'Choice 3' })).status).toBe(400);
    const rejected = json(await show(enrollmentId, step.id), 200);
    const passed = json(await submit(enrollmentId, step.id, { content: 'Choice 2' }), 200);
    expect(passed).toMatchObject({ id: rejected['id'], state: 'passed', created_at: rejected['created_at'] });
    expect(json(await show(enrollmentId, step.id), 200)).toEqual(passed);
  });

  it('takes a list for a multiple choice, in any order', async () => {
    const step = stepOf('Steps::MultipleChoice', 'multiple');
    const first = await freshEnrollmentId();
    expect(json(await submit(first, step.id, { content: ['Choice 1', 'Choice 2'] }), 200)['state']).toBe('passed');
    const second = await freshEnrollmentId();
    expect(json(await submit(second, step.id, { content: ['Choice 2', 'Choice 1'] }), 200)['state']).toBe('passed');
  });

  it.each([
    ['one of the right choices only', ['Choice 1']],
    ['a wrong choice as well', ['Choice 1', 'Choice 2', 'Choice 3']],
    ['a right choice twice', ['Choice 1', 'Choice 2', 'Choice 2']],
    ['a single text instead of a list', 'Choice 1'],
  ])('rejects a multiple choice with %s', async (_what, content) => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::MultipleChoice', 'multiple');
    expect(expectErrorHash(await submit(enrollmentId, step.id, { content }), 400)['content']).toBeDefined();
    expect(json(await show(enrollmentId, step.id), 200)['state']).toBe('rejected');
  });

  it('passes a sequence only in the right order', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::SequenceItems');
    expect(expectErrorHash(await submit(enrollmentId, step.id, { content: ['Item 1', 'Item 2'] }), 400)['content']).toBeDefined();
    expect(expectErrorHash(await submit(enrollmentId, step.id, { content: ['Item 2'] }), 400)['content']).toBeDefined();
    expect(json(await submit(enrollmentId, step.id, { content: ['Item 2', 'Item 1'] }), 200)['state']).toBe('passed');
  });

  it('answers a blank auto-marked answer with 400 and stores nothing', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::MultipleChoice', 'single');
    for (const answer of [undefined, { content: '' }, { content: [] }]) {
      expect(expectErrorHash(await submit(enrollmentId, step.id, answer), 400)['content']).toEqual(["can't be blank"]);
    }
    expect((await show(enrollmentId, step.id)).status).toBe(404);
  });

  it('accepts the documents\' own curl examples on the documented enrollments', async () => {
    // "Choice 2" on da902bc7-…-44734de06af1, and "Item 2 then Item 1" on da902bc7-…-447143206af1.
    expect(json(await submit(DOC_IDS.enrollmentAnswerChoice, DOC_IDS.sectionStepChoice, { content: 'Choice 2' }), 200)['state']).toBe('passed');
    expect(json(await submit(DOC_IDS.enrollmentAnswerOther, DOC_IDS.sectionStepSequence, { content: ['Item 2', 'Item 1'] }), 200)['state']).toBe('passed');
  });
});

describe('answers sent as a Rails form instead of JSON', () => {
  it('reads answer[content] as the nested content', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::MultipleChoice', 'single');
    const form = `enrollment_id=${enrollmentId}&section_step_id=${step.id}&answer[content]=Choice%202`;
    const res = await s.call('POST', ANSWER, { key: BOB, body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(json(res, 200)['state']).toBe('passed');
  });

  it('reads answer[content][] as a list for a multiple choice', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::MultipleChoice', 'multiple');
    const form = `enrollment_id=${enrollmentId}&section_step_id=${step.id}&answer[content][]=Choice%202&answer[content][]=Choice%201`;
    const res = await s.call('POST', ANSWER, { key: BOB, body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(json(res, 200)['state']).toBe('passed');
  });
});

describe('steps requiring any answer, marked later', () => {
  it.each(['Steps::Question', 'Steps::UnformattedQuestion'])('accepts any text for a %s with 200, as submitted for marking', async (type) => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf(type);
    const answer = json(await submit(enrollmentId, step.id, { content: 'This is my answer' }), 200);
    expect(answer).toMatchObject({ state: 'submitted', points: 0, pass_at: null, section_step_id: step.id });
  });

  it.each([
    ['no answer', undefined],
    ['an empty text', { content: '' }],
    ['only spaces', { content: '   ' }],
    ['no content', {}],
  ])('refuses %s for a question with a 4xx error hash', async (_what, answer) => {
    const enrollmentId = await freshEnrollmentId();
    const res = await submit(enrollmentId, stepOf('Steps::Question').id, answer);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(expectErrorHash(res, res.status)['content']).toEqual(["can't be blank"]);
    expect((await show(enrollmentId, stepOf('Steps::Question').id)).status).toBe(404);
  });

  it('updates a submitted answer when it is submitted again, keeping its id', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::Question');
    const first = json(await submit(enrollmentId, step.id, { content: 'First draft' }), 200);
    const second = json(await submit(enrollmentId, step.id, { content: 'Second draft' }), 200);
    expect(second).toMatchObject({ id: first['id'], state: 'submitted', created_at: first['created_at'] });
    expect(s.sandbox.store.answer(enrollmentId, step.id)?._content).toBe('Second draft');
  });

  it('lets a student answer again after the instructor rejected the answer', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::UnformattedQuestion');
    const first = json(await submit(enrollmentId, step.id, { content: 'A guess' }), 200);
    // The instructor marks it in the web app.
    const stored = s.sandbox.store.answer(enrollmentId, step.id);
    if (!stored) throw new Error('the answer was stored');
    s.sandbox.store.saveAnswer(orgId(), { ...stored, state: 'rejected' });
    expect(json(await show(enrollmentId, step.id), 200)['state']).toBe('rejected');
    const again = json(await submit(enrollmentId, step.id, { content: 'A better answer' }), 200);
    expect(again).toMatchObject({ id: first['id'], state: 'submitted' });
  });
});

describe('steps answered without marking (no API support yet)', () => {
  it.each(['Steps::Note', 'Steps::Assignment'])('refuses a %s with a 4xx error hash naming the step type', async (type) => {
    const enrollmentId = await freshEnrollmentId();
    const res = await submit(enrollmentId, stepOf(type).id, { content: 'Anything at all' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const errors = expectErrorHash(res, res.status);
    expect(JSON.stringify(errors)).toContain(type);
    expect((await show(enrollmentId, stepOf(type).id)).status).toBe(404);
  });
});

describe('steps not requiring an answer', () => {
  it.each(['Steps::Reference', 'Steps::Information'])('passes a %s sent with no answer at all', async (type) => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf(type);
    const answer = json(await s.call('POST', ANSWER, { key: BOB, body: { enrollment_id: enrollmentId, section_step_id: step.id } }), 200);
    expect(answer).toMatchObject({ state: 'passed', points: step.points, section_step_id: step.id });
  });
});

describe('answer states', () => {
  it('shows an autosaved (unsubmitted) answer, which a submission then sends for marking under the same id', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::Question');
    const at = new Date().toISOString();
    const id = randomUUID();
    s.sandbox.store.saveAnswer(orgId(), {
      id,
      enrollment_id: enrollmentId,
      section_step_id: step.id,
      state: 'unsubmitted',
      points: 0,
      pass_at: null,
      answered_at: null,
      created_at: at,
      updated_at: at,
      _content: 'half a tho',
    });
    expect(json(await show(enrollmentId, step.id), 200)).toMatchObject({ id, state: 'unsubmitted', answered_at: null });
    expect(json(await submit(enrollmentId, step.id, { content: 'half a thought, finished' }), 200)).toMatchObject({ id, state: 'submitted', created_at: at });
  });

  it('never changes a passed answer: a new submission is a 4xx and the answer stays as it was', async () => {
    const enrollmentId = await freshEnrollmentId();
    const step = stepOf('Steps::MultipleChoice', 'single');
    const passed = json(await submit(enrollmentId, step.id, { content: 'Choice 2' }), 200);
    for (const content of ['Choice 1', 'Choice 2']) {
      const res = await submit(enrollmentId, step.id, { content });
      expect(res.status).toBe(422);
      expect(expectErrorHash(res, 422)['base']?.[0]).toMatch(/passed/);
    }
    const info = stepOf('Steps::Information');
    expect(json(await submit(enrollmentId, info.id), 200)['state']).toBe('passed');
    expect((await submit(enrollmentId, info.id)).status).toBe(422);
    expect(json(await show(enrollmentId, step.id), 200)).toEqual(passed);
  });

  it('keeps an instructor-passed answer to a question as it is', async () => {
    // The documents' example answer: passed, 10 points.
    const res = await submit(DOC_IDS.enrollmentAnswerShown, DOC_IDS.sectionStepAnswerShown, { content: 'Changed my mind' });
    expect(res.status).toBe(422);
    expect(json(await show(DOC_IDS.enrollmentAnswerShown, DOC_IDS.sectionStepAnswerShown), 200)).toMatchObject({ state: 'passed', points: 10 });
  });
});

describe('viewing an answer', () => {
  const documented = {
    id: DOC_IDS.answerShown,
    pass_at: '2021-02-08T07:26:07.812Z',
    points: 10,
    state: 'passed',
    answered_at: '2021-02-08T07:26:07.815Z',
    created_at: '2021-02-08T07:26:07.815Z',
    updated_at: '2021-02-08T07:26:07.815Z',
    enrollment_id: DOC_IDS.enrollmentAnswerShown,
    section_step_id: DOC_IDS.sectionStepAnswerShown,
  };

  it('shows the documented answer with the ids in a JSON body on GET, as the documents send them', async () => {
    const res = await show(DOC_IDS.enrollmentAnswerShown, DOC_IDS.sectionStepAnswerShown);
    expect(json(res, 200)).toEqual(documented);
    expect(Object.keys(res.json as Json)).toEqual(ANSWER_FIELDS);
  });

  it('shows the same answer with the ids in the query string', async () => {
    const query = new URLSearchParams({ enrollment_id: DOC_IDS.enrollmentAnswerShown, section_step_id: DOC_IDS.sectionStepAnswerShown });
    expect(json(await s.call('GET', `${ANSWER}?${query}`, { key: BOB }), 200)).toEqual(documented);
  });

  it('answers 404 for a step not answered yet', async () => {
    const enrollmentId = await freshEnrollmentId();
    expect(expectErrorHash(await show(enrollmentId, stepOf('Steps::Question').id), 404)['base']).toBeDefined();
  });

  it('answers 400 naming both ids when they are missing', async () => {
    for (const method of ['GET', 'POST']) {
      const errors = expectErrorHash(await s.call(method, ANSWER, { key: BOB, body: {} }), 400);
      expect(errors).toEqual({ enrollment_id: ["can't be blank"], section_step_id: ["can't be blank"] });
    }
  });
});

describe('who may answer what', () => {
  it('refuses a user\'s key with 403: answers are the student\'s own', async () => {
    const step = stepOf('Steps::MultipleChoice', 'single');
    expect(expectErrorHash(await submit(DOC_IDS.enrollmentAnswerChoice, step.id, { content: 'Choice 2' }, s.owner), 403)['base']).toBeDefined();
    expect(expectErrorHash(await show(DOC_IDS.enrollmentAnswerShown, DOC_IDS.sectionStepAnswerShown, s.owner), 403)['base']).toBeDefined();
  });

  it('refuses no key and a wrong key with 401', async () => {
    expect((await s.call('POST', ANSWER, { key: null, body: { enrollment_id: DOC_IDS.enrollmentAnswerChoice, section_step_id: DOC_IDS.sectionStepChoice } })).status).toBe(401);
    expect((await show(DOC_IDS.enrollmentAnswerShown, DOC_IDS.sectionStepAnswerShown, randomUUID())).status).toBe(401);
  });

  it('answers 404 for another student\'s enrollment, both ways round', async () => {
    const otherKey = s.sandbox.store.studentApiKey(DOC_IDS.studentOfGroupEnrollment);
    if (!otherKey) throw new Error('the demo seeds a second student');
    const step = stepOf('Steps::MultipleChoice', 'single');
    expect(expectErrorHash(await submit(DOC_IDS.enrollmentAnswerChoice, step.id, { content: 'Choice 2' }, otherKey), 404)['base']).toBeDefined();
    expect((await show(DOC_IDS.enrollmentAnswerShown, DOC_IDS.sectionStepAnswerShown, otherKey)).status).toBe(404);
    // Bob cannot answer in the other student's enrollment either.
    expect((await submit(DOC_IDS.enrollmentInGroup, step.id, { content: 'Choice 2' })).status).toBe(404);
  });

  it('answers 404 for a section step of another checksheet, an unknown one, or one that is no id', async () => {
    const enrollmentId = await freshEnrollmentId();
    for (const sectionStepId of [DOC_IDS.quizSectionStep, randomUUID(), 'not-an-id']) {
      expect(expectErrorHash(await submit(enrollmentId, sectionStepId, { content: 'Answer A.' }), 404)['base']).toBeDefined();
    }
    expect((await submit(randomUUID(), stepOf('Steps::Information').id)).status).toBe(404);
  });

  it('refuses answers in a cancelled enrollment with a 4xx and stores nothing', async () => {
    const enrollmentId = await freshEnrollmentId();
    expect((await s.call('DELETE', `/api/v1/enrollments/${enrollmentId}`)).status).toBe(200);
    const step = stepOf('Steps::MultipleChoice', 'single');
    const res = await submit(enrollmentId, step.id, { content: 'Choice 2' });
    expect(res.status).toBe(422);
    expect(expectErrorHash(res, 422)['enrollment_id']).toEqual(['is cancelled']);
    expect((await show(enrollmentId, step.id)).status).toBe(404);
  });
});

describe('the enrollment\'s progress', () => {
  const enrollment = async (id: string) => json(await s.call('GET', `/api/v1/enrollments/${id}`), 200);

  it('sets started_at with the first answer, and keeps it after', async () => {
    const enrollmentId = await freshEnrollmentId();
    expect((await enrollment(enrollmentId))['started_at']).toBeNull();
    const first = json(await submit(enrollmentId, stepOf('Steps::Question').id, { content: 'My answer' }), 200);
    const started = (await enrollment(enrollmentId))['started_at'];
    expect(started).toBe(first['answered_at']);
    json(await submit(enrollmentId, stepOf('Steps::Information').id), 200);
    expect((await enrollment(enrollmentId))['started_at']).toBe(started);
  });

  it('counts a wrong first answer as a start too', async () => {
    const enrollmentId = await freshEnrollmentId();
    expect((await submit(enrollmentId, stepOf('Steps::SequenceItems').id, { content: ['Item 1', 'Item 2'] })).status).toBe(400);
    expect((await enrollment(enrollmentId))['started_at']).toBeTypeOf('string');
  });

  it('does not complete a checksheet whose questions wait for marking and whose notes cannot be answered', async () => {
    const enrollmentId = await freshEnrollmentId();
    const right: Record<string, unknown> = { single: 'Choice 2', multiple: ['Choice 1', 'Choice 2'], sequence: ['Item 2', 'Item 1'] };
    for (const step of answering.steps) {
      const key = step.type === 'Steps::SequenceItems' ? 'sequence' : String(step.data['selection_type']);
      await submit(enrollmentId, step.id, { content: right[key] ?? 'An answer' });
    }
    const e = await enrollment(enrollmentId);
    expect(e['started_at']).toBeTypeOf('string');
    expect(e['completed_at']).toBeNull();
  });

  /** A checksheet the API alone can complete: multiple choice and information steps only. */
  function insertCompletableCourse(): { courseId: string; sectionSteps: { id: string; answer?: Json }[] } {
    const { store } = s.sandbox;
    const now = new Date();
    const iso = now.toISOString();
    const g = new Generator(store, orgId(), Math.random, now);
    const course = g.course([DOC_IDS.userSam]);
    store.insertCourse(orgId(), course);
    const checksheetId = randomUUID();
    store.insertChecksheet(orgId(), { id: checksheetId, course_id: course.id, version: 1, current_checksheet: true, published: true, created_at: iso, updated_at: iso });
    const plan: [number, StepDoc, Json | undefined][] = [];
    const single = g.step('Steps::MultipleChoice', iso, []);
    plan.push([1, single, { content: 'Stop work and report it' }]);
    plan.push([1, g.step('Steps::Information', iso, []), undefined]);
    const multiple = g.step('Steps::MultipleChoice', iso, []);
    multiple.data = { choices: [{ name: 'Gloves', correct: '1' }, { name: 'Sandals' }, { name: 'Goggles', correct: '1' }], persist_order: false, selection_type: 'multiple' };
    plan.push([2, multiple, { content: ['Goggles', 'Gloves'] }]);
    plan.push([2, g.step('Steps::Information', iso, []), undefined]);
    const sectionIds = [1, 2].map((sequence) => {
      const id = randomUUID();
      store.insertSection(orgId(), { id, checksheet_id: checksheetId, name: `Section ${sequence}`, label: null, final: sequence === 2, sequence, created_at: iso, updated_at: iso });
      return id;
    });
    const sectionSteps = plan.map(([section, step, answer], i) => {
      store.insertStep(orgId(), step);
      const id = randomUUID();
      store.insertSectionStep(orgId(), { id, section_id: sectionIds[section - 1] as string, step_id: step.id, sequence: i + 1, list_source_step: null, possible_reference_section_step_ids: [] });
      return { id, answer };
    });
    return { courseId: course.id, sectionSteps };
  }

  it('completes the enrollment when every step is passed, and tells the course-completion webhook', async () => {
    const { courseId, sectionSteps } = insertCompletableCourse();
    const enrollmentId = (await enrollBob(courseId))['id'] as string;
    const [first, ...rest] = sectionSteps;
    if (!first) throw new Error('the checksheet has steps');
    // A wrong answer on the way does not end the course, nor does the last step while one is rejected.
    expect((await submit(enrollmentId, first.id, { content: 'Carry on carefully' })).status).toBe(400);
    for (const step of rest) json(await submit(enrollmentId, step.id, step.answer), 200);
    expect((await enrollment(enrollmentId))['completed_at']).toBeNull();

    const last = json(await submit(enrollmentId, first.id, first.answer), 200);
    const completed = await enrollment(enrollmentId);
    expect(completed['completed_at']).toBe(last['pass_at']);
    expect(completed['started_at']).toBeTypeOf('string');

    await s.sandbox.webhooks.idle();
    const sent = hooks.filter((h) => h.body['id'] === enrollmentId);
    expect(sent).toEqual([{ event: 'enrollment.completed', body: completed }]);
  });
});
