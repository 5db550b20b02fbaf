// Every endpoint through the client, against the sandbox: lists and shows validated by the shared
// schemas, creates, updates and deletes with the server's own validation words, answers with
// Bob's student key, and the errors a wrong key or a wrong kind of key gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnlightClient, type ListResource } from '../../../src/main/api/EnlightClient';
import { nodeHttpTransport } from '../../../src/main/api/transport';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { DOC_IDS } from '../../../src/sandbox/seed/demo';
import { expectEnlightError, expectNoKey, rememberKey } from './helpers';

let sandbox: Sandbox;
let transport: ReturnType<typeof nodeHttpTransport>;
let client: EnlightClient;
let bob: EnlightClient;
const BOB_KEY = rememberKey(DOC_IDS.studentBobApiKey);

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 20 });
  rememberKey(sandbox.org.ownerApiKey);
  transport = nodeHttpTransport();
  client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, transport: transport.transport });
  bob = client.withKey(BOB_KEY);
});

afterAll(async () => {
  transport.close();
  await sandbox.close();
});

const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe('authentication', () => {
  it('accepts the owner key and a student key', async () => {
    await expect(client.authenticate()).resolves.toBeUndefined();
    await expect(bob.authenticate()).resolves.toBeUndefined();
  });

  it('says a wrong key was refused, naming the endpoint but never the key', async () => {
    const wrongKey = rememberKey('0a1b2c3d-1111-2222-3333-444455556666');
    const wrong = new EnlightClient({ baseUrl: sandbox.url, apiKey: wrongKey, transport: transport.transport });
    const error = await expectEnlightError(wrong.authenticate(), 'auth');
    expect(error.message).toMatch(/^The API key was refused/);
    expect(error).toMatchObject({ status: 401, endpoint: 'GET /api/authenticate' });
    const onList = await expectEnlightError(wrong.list('students'), 'auth');
    expect(onList.endpoint).toBe('GET /api/v1/students');
    expect(onList.fieldErrors).toEqual({ base: ['Invalid API key'] });
  });

  it('refuses a student key on an endpoint for users with "forbidden"', async () => {
    const error = await expectEnlightError(bob.list('students'), 'forbidden');
    expect(error.status).toBe(403);
    expect(error.message).toContain('GET /api/v1/students');
  });
});

describe('lists', () => {
  it.each<ListResource>(['courses', 'checksheets', 'students', 'enrollments', 'groups', 'users'])('pages %s with limit and offset', async (resource) => {
    const first = await client.list(resource, { limit: 3, offset: 0 });
    const second = await client.list(resource, { limit: 3, offset: 3 });
    expect(first).toHaveLength(3);
    expect(second.length).toBeGreaterThan(0);
    expect(second.map((r) => r.id)).not.toContain(first[0]?.id);
    const all = await client.list(resource);
    expect(all.slice(0, 6).map((r) => r.id)).toEqual([...first, ...second].slice(0, 6).map((r) => r.id));
  });

  it('gives an empty page past the end', async () => {
    expect(await client.list('groups', { limit: 10, offset: 1_000_000 })).toEqual([]);
  });

  it('refuses a page size the API does not take before sending anything', async () => {
    const before = client.stats.requests;
    const error = await expectEnlightError(client.list('students', { limit: 101 }), 'validation');
    expect(error.fieldErrors).toEqual({ limit: ['must be an integer between 1 and 100'] });
    await expectEnlightError(client.list('students', { offset: -1 }), 'validation');
    expect(client.stats.requests).toBe(before);
  });
});

