// Every validation rule of the sandbox's create and update endpoints, each answered with the
// documented error hash: `{"errors": {field: [messages]}}` (and `"message"` on enrollment creates).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_IDS } from '../../src/sandbox/seed/demo';
import { openSandbox, type RawResponse } from '../support/sandboxClient';

type Json = Record<string, unknown>;

let s: Awaited<ReturnType<typeof openSandbox>>;
beforeAll(async () => {
  s = await openSandbox();
});
afterAll(() => s.close());

const SAVE_FAILED = 'Unable to save enrollment';
let serial = 0;
const unique = (prefix: string) => `${prefix} ${++serial}`;
const uniqueEmail = (prefix = 'person') => `${prefix}.${++serial}@validation.example`;

/** Asserts the status and the whole body at once, so that a failure shows both. */
function expectErrorHash(res: RawResponse, status: number, errors: Record<string, string[]>, message?: string): void {
  expect({ status: res.status, body: res.json }).toEqual({ status, body: message === undefined ? { errors } : { message, errors } });
}

function without(body: Json, key: string): Json {
  const copy = { ...body };
  delete copy[key];
  return copy;
}

function record(res: RawResponse): Json {
  expect(res.status, res.text).toBeLessThan(300);
  return res.json as Json;
}

const newCourse = (extra: Json = {}): Json => ({
  name: unique('Validation Course'),
  summary: 'Learn the basics',
  marketing_copy_html: '<p>Buy this course today!</p>',
  completion_information_html: '<p>Well done!</p>',
  ...extra,
});
const newStudent = (extra: Json = {}): Json => ({ given_name: 'Jane', family_name: 'Smith', email: uniqueEmail('jane'), ...extra });
const newUser = (extra: Json = {}): Json => ({ given_name: 'Sam', family_name: 'Jones', email: uniqueEmail('staff'), role: 'instructor', ...extra });
// Bob is enrolled in "Selling with Confidence" already; "Working Safely at Heights" is free for him.
const FREE_COURSE_FOR_BOB = '7d1e6a0b-5c3f-4e2a-8b9c-0a1b2c3d4e5f';
const existingStudentEnrollment = (extra: Json = {}): Json => ({
  course_id: FREE_COURSE_FOR_BOB,
  student_id: DOC_IDS.studentBob,
  instructor_id: DOC_IDS.userInstructor,
  ...extra,
});
const newStudentEnrollment = (extra: Json = {}): Json => ({
  course_id: DOC_IDS.coursePatchExample,
  instructor_id: DOC_IDS.userInstructor,
  student_given_name: 'Jane',
  student_family_name: 'Smith',
  student_email: uniqueEmail('enrolled'),
  ...extra,
});

const createCourse = async (extra: Json = {}) => record(await s.call('POST', '/api/v1/courses', { body: newCourse(extra) }));
const createStudent = async (extra: Json = {}) => record(await s.call('POST', '/api/v1/students', { body: newStudent(extra) }));
const createUser = async (extra: Json = {}) => record(await s.call('POST', '/api/v1/users', { body: newUser(extra) }));
const acmeUserId = async () => {
  const acme = s.sandbox.orgs.find((o) => o.subdomain === 'acme');
  if (!acme) throw new Error('the sandbox seeds an acme organisation');
  return s.sandbox.store.ownerOf(acme.id).user.id;
};