describe('shows', () => {
  it('shows a course with its checksheets, and its checksheet with sections and steps', async () => {
    const course = await client.getCourse(DOC_IDS.courseHowTo);
    expect(course.name).toBe('How to use the Enlight API');
    expect(course.checksheets.map((c) => c.id)).toEqual(expect.arrayContaining([DOC_IDS.checksheetV1, DOC_IDS.checksheetV2]));
    const sheet = await client.getChecksheet(DOC_IDS.checksheetV2);
    expect(sheet.sections[0]?.section_steps[0]?.id).toBe(DOC_IDS.quizStep);
    expect(sheet.sections[0]?.section_steps[0]?.suggested_response).toBe('Thank you for your answer');
  });

  it('shows a library item, a student with its key, an enrollment with its student, a group with its enrollments, a user', async () => {
    expect((await client.getLibraryItem(DOC_IDS.libraryItem)).title).toBe('Example');
    const student = await client.getStudent(DOC_IDS.studentBob);
    expect(student).toMatchObject({ given_name: 'Bob', api_key: BOB_KEY, company_name: 'Example Incorporated' });
    expect((await client.getEnrollment(DOC_IDS.enrollmentBob)).student.id).toBe(DOC_IDS.studentBob);
    expect((await client.getGroup(DOC_IDS.group2020)).enrollments.map((e) => e.id)).toContain(DOC_IDS.enrollmentInGroup);
    expect(await client.getUser(DOC_IDS.userSam)).toMatchObject({ given_name: 'Sam', role: 'instructor' });
  });

  it('says "not-found" for a record that does not exist, naming the endpoint with the id', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const error = await expectEnlightError(client.getStudent(missing), 'not-found');
    expect(error).toMatchObject({ status: 404, endpoint: `GET /api/v1/students/${missing}` });
    expect(error.message).toContain(`GET /api/v1/students/${missing}`);
  });

  it('refuses an empty id instead of asking for the list', async () => {
    const error = await expectEnlightError(client.getCourse(''), 'validation');
    expect(error.fieldErrors).toEqual({ id: ["can't be blank"] });
  });
});

describe('courses', () => {
  it('creates, updates, refuses a negative price and a taken name in the server\'s words, and cancels', async () => {
    const name = unique('API Course');
    const course = await client.createCourse({ name, summary: 'Made by the client test', marketing_copy_html: '<p>Buy</p>', completion_information_html: '<p>Done</p>', price_cents: 1500 });
    expect(course).toMatchObject({ name, price_cents: 1500 });
    expect(course.checksheets).toHaveLength(1);

    const updated = await client.updateCourse(course.id, { price_cents: 5000, instructor_id: DOC_IDS.userSam });
    expect(updated).toMatchObject({ price_cents: 5000, instructor_id: DOC_IDS.userSam });

    const negative = await expectEnlightError(client.updateCourse(course.id, { price_cents: -1 }), 'validation');
    expect(negative.fieldErrors).toEqual({ price: ['must be greater than or equal to 0'] });
    expect(negative).toMatchObject({ status: 422, endpoint: `PATCH /api/v1/courses/${course.id}` });
    expect(negative.message).toContain('price must be greater than or equal to 0');

    const taken = await expectEnlightError(
      client.createCourse({ name, summary: 's', marketing_copy_html: 'm', completion_information_html: 'c' }),
      'validation',
    );
    expect(taken.fieldErrors).toEqual({ name: ['has already been taken'] });

    await client.cancelCourse(course.id);
    await expectEnlightError(client.getCourse(course.id), 'not-found');
  });
});

describe('students', () => {
  it('creates, updates, and refuses a taken email', async () => {
    const email = `${unique('ada').replace(' ', '.')}@example.com`;
    const student = await client.createStudent({ given_name: 'Ada', family_name: 'Lovelace', email, locale: 'en-GB', external_id: 'A-1' });
    expect(student).toMatchObject({ given_name: 'Ada', email, locale: 'en-GB', external_id: 'A-1' });
    expect(student.api_key).toBeTypeOf('string');
    rememberKey(student.api_key);

    const updated = await client.updateStudent(student.id, { family_name: 'King', time_zone: 'London' });
    expect(updated).toMatchObject({ family_name: 'King', time_zone: 'London' });

    const taken = await expectEnlightError(client.updateStudent(student.id, { email: 'bob@example.com' }), 'validation');
    expect(taken.fieldErrors).toEqual({ email: ['has already been taken'] });
  });
});