describe('courses', () => {
  const REQUIRED = ['name', 'summary', 'marketing_copy_html', 'completion_information_html'];

  it.each(REQUIRED)('a new course needs its %s', async (field) => {
    const res = await s.call('POST', '/api/v1/courses', { body: without(newCourse(), field) });
    expectErrorHash(res, 422, { [field]: ["can't be blank"] });
  });

  it('lists every missing required field of a new course at once', async () => {
    const res = await s.call('POST', '/api/v1/courses', { body: {} });
    expectErrorHash(res, 422, Object.fromEntries(REQUIRED.map((f) => [f, ["can't be blank"]])));
  });

  it('treats a name of only spaces as blank', async () => {
    const res = await s.call('POST', '/api/v1/courses', { body: newCourse({ name: '   ' }) });
    expectErrorHash(res, 422, { name: ["can't be blank"] });
  });

  it.each(REQUIRED)('an existing course cannot have its %s emptied', async (field) => {
    const res = await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { [field]: '' } });
    expectErrorHash(res, 422, { [field]: ["can't be blank"] });
  });

  it('creates a course from the required fields alone', async () => {
    const body = newCourse();
    const res = await s.call('POST', '/api/v1/courses', { body });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: body['name'], summary: body['summary'], price_cents: 0, purchasable: false });
  });

  it('refuses a name another course has, whatever its letter case', async () => {
    const res = await s.call('POST', '/api/v1/courses', { body: newCourse({ name: 'HOW TO USE THE enlight api' }) });
    expectErrorHash(res, 422, { name: ['has already been taken'] });
  });

  it('refuses a name another course has once surrounding spaces are trimmed', async () => {
    const res = await s.call('POST', '/api/v1/courses', { body: newCourse({ name: '  Enlight Basics  ' }) });
    expectErrorHash(res, 422, { name: ['has already been taken'] });
  });

  it('refuses renaming a course to the name of another', async () => {
    const res = await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { name: 'enlight basics' } });
    expectErrorHash(res, 422, { name: ['has already been taken'] });
  });

  it('lets a course change the letter case of its own name', async () => {
    const course = await createCourse({ name: unique('lower case course') });
    const upper = String(course['name']).toUpperCase();
    const res = await s.call('PATCH', `/api/v1/courses/${String(course['id'])}`, { body: { name: upper } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: upper });
  });

  it('refuses a name longer than 255 characters', async () => {
    const res = await s.call('POST', '/api/v1/courses', { body: newCourse({ name: 'n'.repeat(256) }) });
    expectErrorHash(res, 422, { name: ['is too long (maximum is 255 characters)'] });
  });

  it('refuses a summary longer than 2000 characters', async () => {
    const res = await s.call('POST', '/api/v1/courses', { body: newCourse({ summary: 's'.repeat(2001) }) });
    expectErrorHash(res, 422, { summary: ['is too long (maximum is 2000 characters)'] });
  });

  it('refuses a negative price, reporting it under "price" as the documents show', async () => {
    const res = await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { price_cents: '-1' } });
    expectErrorHash(res, 422, { price: ['must be greater than or equal to 0'] });
  });

  it('accepts a price of zero', async () => {
    const course = await createCourse({ price_cents: 500 });
    const res = await s.call('PATCH', `/api/v1/courses/${String(course['id'])}`, { body: { price_cents: '0' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ price_cents: 0 });
  });

  it('accepts a price sent as a string of digits, as the documented example does', async () => {
    const course = await createCourse();
    const res = await s.call('PATCH', `/api/v1/courses/${String(course['id'])}`, { body: { price_cents: '5000' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ price_cents: 5000 });
  });

  it.each(['abc', '12abc', '', '1e3'])('refuses the price %j as not a number', async (price) => {
    const res = await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { price_cents: price } });
    expectErrorHash(res, 422, { price: ['is not a number'] });
  });

  it('refuses a currency that is not a three-letter code', async () => {
    const res = await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { price_currency: 'usd' } });
    expectErrorHash(res, 422, { price_currency: ['is not a valid currency code'] });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    [true, true],
    [false, false],
  ])('accepts %j for a yes/no setting', async (sent, stored) => {
    const course = await createCourse({ purchasable: !stored });
    const res = await s.call('PATCH', `/api/v1/courses/${String(course['id'])}`, { body: { purchasable: sent } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ purchasable: stored });
  });

  it.each(['multiple_sign_ups', 'purchasable', 'advertised'])('refuses "maybe" for %s', async (flag) => {
    const res = await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { [flag]: 'maybe' } });
    expectErrorHash(res, 422, { [flag]: ['must be true or false'] });
  });

  it('refuses an instructor that does not exist', async () => {
    const res = await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { instructor_id: randomUUID() } });
    expectErrorHash(res, 422, { instructor_id: ['must exist'] });
  });

  it('refuses an instructor of another organisation', async () => {
    const res = await s.call('POST', '/api/v1/courses', { body: newCourse({ instructor_id: await acmeUserId() }) });
    expectErrorHash(res, 422, { instructor_id: ['must exist'] });
  });

  it('accepts an existing instructor', async () => {
    const res = await s.call('POST', '/api/v1/courses', { body: newCourse({ instructor_id: DOC_IDS.userSam }) });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ instructor_id: DOC_IDS.userSam });
  });

  it('refuses a prerequisite course that does not exist', async () => {
    const res = await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { prerequisite_course_id: randomUUID() } });
    expectErrorHash(res, 422, { prerequisite_course_id: ['must exist'] });
  });

  it('refuses a course as its own prerequisite', async () => {
    const res = await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { prerequisite_course_id: DOC_IDS.coursePatchExample } });
    expectErrorHash(res, 422, { prerequisite_course_id: ['must exist'] });
  });

  it('leaves the course as it was when an update is refused', async () => {
    const before = record(await s.call('GET', `/api/v1/courses/${DOC_IDS.coursePatchExample}`));
    await s.call('PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`, { body: { summary: 'Changed', price_cents: -5 } });
    expect(record(await s.call('GET', `/api/v1/courses/${DOC_IDS.coursePatchExample}`))).toEqual(before);
  });
});