describe('enrollments', () => {
  it('enrolls an existing student, changes the expiry, refuses a past one, and cancels', async () => {
    const enrollment = await client.createEnrollment({ course_id: DOC_IDS.coursePrerequisite, student_id: DOC_IDS.studentOfGroupEnrollment, instructor_id: DOC_IDS.userSam, group_ids: [DOC_IDS.group2020] });
    expect(enrollment).toMatchObject({ course_id: DOC_IDS.coursePrerequisite, student_id: DOC_IDS.studentOfGroupEnrollment, active: true });
    expect(enrollment.student.id).toBe(DOC_IDS.studentOfGroupEnrollment);

    const expires = '2999-12-01T13:58:26.354Z';
    expect((await client.updateEnrollment(enrollment.id, { expires_at: expires })).expires_at).toBe(expires);
    const past = await expectEnlightError(client.updateEnrollment(enrollment.id, { expires_at: '2001-01-01T00:00:00.000Z' }), 'validation');
    expect(past.fieldErrors).toEqual({ expires_at: ['must be in the future'] });

    await client.cancelEnrollment(enrollment.id);
    expect((await client.getEnrollment(enrollment.id)).active).toBe(false);
  });

  it('creates the student with the enrollment, and reports the enrollment message with the field errors', async () => {
    const email = `${unique('jane').replace(' ', '.')}@example.com`;
    const enrollment = await client.createEnrollment({
      course_id: DOC_IDS.coursePatchExample,
      instructor_id: DOC_IDS.userInstructor,
      student_email: email,
      student_given_name: 'Jane',
      student_family_name: 'Smith',
      student_locale: 'en-US',
      send_enrollment_notification: true,
    });
    expect(enrollment.student).toMatchObject({ email, given_name: 'Jane' });

    const error = await expectEnlightError(
      client.createEnrollment({ course_id: DOC_IDS.coursePatchExample, instructor_id: DOC_IDS.userInstructor, student_email: '', student_given_name: 'No', student_family_name: 'Email' }),
      'validation',
    );
    expect(error.fieldErrors).toEqual({ student_email: ["can't be blank"] });
    expect(error.serverMessage).toBe('Unable to save enrollment');
    expect(error.message).toContain('Unable to save enrollment');
  });
});

describe('groups', () => {
  it('creates, renames, refuses a blank name, and deletes', async () => {
    const group = await client.createGroup({ name: unique('Class') });
    expect(group.enrollments).toEqual([]);
    expect((await client.updateGroup(group.id, { name: 'Class of 2031' })).name).toBe('Class of 2031');
    const blank = await expectEnlightError(client.updateGroup(group.id, { name: '' }), 'validation');
    expect(blank.fieldErrors).toEqual({ name: ["can't be blank"] });
    await client.deleteGroup(group.id);
    await expectEnlightError(client.getGroup(group.id), 'not-found');
  });
});

describe('users', () => {
  it('creates, updates, refuses a taken email, and deletes', async () => {
    const email = `${unique('sam').replace(' ', '.')}@example.com`;
    const user = await client.createUser({ given_name: 'Sam', family_name: 'Jones', email, role: 'supervisor' });
    expect(user).toMatchObject({ email, role: 'supervisor', unsubscribed: false });
    expect(await client.updateUser(user.id, { given_name: 'Samuel', unsubscribed: true })).toMatchObject({ given_name: 'Samuel', unsubscribed: true });
    const taken = await expectEnlightError(client.createUser({ given_name: 'A', family_name: 'B', email: 'sam@example.com', role: 'instructor' }), 'validation');
    expect(taken.fieldErrors).toEqual({ email: ['has already been taken'] });
    await client.deleteUser(user.id);
    await expectEnlightError(client.getUser(user.id), 'not-found');
  });
});