describe('students', () => {
  const REQUIRED = ['given_name', 'family_name', 'email'];

  it.each(REQUIRED)('a new student needs a %s', async (field) => {
    const res = await s.call('POST', '/api/v1/students', { body: without(newStudent(), field) });
    expectErrorHash(res, 422, { [field]: ["can't be blank"] });
  });

  it('lists every missing required field of a new student at once', async () => {
    const res = await s.call('POST', '/api/v1/students', { body: {} });
    expectErrorHash(res, 422, { given_name: ["can't be blank"], family_name: ["can't be blank"], email: ["can't be blank"] });
  });

  it.each(REQUIRED)("an existing student's %s cannot be emptied", async (field) => {
    const res = await s.call('PATCH', `/api/v1/students/${DOC_IDS.studentBob}`, { body: { [field]: ' ' } });
    expectErrorHash(res, 422, { [field]: ["can't be blank"] });
  });

  it.each(['bob', 'bob@', '@example.com', 'bob@example', 'bob smith@example.com'])('refuses the email address %j', async (email) => {
    const res = await s.call('POST', '/api/v1/students', { body: newStudent({ email }) });
    expectErrorHash(res, 422, { email: ['is invalid'] });
  });

  it('refuses an email address another student has, whatever its letter case', async () => {
    const res = await s.call('POST', '/api/v1/students', { body: newStudent({ email: 'BOB@Example.COM' }) });
    expectErrorHash(res, 422, { email: ['has already been taken'] });
  });

  it("refuses changing a student's email address to another student's", async () => {
    const student = await createStudent();
    const res = await s.call('PATCH', `/api/v1/students/${String(student['id'])}`, { body: { email: 'Bob@example.com' } });
    expectErrorHash(res, 422, { email: ['has already been taken'] });
  });

  it('stores an email address in lower case', async () => {
    const email = uniqueEmail('MiXeD');
    const student = await createStudent({ email });
    expect(student['email']).toBe(email.toLowerCase());
  });

  it.each(['en-US', 'en-GB', 'es-ES', 'es-MX'])('accepts the locale %s', async (locale) => {
    const student = await createStudent({ locale });
    expect(student['locale']).toBe(locale);
  });

  it.each(['fr-FR', 'en', 'en-us', ''])('refuses the locale %j', async (locale) => {
    const res = await s.call('POST', '/api/v1/students', { body: newStudent({ locale }) });
    expectErrorHash(res, 422, { locale: ['is not included in the list'] });
  });

  it('refuses an assigned password shorter than 6 characters', async () => {
    const res = await s.call('POST', '/api/v1/students', { body: newStudent({ assigned_password: 'abc' }) });
    expectErrorHash(res, 422, { assigned_password: ['is too short (minimum is 6 characters)'] });
  });

  it.each(['force_accept_invitation', 'cancel_legacy_system', 'lock'])('refuses "maybe" for %s', async (flag) => {
    const res = await s.call('POST', '/api/v1/students', { body: newStudent({ [flag]: 'maybe' }) });
    expectErrorHash(res, 422, { [flag]: ['must be true or false'] });
  });

  it('keeps the api_key when a student is updated', async () => {
    const student = await createStudent();
    const res = await s.call('PATCH', `/api/v1/students/${String(student['id'])}`, { body: { given_name: 'Janet' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ given_name: 'Janet', api_key: student['api_key'] });
  });

  it('refuses setting the api_key', async () => {
    const res = await s.call('PATCH', `/api/v1/students/${DOC_IDS.studentBob}`, { body: { api_key: randomUUID() } });
    expectErrorHash(res, 422, { api_key: ["can't be changed through the API"] });
  });

  it('has no way to delete a student', async () => {
    const res = await s.call('DELETE', `/api/v1/students/${DOC_IDS.studentBob}`);
    expectErrorHash(res, 404, { base: [`No route matches DELETE /api/v1/students/${DOC_IDS.studentBob}`] });
  });

  it('still has the student after an attempt to delete them', async () => {
    await s.call('DELETE', `/api/v1/students/${DOC_IDS.studentBob}`);
    expect((await s.call('GET', `/api/v1/students/${DOC_IDS.studentBob}`)).status).toBe(200);
  });
});

describe('enrollments', () => {
  describe('for an existing student', () => {
    it('enrolls the student', async () => {
      const student = await createStudent();
      const res = await s.call('POST', '/api/v1/enrollments', {
        body: existingStudentEnrollment({ student_id: student['id'], group_ids: [DOC_IDS.group2020], send_enrollment_notification: 'true' }),
      });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ student_id: student['id'], course_id: FREE_COURSE_FOR_BOB, instructor_id: DOC_IDS.userInstructor, active: true });
    });

    it.each(['course_id', 'instructor_id', 'student_id'])('needs a %s', async (field) => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: without(existingStudentEnrollment(), field) });
      expectErrorHash(res, 422, { [field]: ["can't be blank"] }, SAVE_FAILED);
    });

    it.each(['course_id', 'student_id'])('says once that a null %s is blank', async (field) => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: existingStudentEnrollment({ [field]: null }) });
      expectErrorHash(res, 422, { [field]: ["can't be blank"] }, SAVE_FAILED);
    });

    it.each([
      ['course_id', randomUUID()],
      ['course_id', 'not-an-id'],
      ['student_id', randomUUID()],
      ['instructor_id', randomUUID()],
    ])('refuses a %s of no record (%s)', async (field, id) => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: existingStudentEnrollment({ [field]: id }) });
      expectErrorHash(res, 422, { [field]: ['must exist'] }, SAVE_FAILED);
    });

    it('refuses a cancelled course', async () => {
      const course = await createCourse();
      await s.call('DELETE', `/api/v1/courses/${String(course['id'])}`);
      const res = await s.call('POST', '/api/v1/enrollments', { body: existingStudentEnrollment({ course_id: course['id'] }) });
      expectErrorHash(res, 422, { course_id: ['must exist'] }, SAVE_FAILED);
    });

    it('refuses a group that does not exist', async () => {
      const missing = randomUUID();
      const res = await s.call('POST', '/api/v1/enrollments', { body: existingStudentEnrollment({ group_ids: [DOC_IDS.group2020, missing] }) });
      expectErrorHash(res, 422, { group_ids: [`contains unknown groups: ${missing}`] }, SAVE_FAILED);
    });

    it('refuses a second enrollment of a student in a course without multiple sign-ups', async () => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: existingStudentEnrollment({ course_id: DOC_IDS.courseOfBobsEnrollment }) });
      expectErrorHash(res, 422, { student_id: ['is already enrolled in this course'] }, SAVE_FAILED);
    });

    it('refuses "maybe" for send_enrollment_notification', async () => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: existingStudentEnrollment({ send_enrollment_notification: 'maybe' }) });
      expectErrorHash(res, 422, { send_enrollment_notification: ['must be true or false'] }, SAVE_FAILED);
    });

    it("refuses a student_id together with a new student's attributes", async () => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: existingStudentEnrollment({ student_email: uniqueEmail() }) });
      expectErrorHash(res, 422, { student_id: ['cannot be combined with the attributes of a new student'] }, SAVE_FAILED);
    });
  });

  describe('for a new student', () => {
    it('creates the student and the enrollment together', async () => {
      const body = newStudentEnrollment({ student_locale: 'es-MX', student_password: 'secret123', group_ids: [DOC_IDS.group2020] });
      const res = await s.call('POST', '/api/v1/enrollments', { body });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ course_id: DOC_IDS.coursePatchExample, student: { email: body['student_email'], locale: 'es-MX', given_name: 'Jane' } });
    });

    it.each(['student_given_name', 'student_family_name', 'student_email'])('needs a %s', async (field) => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: without(newStudentEnrollment(), field) });
      expectErrorHash(res, 422, { [field]: ["can't be blank"] }, SAVE_FAILED);
    });

    it('refuses an invalid student_email', async () => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: newStudentEnrollment({ student_email: 'jane.example.com' }) });
      expectErrorHash(res, 422, { student_email: ['is invalid'] }, SAVE_FAILED);
    });

    it('refuses a student_email another student has, whatever its letter case', async () => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: newStudentEnrollment({ student_email: 'BOB@example.com' }) });
      expectErrorHash(res, 422, { student_email: ['has already been taken'] }, SAVE_FAILED);
    });

    it('refuses an unsupported student_locale', async () => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: newStudentEnrollment({ student_locale: 'de-DE' }) });
      expectErrorHash(res, 422, { student_locale: ['is not included in the list'] }, SAVE_FAILED);
    });

    it('refuses a student_password shorter than 6 characters', async () => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: newStudentEnrollment({ student_password: '12345' }) });
      expectErrorHash(res, 422, { student_password: ['is too short (minimum is 6 characters)'] }, SAVE_FAILED);
    });

    it('refuses "maybe" for student_cancel_legacy_system', async () => {
      const res = await s.call('POST', '/api/v1/enrollments', { body: newStudentEnrollment({ student_cancel_legacy_system: 'maybe' }) });
      expectErrorHash(res, 422, { student_cancel_legacy_system: ['must be true or false'] }, SAVE_FAILED);
    });

    it('reports the errors of the student and of the enrollment together', async () => {
      const body = newStudentEnrollment({ student_email: 'nope', course_id: randomUUID() });
      const res = await s.call('POST', '/api/v1/enrollments', { body: without(body, 'instructor_id') });
      expectErrorHash(res, 422, { course_id: ['must exist'], instructor_id: ["can't be blank"], student_email: ['is invalid'] }, SAVE_FAILED);
    });

    it('creates no student when the enrollment is refused', async () => {
      const email = uniqueEmail('not-created');
      await s.call('POST', '/api/v1/enrollments', { body: newStudentEnrollment({ student_email: email, course_id: randomUUID() }) });
      expect(s.sandbox.store.studentIdByEmail(s.sandbox.org.id, email)).toBeUndefined();
    });
  });

  describe('updates', () => {
    const path = `/api/v1/enrollments/${DOC_IDS.enrollmentPatchExample}`;

    it('changes the instructor', async () => {
      const res = await s.call('PATCH', path, { body: { instructor_id: DOC_IDS.userInstructor } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ instructor_id: DOC_IDS.userInstructor });
    });

    it('refuses an instructor that does not exist', async () => {
      const res = await s.call('PATCH', path, { body: { instructor_id: randomUUID() } });
      expectErrorHash(res, 422, { instructor_id: ['must exist'] });
    });

    it('refuses removing the instructor', async () => {
      const res = await s.call('PATCH', path, { body: { instructor_id: '' } });
      expectErrorHash(res, 422, { instructor_id: ["can't be blank"] });
    });

    it('changes the expiry date, served in UTC', async () => {
      const res = await s.call('PATCH', path, { body: { expires_at: '2999-01-01T10:00:00+10:00' } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ expires_at: '2999-01-01T00:00:00.000Z' });
    });

    it('refuses an expiry date in the past, as the documents show', async () => {
      const res = await s.call('PATCH', path, { body: { expires_at: '2020-12-01T13:58:26.354Z' } });
      expectErrorHash(res, 422, { expires_at: ['must be in the future'] });
    });

    it.each(['next tuesday', '2999-13-01', '01/02/2999', '2999-02-30', ''])('refuses %j as an expiry date', async (expiresAt) => {
      const res = await s.call('PATCH', path, { body: { expires_at: expiresAt } });
      expectErrorHash(res, 422, { expires_at: ['is not a valid date'] });
    });

    it.each(['course_id', 'student_id', 'checksheet_id', 'active', 'started_at', 'completed_at', 'custom_name', 'group_ids'])(
      'refuses changing %s',
      async (field) => {
        const res = await s.call('PATCH', path, { body: { [field]: 'x' } });
        expectErrorHash(res, 422, { [field]: ["can't be changed through the API"] });
      },
    );

    it('refuses attributes only a new enrollment takes', async () => {
      const res = await s.call('PATCH', path, { body: { send_enrollment_notification: 'true' } });
      expectErrorHash(res, 422, { send_enrollment_notification: ['is not a permitted attribute'] });
    });
  });
});

describe('groups', () => {
  it('a new group needs a name', async () => {
    const res = await s.call('POST', '/api/v1/groups', { body: {} });
    expectErrorHash(res, 422, { name: ["can't be blank"] });
  });

  it('treats a group name of only spaces as blank', async () => {
    const res = await s.call('POST', '/api/v1/groups', { body: { name: '  ' } });
    expectErrorHash(res, 422, { name: ["can't be blank"] });
  });

  it.each(['', null])("a group's name cannot be changed to %j", async (name) => {
    const res = await s.call('PATCH', `/api/v1/groups/${DOC_IDS.group2020}`, { body: { name } });
    expectErrorHash(res, 422, { name: ["can't be blank"] });
  });

  it('refuses a group name longer than 255 characters', async () => {
    const res = await s.call('POST', '/api/v1/groups', { body: { name: 'g'.repeat(256) } });
    expectErrorHash(res, 422, { name: ['is too long (maximum is 255 characters)'] });
  });

  it('renames a group', async () => {
    const group = record(await s.call('POST', '/api/v1/groups', { body: { name: unique('Class of') } }));
    const res = await s.call('PATCH', `/api/v1/groups/${String(group['id'])}`, { body: { name: 'Class of 2021' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'Class of 2021' });
  });
});

describe('users', () => {
  const REQUIRED = ['given_name', 'family_name', 'email', 'role'];

  it.each(REQUIRED)('a new user needs a %s', async (field) => {
    const res = await s.call('POST', '/api/v1/users', { body: without(newUser(), field) });
    expectErrorHash(res, 422, { [field]: ["can't be blank"] });
  });

  it('lists every missing required field of a new user at once', async () => {
    const res = await s.call('POST', '/api/v1/users', { body: {} });
    expectErrorHash(res, 422, Object.fromEntries(REQUIRED.map((f) => [f, ["can't be blank"]])));
  });

  it.each(['instructor', 'supervisor', 'manager', 'owner'])('accepts the role %s', async (role) => {
    const user = await createUser({ role });
    expect(user['role']).toBe(role);
  });

  it.each(['admin', 'Instructor', 'student'])('refuses the role %j', async (role) => {
    const res = await s.call('POST', '/api/v1/users', { body: newUser({ role }) });
    expectErrorHash(res, 422, { role: ['is not included in the list'] });
  });

  it("refuses changing a user's role to one that does not exist", async () => {
    const user = await createUser();
    const res = await s.call('PATCH', `/api/v1/users/${String(user['id'])}`, { body: { role: 'superuser' } });
    expectErrorHash(res, 422, { role: ['is not included in the list'] });
  });

  it('refuses an email address another user has, whatever its letter case', async () => {
    const res = await s.call('POST', '/api/v1/users', { body: newUser({ email: 'SAM@example.com' }) });
    expectErrorHash(res, 422, { email: ['has already been taken'] });
  });

  it("refuses changing a user's email address to another user's", async () => {
    const user = await createUser();
    const res = await s.call('PATCH', `/api/v1/users/${String(user['id'])}`, { body: { email: 'sam@example.com' } });
    expectErrorHash(res, 422, { email: ['has already been taken'] });
  });

  it("accepts a student's email address for a user", async () => {
    const res = await s.call('POST', '/api/v1/users', { body: newUser({ email: 'bob@example.com' }) });
    expect(res.status).toBe(201);
  });

  it('refuses an invalid email address', async () => {
    const res = await s.call('POST', '/api/v1/users', { body: newUser({ email: 'sam.example.com' }) });
    expectErrorHash(res, 422, { email: ['is invalid'] });
  });

  it('refuses an unsupported locale', async () => {
    const res = await s.call('POST', '/api/v1/users', { body: newUser({ locale: 'pt-BR' }) });
    expectErrorHash(res, 422, { locale: ['is not included in the list'] });
  });

  it('refuses "maybe" for unsubscribed', async () => {
    const res = await s.call('PATCH', `/api/v1/users/${DOC_IDS.userSam}`, { body: { unsubscribed: 'maybe' } });
    expectErrorHash(res, 422, { unsubscribed: ['must be true or false'] });
  });

  it("an existing user's given name cannot be emptied, as the documents show", async () => {
    const res = await s.call('PATCH', `/api/v1/users/${DOC_IDS.userSam}`, { body: { given_name: '' } });
    expectErrorHash(res, 422, { given_name: ["can't be blank"] });
  });
});

describe('attributes an endpoint does not take', () => {
  const WRITES: [string, string, string][] = [
    ['creating a course', 'POST', '/api/v1/courses'],
    ['updating a course', 'PATCH', `/api/v1/courses/${DOC_IDS.coursePatchExample}`],
    ['creating a student', 'POST', '/api/v1/students'],
    ['updating a student', 'PATCH', `/api/v1/students/${DOC_IDS.studentBob}`],
    ['creating an enrollment', 'POST', '/api/v1/enrollments'],
    ['updating an enrollment', 'PATCH', `/api/v1/enrollments/${DOC_IDS.enrollmentPatchExample}`],
    ['creating a group', 'POST', '/api/v1/groups'],
    ['updating a group', 'PATCH', `/api/v1/groups/${DOC_IDS.group2020}`],
    ['creating a user', 'POST', '/api/v1/users'],
    ['updating a user', 'PATCH', `/api/v1/users/${DOC_IDS.userSam}`],
  ];

  it.each(WRITES)('%s refuses an unknown attribute, naming it', async (_what, method, path) => {
    const res = await s.call(method, path, { body: { favourite_colour: 'teal' } });
    expectErrorHash(res, 422, { favourite_colour: ['is not a permitted attribute'] });
  });

  it.each(WRITES)('%s says the id cannot be changed', async (_what, method, path) => {
    const res = await s.call(method, path, { body: { id: randomUUID() } });
    expectErrorHash(res, 422, { id: ["can't be changed through the API"] });
  });

  it.each(WRITES)('%s says created_at cannot be changed', async (_what, method, path) => {
    const res = await s.call(method, path, { body: { created_at: '2020-01-01T00:00:00.000Z' } });
    expectErrorHash(res, 422, { created_at: ["can't be changed through the API"] });
  });

  it('names every attribute it refuses at once', async () => {
    const res = await s.call('PATCH', `/api/v1/groups/${DOC_IDS.group2020}`, { body: { name: 'Fine', colour: 'red', size: 3, updated_at: 'x' } });
    expectErrorHash(res, 422, { colour: ['is not a permitted attribute'], size: ['is not a permitted attribute'], updated_at: ["can't be changed through the API"] });
  });

  it('changes nothing when it refuses an attribute', async () => {
    const before = record(await s.call('GET', `/api/v1/groups/${DOC_IDS.group2020}`));
    await s.call('PATCH', `/api/v1/groups/${DOC_IDS.group2020}`, { body: { name: 'Renamed', colour: 'red' } });
    expect(record(await s.call('GET', `/api/v1/groups/${DOC_IDS.group2020}`))).toEqual(before);
  });
});