describe('answers, with Bob\'s student key', () => {
  it('reads the documented answer with a GET that carries a JSON body', async () => {
    const answer = await bob.getAnswer({ enrollment_id: DOC_IDS.enrollmentAnswerShown, section_step_id: DOC_IDS.sectionStepAnswerShown });
    expect(answer).toMatchObject({ id: DOC_IDS.answerShown, state: 'passed', points: 10 });
  });

  it('submits the documented answers and reads them back', async () => {
    const choice = await bob.submitAnswer({ enrollment_id: DOC_IDS.enrollmentAnswerChoice, section_step_id: DOC_IDS.sectionStepChoice, answer: { content: 'Choice 2' } });
    expect(choice.state).toBe('passed');
    const sequence = await bob.submitAnswer({ enrollment_id: DOC_IDS.enrollmentAnswerOther, section_step_id: DOC_IDS.sectionStepSequence, answer: { content: ['Item 2', 'Item 1'] } });
    expect(sequence.state).toBe('passed');
    expect(await bob.getAnswer({ enrollment_id: DOC_IDS.enrollmentAnswerOther, section_step_id: DOC_IDS.sectionStepSequence })).toEqual(sequence);
  });

  it('reports a wrong answer as a 400 validation error in the server\'s words, and a step that needs no answer passes without one', async () => {
    const answering = await client.getEnrollment(DOC_IDS.enrollmentAnswerChoice);
    const fresh = await client.createEnrollment({ course_id: answering.course_id, student_id: DOC_IDS.studentBob, instructor_id: DOC_IDS.userSam });
    const wrong = await expectEnlightError(bob.submitAnswer({ enrollment_id: fresh.id, section_step_id: DOC_IDS.sectionStepChoice, answer: { content: 'Choice 1' } }), 'validation');
    expect(wrong.status).toBe(400);
    expect(wrong.fieldErrors).toEqual({ content: ['is not the correct answer'] });
    expect((await bob.getAnswer({ enrollment_id: fresh.id, section_step_id: DOC_IDS.sectionStepChoice })).state).toBe('rejected');

    const sheet = await bob.getStudentChecksheet(answering.checksheet_id ?? '');
    const reference = sheet.sections.flatMap((s) => s.section_steps).find((ss) => ss.step.type === 'Steps::Reference');
    if (!reference) throw new Error('the answering checksheet has a reference step');
    expect((await bob.submitAnswer({ enrollment_id: fresh.id, section_step_id: reference.id })).state).toBe('passed');
    expect((await bob.getStudentLibraryItem(DOC_IDS.libraryItem)).title).toBe('Example');
  });

  it('says an owner key cannot answer for a student', async () => {
    const error = await expectEnlightError(client.submitAnswer({ enrollment_id: DOC_IDS.enrollmentAnswerChoice, section_step_id: DOC_IDS.sectionStepChoice, answer: { content: 'Choice 2' } }), 'forbidden');
    expect(error.endpoint).toBe('POST /api/v1/answer');
  });
});

describe('stats', () => {
  it('counts every request by route, shared with the student client, and holds no key', async () => {
    const before = { client: client.stats.requests, sandbox: sandbox.stats.requests, shows: client.stats.byEndpoint.get('GET /api/v1/users/:id') ?? 0 };
    await client.list('users', { limit: 1 });
    await client.getUser(DOC_IDS.userSam);
    await bob.getAnswer({ enrollment_id: DOC_IDS.enrollmentAnswerShown, section_step_id: DOC_IDS.sectionStepAnswerShown });
    const stats = client.stats;
    expect(stats.requests - before.client).toBe(3);
    expect(sandbox.stats.requests - before.sandbox).toBe(3);
    expect(stats.byEndpoint.get('GET /api/v1/users/:id')).toBe(before.shows + 1);
    expect(stats.byEndpoint.get('POST /api/v1/answer')).toBeGreaterThan(0);
    expect(bob.stats.requests).toBe(stats.requests);
    expect(stats.retries).toBe(0);
    expectNoKey(stats);
    expectNoKey(client);
    expectNoKey(bob);
  });
});
