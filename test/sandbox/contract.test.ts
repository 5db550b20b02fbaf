// The contract of the Enlight API v1 as its two documents (the English and the Traditional Chinese
// edition of one help article) show it: every example request of both is replayed against the
// sandbox as curl would send it (same method, path, query, headers and body bytes; a `-d` without
// a Content-Type goes out form encoded, as curl does), with YOUR_API_KEY swapped for the owner's
// key and STUDENT_API_KEY for Bob Example's, and each answer is checked against the documented
// status and shape. Examples that change data run in a fresh organisation for each test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DEMO_ORG_ID, DOC_IDS } from '../../src/sandbox/seed/demo';
import {
  answerSchema,
  checksheetDetailSchema,
  checksheetListSchema,
  courseDetailSchema,
  courseListSchema,
  enrollmentDetailSchema,
  enrollmentListSchema,
  errorHashSchema,
  groupDetailSchema,
  groupListSchema,
  libraryItemSchema,
  studentChecksheetDetailSchema,
  studentDetailSchema,
  studentListSchema,
  userListSchema,
  userSchema,
} from '../../src/shared/api/schemas';
import { call, openSandbox, type RawResponse } from '../support/sandboxClient';

type Sandbox = Awaited<ReturnType<typeof openSandbox>>;
type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// The examples, copied verbatim from the documents (whitespace aside). The first test checks that
// this list and the documents' examples are the same set.
// ---------------------------------------------------------------------------------------------

const EX = {
  authenticate: String.raw`curl -IH "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/authenticate`,

  listCourses: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/courses`,
  coursesSecondPage: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/courses?limit=100&offset=100`,
  showCourse: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/courses/50edd30a-d0da-4862-ba89-02b29835c80a`,
  updateCourse: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-X PATCH \
-d '{"price_cents":"5000"}' \
https://example.enlight.io/api/v1/courses/f613fc3d-0101-44d4-86e0-0d2ef55dac9b`,
  createCourse: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
-d '{"name":"Special Course","completion_information_html":"<p>Well done on completing your course!</p>","summary":"This course teaches you the basics","marketing_copy_html":"<p>Buy this course today!</p>","purchasable":"false","price_cents":"0"}' \
https://example.enlight.io/api/v1/courses`,
  cancelCourse: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X DELETE \
https://example.enlight.io/api/v1/courses/b6062c1f-e879-44e9-12ce-3bd2ecd384b9`,

  listChecksheets: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/checksheets`,
  // Sic: the English edition's second page of checksheets misspells the path.
  checksheetsSecondPageMisspelt: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/cchecksheets?limit=100&offset=100`,
  showChecksheet: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/checksheets/e412869e-affe-403f-a006-47e6f1bfc668`,

  showLibraryItem: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/library_items/8e016712-0472-443e-b187-a99332deac3c`,

  listStudents: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/students`,
  studentsSecondPage: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/students?limit=100&offset=100`,
  studentsPage2: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/students?page=2`,
  showStudent: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/students/82121578-afda-46ca-a2db-5b5f92bbce16`,
  updateStudent: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-X PATCH \
-d '{ "email": "sam@example.com" }'\
https://example.enlight.io/api/v1/students/82121578-afda-46ca-a2db-5b5f92bbce16`,
  createStudent: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
-d '{"given_name":"John",
"family_name":"Smith",
"email": "john@example.com"}' \
https://example.enlight.io/api/v1/students`,

  // Both "List all Enrollments" and "Show a Specific Enrollment" show this very command.
  listEnrollments: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/enrollments`,
  enrollmentsPage2: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/enrollments?page=2`,
  updateEnrollment: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-X PATCH \
-d '{ "expires_at": "2020-12-01T13:58:26.354Z" }' \
https://example.enlight.io/api/v1/enrollments/cb3fa2a3-ecff-4cbd-96cc-308b85e7996d`,
  enrollExistingStudent: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
-d '{"course_id":"f613fc3d-0101-44d4-86e0-0d2ef55dac9b",
"student_id":"82121578-afda-46ca-a2db-5b5f92bbce16",
"send_enrollment_notification": "true",
"group_ids":["e0c351c8-8516-4e42-b719-6c11f181624b"],
"instructor_id": "5e0435d2-d88c-45ea-a106-d91cdcc323e8"}' \
https://example.enlight.io/api/v1/enrollments`,
  enrollNewStudent: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
-d '{"student_given_name":"Jane",
"student_family_name":"Smith",
"student_email":"jane@example.com",
"student_external_id":"12345",
"student_password":"secret123",
"student_locale":"en-US",
"group_ids":["e0c351c8-8516-4e42-b719-6c11f181624b"],
"send_enrollment_notification": "true",
"course_id":"f613fc3d-0101-44d4-86e0-0d2ef55dac9b",
"instructor_id": "5e0435d2-d88c-45ea-a106-d91cdcc323e8"}' \
https://example.enlight.io/api/v1/enrollments`,
  cancelEnrollment: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X DELETE \
https://example.enlight.io/api/v1/enrollments/cb3fa2a3-ecff-4cbd-96cc-308b85e7996d`,

  listGroups: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/groups`,
  groupsPage2: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/groups?page=2`,
  showGroup: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/groups/e0c351c8-8516-4e42-b719-6c11f181624b`,
  updateGroup: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-X PATCH \
-d '{ "name": "Class of 2021" }'\
https://example.enlight.io/api/v1/groups/e0c351c8-8516-4e42-b719-6c11f181624b`,
  createGroup: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
-d '{ "name":"Class of 2020" }' \
https://example.enlight.io/api/v1/groups`,
  deleteGroup: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X DELETE \
https://example.enlight.io/api/v1/groups/e0c351c8-8516-4e42-b719-6c11f181624b`,

  listUsers: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/users`,
  usersPage2: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/users?page=2`,
  showUser: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
https://example.enlight.io/api/v1/users/d39e311f-018d-4c57-ba88-6c5ac76ccb15`,
  updateUser: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-X PATCH \
-d '{ "given_name": "Samuel" }'\
https://example.enlight.io/api/v1/users/d39e311f-018d-4c57-ba88-6c5ac76ccb15`,
  createUser: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
-d '{"role":"instructor", "given_name":"Sam", "family_name":"Smith", "email": "sam@example.com"}' \
https://example.enlight.io/api/v1/users`,
  deleteUser: String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X DELETE \
https://example.enlight.io/api/v1/users/e0c351c8-8516-4e42-b719-6c11f181624b`,

  answerSingleChoice: String.raw`curl -H "Authorization: Bearer STUDENT_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
https://example.enlight.io/api/v1/answer \
-d '{"enrollment_id":"51278615-f974-4bde-b42e-31cd699e11c7",
"section_step_id":"da902bc7-72ce-4b21-90c4-44734de06af1",
"answer":{"content":"Choice 2"}}'`,
  answerMultiChoice: String.raw`curl -H "Authorization: Bearer STUDENT_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
https://example.enlight.io/api/v1/answer \
-d '{"enrollment_id":"51278615-f974-4bde-b42e-31cd699e11c7",
"section_step_id":"da902bc7-72ce-4b21-90c4-44734de06af1",
"answer":{"content":["Choice 1", "Choice 2"]}}'`,
  answerSequence: String.raw`curl -H "Authorization: Bearer STUDENT_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
https://example.enlight.io/api/v1/answer \
-d '{"enrollment_id":"51278615-f974-4bde-b42e-2a6addca9aad",
"section_step_id":"da902bc7-72ce-4b21-90c4-447143206af1",
"answer":{"content":["Item 2", "Item 1"]}}'`,
  answerQuestion: String.raw`curl -H "Authorization: Bearer STUDENT_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
https://example.enlight.io/api/v1/answer \
-d '{"enrollment_id":"51278615-f974-4bde-b42e-2a6addca9aad",
"section_step_id":"da902bc7-72ce-4b21-90c4-447143206af1",
"answer":{"content":"This is my answer"}}'`,
  answerReference: String.raw`curl -H "Authorization: Bearer STUDENT_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X POST \
https://example.enlight.io/api/v1/answer \
-d '{"enrollment_id":"51278615-f974-4bde-b42e-2a6addca9aad",
"section_step_id":"da902bc7-72ce-4b21-90c4-447143206af1"}'`,
  showAnswer: String.raw`curl -H "Authorization: Bearer STUDENT_API_KEY" \
-H "Content-Type: application/json" \
-H "Accept: application/json" \
-X GET \
https://example.enlight.io/api/v1/answer \
-d '{"enrollment_id":"19bbb83c-2e9e-442e-b2a3-2a6addca9aad",
"section_step_id":"4e8defc7-0a8c-4ace-b4aa-447143206af1"}'`,
} as const;

/** The English "Paging" section gives bare URLs rather than curl commands. */
const PAGING_URLS = {
  firstFifty: 'https://example.enlight.io/api/v1/students?limit=50&offset=0',
  secondFifty: 'https://example.enlight.io/api/v1/students?limit=50&offset=50',
  offset125: 'https://example.enlight.io/api/v1/students?limit=25&offset=125',
} as const;

const DOCS_DIR = fileURLToPath(new URL('../../../shared/api-docs/', import.meta.url));

const normalise = (text: string) => text.trim().replace(/\\\n/g, ' ').replace(/\s+/g, ' ');

/** Every curl command and bare example URL in one edition of the article. */
function examplesIn(text: string): string[] {
  const lines = text.split('\n');
  const found: string[] = [];
  const quoteOpen = (s: string) => (s.match(/'/g) ?? []).length % 2 === 1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*curl\s/.test(line)) {
      let command = line;
      while ((/\\\s*$/.test(lines[i] ?? '') || quoteOpen(command)) && i + 1 < lines.length) command += `\n${lines[++i] ?? ''}`;
      found.push(normalise(command));
    } else if (/^\s*https:\/\/example\.enlight\.io\/\S+\s*$/.test(line)) found.push(normalise(line));
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Sending an example as curl would.
// ---------------------------------------------------------------------------------------------

interface CurlRequest {
  method: string;
  url: URL;
  /** In the order curl sends them, after the keys are swapped in. */
  headers: Record<string, string>;
  data?: string;
}

/** Splits a command line into words: single quotes are literal, double quotes group, a backslash escapes. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) word += text[++i] ?? '';
      else word += c;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\') word += text[++i] ?? '';
      else word += c;
    }
  }
  if (quote) throw new Error(`unbalanced ${quote} in ${text}`);
  if (inWord) words.push(word);
  return words;
}

/**
 * Reads a documented curl command. Two liberties, both where a shell would break the example as
 * printed: a backslash ending a line separates arguments even when it follows a closing quote
 * (`-d '{...}'\` then the URL on the next line), and `?`/`&` in the unquoted URL stay in the URL.
 */
function parseCurl(example: string): CurlRequest {
  const words = shellWords(example.replace(/\\\n/g, ' \n'));
  if (words.shift() !== 'curl') throw new Error(`not a curl command: ${example}`);
  const given: [string, string][] = [];
  let method: string | undefined;
  let head = false;
  let data: string | undefined;
  let url: URL | undefined;
  while (words.length > 0) {
    const word = words.shift() as string;
    if (!word.startsWith('-')) {
      url = new URL(word);
      continue;
    }
    // Short options may be bundled (-IH); the last one of a bundle may take the next word.
    for (const flag of word.slice(1)) {
      if (flag === 'I') head = true;
      else if (flag === 'H' || flag === 'X' || flag === 'd') {
        const value = words.shift();
        if (value === undefined) throw new Error(`-${flag} without a value in ${example}`);
        if (flag === 'H') {
          const colon = value.indexOf(':');
          given.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
        } else if (flag === 'X') method = value;
        else data = value;
      } else throw new Error(`curl option -${flag} is not modelled (in ${example})`);
    }
  }
  if (!url) throw new Error(`no URL in ${example}`);
  const hasHeader = (name: string) => given.some(([h]) => h.toLowerCase() === name.toLowerCase());
  const headers: Record<string, string> = { 'User-Agent': 'curl/8.5.0' };
  if (!hasHeader('Accept')) headers['Accept'] = '*/*';
  for (const [name, value] of given) headers[name] = value;
  // curl -d sends form encoding unless told otherwise, whatever the data looks like.
  if (data !== undefined && !hasHeader('Content-Type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return { method: method ?? (head ? 'HEAD' : data !== undefined ? 'POST' : 'GET'), url, headers, data };
}

interface Variation {
  /** Other body bytes, sent with the example's own headers. */
  data?: string;
  /** Changes to the example's JSON body; an undefined value removes the attribute. */
  json?: Json;
}

/** Replays an example (or the same request with another body) against the sandbox. */
function replay(s: Sandbox, example: string, variation: Variation = {}): Promise<RawResponse> {
  const request = parseCurl(example);
  let data = variation.data ?? request.data;
  if (variation.json) {
    const body = { ...(JSON.parse(request.data ?? '{}') as Json), ...variation.json };
    for (const [key, value] of Object.entries(variation.json)) if (value === undefined) delete body[key];
    data = JSON.stringify(body);
  }
  const keys: Record<string, string> = { YOUR_API_KEY: s.owner, STUDENT_API_KEY: DOC_IDS.studentBobApiKey };
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, value.replace(/\b(YOUR_API_KEY|STUDENT_API_KEY)\b/g, (k) => keys[k] ?? k)]));
  return call(s.sandbox.url, request.method, request.url.pathname + request.url.search, { key: null, headers, body: data, host: request.url.host });
}

/** A GET of a documented URL, as the Paging section means it (with the owner's key). */
const getUrl = (url: string) => String.raw`curl -H "Authorization: Bearer YOUR_API_KEY" \
` + url;

// ---------------------------------------------------------------------------------------------
// Checking answers.
// ---------------------------------------------------------------------------------------------

function expectStatus(res: RawResponse, status: number): void {
  expect(res.status, `${res.status} ${res.text}`).toBe(status);
  if (res.text !== '') expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
}

/** A 200 (or, for creates, the sandbox's 201 Created) whose body has the documented shape. */
function body<S extends z.ZodType>(res: RawResponse, schema: S, status = 200): z.infer<S> {
  expectStatus(res, status);
  const parsed = schema.safeParse(res.json);
  if (!parsed.success) throw new Error(`the body does not have the documented shape: ${parsed.error.message}\n${res.text.slice(0, 2000)}`);
  return parsed.data;
}

/** The documented error hash, exactly. Validation errors are 422 in the sandbox (docs/sandbox.md). */
function expectErrorHash(res: RawResponse, hash: Json, status = 422): void {
  expectStatus(res, status);
  expect(errorHashSchema.safeParse(res.json).success, res.text).toBe(true);
  expect(res.json).toEqual(hash);
}

function expectNotFound(res: RawResponse): void {
  expectStatus(res, 404);
  expect(errorHashSchema.safeParse(res.json).success, res.text).toBe(true);
}

/** The 200 and empty JSON body both editions document for every DELETE. */
function expectEmptyOk(res: RawResponse): void {
  expectStatus(res, 200);
  expect(res.json).toEqual({});
}

const LISTS = {
  courses: courseListSchema,
  checksheets: checksheetListSchema,
  students: studentListSchema,
  enrollments: enrollmentListSchema,
  groups: groupListSchema,
  users: userListSchema,
} as const;
type ListName = keyof typeof LISTS;

/** Every record of a list, paged through 100 at a time as the documents advise. */
async function listAll(s: Sandbox, resource: ListName): Promise<Json[]> {
  const all: Json[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = body(await s.call('GET', `/api/v1/${resource}?limit=100&offset=${offset}`), LISTS[resource]) as Json[];
    all.push(...page);
    if (page.length < 100) return all;
  }
}

const idsOf = (rows: readonly Json[]) => rows.map((r) => r['id']);

/** A sandbox per test: the examples that change data then never meet each other's changes. */
function freshSandboxForEachTest(): () => Sandbox {
  let s: Sandbox | undefined;
  beforeEach(async () => {
    s = await openSandbox();
  });
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });
  return () => {
    if (!s) throw new Error('no sandbox outside a test');
    return s;
  };
}

// ---------------------------------------------------------------------------------------------
// What the documents' example answers say, where the sandbox's records are the documented ones.
// ---------------------------------------------------------------------------------------------

const COURSE_IMAGE = {
  id: 'course/d8297351-f278-4e84-af89-84c4df524acd/course_image/0984231234.jpg',
  storage: 'store',
  metadata: { md5: '2880c465167aec271ff5f28b0a1dc9dc', size: 30146, filename: 'how-to-use.jpg', mime_type: 'image/jpeg' },
};

// The documented course, less `instructor_id`: the example gives the course's own id there.
const DOC_COURSE = {
  id: DOC_IDS.courseHowTo,
  name: 'How to use the Enlight API',
  summary: 'This course teaches you the enlight API',
  course_image: COURSE_IMAGE,
  multiple_sign_ups: false,
  purchasable: true,
  advertised: true,
  price_cents: 1000,
  price_currency: 'USD',
  prerequisite_course_id: DOC_IDS.coursePrerequisite,
  archived_at: null,
  created_at: '2015-06-17T12:51:08.182Z',
  updated_at: '2020-05-02T05:41:07.051Z',
};

// The two versions, less `course_id`: the documents put them under a course (67b24850-…) that
// is neither the one shown nor the one the checksheet example names.
const SHEET_TIME = '2020-10-18T05:34:45.866Z';
const DOC_CHECKSHEET_V1 = { id: DOC_IDS.checksheetV1, version: 1, current_checksheet: false, published: true, created_at: SHEET_TIME, updated_at: SHEET_TIME };
const DOC_CHECKSHEET_V2 = { id: DOC_IDS.checksheetV2, version: 2, current_checksheet: true, published: true, created_at: SHEET_TIME, updated_at: SHEET_TIME };

const DOC_QUIZ_STEP = {
  id: DOC_IDS.quizStep,
  content_html: 'What is the art of selling? ',
  conditional: false,
  label: null,
  needs_attachment: false,
  number_of_items: null,
  points: 5,
  title: 'Quiz',
  type: 'Steps::MultipleChoice',
  created_at: '2018-10-11T07:06:55.472Z',
  updated_at: '2018-10-11T07:06:55.472Z',
  library_item_id: null,
  organisation_id: '0ca51df6-704e-4dc4-afc7-9a4aa90e2c24',
  target_course_id: null,
  archived_at: null,
  answer_html: null,
  reject_duplicate_attempts: false,
  suggested_response: 'Thank you for your answer',
  cloned_from_step_id: '072e9a9d-1c02-423e-95c6-afeca1047099',
  data: { choices: [{ name: 'Answer A.', correct: '1' }, { name: 'Answer B.' }, { name: 'Answer C.' }], persist_order: false, selection_type: 'single' },
};

const DOC_SECTION_1 = {
  created_at: '2020-10-18T05:21:42.279Z',
  final: false,
  id: DOC_IDS.section1,
  label: null,
  name: 'Section 1',
  sequence: 1,
  updated_at: '2020-10-18T05:21:42.308Z',
};

// The documents' library item, less its two (signed, expiring) CDN addresses.
const DOC_LIBRARY_ITEM = {
  id: DOC_IDS.libraryItem,
  author: null,
  title: 'Example',
  intro_html: null,
  content_html: null,
  kind: null,
  duration: null,
  asset_file_data: {
    id: 'libraryitems/pdf/8e016712-0472-443e-b187-a99332deac3c/asset_file/9a344eff6b81d7f37e765861927753e6.pdf',
    storage: 'store',
    metadata: { md5: '8c4e551a93d74cdadcde813da9f1533c', size: 58958, filename: 'example.pdf', mime_type: 'application/pdf' },
  },
  video_captions: null,
  type: 'Pdf',
  visibility: 'members',
  provide_download_link: true,
  show_in_library: true,
  published: false,
  feature_in_top_resources: false,
  public_access_key: '56e64be0668b2489495c0e2ec0508d0616fe33a85ad842334fa92072392f11e9',
  created_at: '2018-10-16T05:08:48.775Z',
  updated_at: '2021-01-29T18:41:30.270Z',
};

// Bob as the documents show him, less the gravatar URL: the example's hash is not that of his
// address, and the sandbox derives the URL from the address as Gravatar does.
const DOC_BOB = {
  id: DOC_IDS.studentBob,
  given_name: 'Bob',
  family_name: 'Example',
  email: 'bob@example.com',
  external_id: '12345',
  locale: 'en-US',
  time_zone: 'Sydney',
};

// The documented enrollment, less its timestamps (the sandbox keeps them relative to now so the
// enrollment stays unexpired) and its checksheet (e412869e-… belongs to another course).
const DOC_BOBS_ENROLLMENT = {
  id: DOC_IDS.enrollmentBob,
  student_id: DOC_IDS.studentBob,
  course_id: DOC_IDS.courseOfBobsEnrollment,
  instructor_id: '5e0435d2-d88c-45ea-a106-d91cdcc323e8',
  enroller_id: 'a2efae3a-ed33-431c-ad72-aaf1bfe8f25b',
  active: true,
  completed_at: null,
  custom_name: null,
};

const DOC_GROUP_ENROLLMENT = {
  id: '265f5058-6915-4125-aa92-cfa67aa20691',
  student_id: '5f6e867a-c510-408a-8553-41c866ea4689',
  course_id: '4805f4f3-0fb7-43c4-865c-acba8bd3cdf1',
  checksheet_id: '36abf929-22cb-4d2c-8856-9a2d7c85c34b',
  instructor_id: '24e4d370-d73d-424a-8e3e-d77d8f9d9223',
  active: true,
  started_at: null,
  completed_at: null,
  custom_name: null,
};

const DOC_SAM = {
  id: DOC_IDS.userSam,
  given_name: 'Sam',
  family_name: 'Smith',
  email: 'sam@example.com',
  locale: 'en-US',
  role: 'instructor',
  unsubscribed: false,
};

const DOC_ANSWER = {
  id: '2e9f4c9d-cf43-419a-93bc-1238878058a0',
  pass_at: '2021-02-08T07:26:07.812Z',
  points: 10,
  state: 'passed',
  answered_at: '2021-02-08T07:26:07.815Z',
  created_at: '2021-02-08T07:26:07.815Z',
  updated_at: '2021-02-08T07:26:07.815Z',
  enrollment_id: '19bbb83c-2e9e-442e-b2a3-2a6addca9aad',
  section_step_id: '4e8defc7-0a8c-4ace-b4aa-447143206af1',
};

// =============================================================================================

describe('the examples this suite replays', () => {
  it.skipIf(!existsSync(DOCS_DIR))('are exactly the example requests of both editions of the article', () => {
    const documented = new Set(readdirSync(DOCS_DIR).flatMap((file) => examplesIn(readFileSync(`${DOCS_DIR}/${file}`, 'utf8'))));
    const replayed = new Set([...Object.values(EX), ...Object.values(PAGING_URLS)].map(normalise));
    expect([...documented].filter((e) => !replayed.has(e)), 'documented but not replayed').toEqual([]);
    expect([...replayed].filter((e) => !documented.has(e)), 'replayed but not documented').toEqual([]);
  });

  it('are sent as curl sends them: -d without a Content-Type goes out form encoded, -I is a HEAD', () => {
    expect(parseCurl(EX.updateCourse)).toEqual({
      method: 'PATCH',
      url: new URL('https://example.enlight.io/api/v1/courses/f613fc3d-0101-44d4-86e0-0d2ef55dac9b'),
      headers: { 'User-Agent': 'curl/8.5.0', Accept: '*/*', Authorization: 'Bearer YOUR_API_KEY', 'Content-Type': 'application/x-www-form-urlencoded' },
      data: '{"price_cents":"5000"}',
    });
    expect(parseCurl(EX.authenticate).method).toBe('HEAD');
    expect(parseCurl(EX.updateGroup)).toMatchObject({ data: '{ "name": "Class of 2021" }', url: new URL('https://example.enlight.io/api/v1/groups/e0c351c8-8516-4e42-b719-6c11f181624b') });
    expect(parseCurl(EX.showAnswer)).toMatchObject({
      method: 'GET',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      data: '{"enrollment_id":"19bbb83c-2e9e-442e-b2a3-2a6addca9aad",\n"section_step_id":"4e8defc7-0a8c-4ace-b4aa-447143206af1"}',
    });
  });
});

describe('examples that change nothing', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await openSandbox();
  });
  afterAll(() => s.close());

  describe('authenticate (curl -I)', () => {
    it('answers 200 OK with an empty body and the documented headers', async () => {
      const res = await replay(s, EX.authenticate);
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
      expect(res.headers).toMatchObject({
        'x-frame-options': 'SAMEORIGIN',
        'x-xss-protection': '1; mode=block',
        'x-content-type-options': 'nosniff',
        'x-download-options': 'noopen',
        'x-permitted-cross-domain-policies': 'none',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cache-control': 'no-cache, no-store',
        'content-type': 'application/json; charset=utf-8',
      });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(res.headers['x-runtime']).toMatch(/^\d+\.\d{6}$/);
      expect(Number.isNaN(Date.parse(String(res.headers['date'])))).toBe(false);
    });

    it('gives each request its own X-Request-Id', async () => {
      const [a, b] = await Promise.all([replay(s, EX.authenticate), replay(s, EX.authenticate)]);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });

    it('answers 401 when YOUR_API_KEY is left in, as the document warns', async () => {
      const res = await call(s.sandbox.url, 'HEAD', '/api/authenticate', { key: 'YOUR_API_KEY', host: 'example.enlight.io' });
      expect(res.status).toBe(401);
    });
  });

  describe('courses', () => {
    it('lists up to 100 courses, the documented one among them', async () => {
      const courses = body(await replay(s, EX.listCourses), courseListSchema);
      expect(courses.length).toBeGreaterThan(0);
      expect(courses.length).toBeLessThanOrEqual(100);
      expect(courses.find((c) => c.id === DOC_IDS.courseHowTo)).toMatchObject(DOC_COURSE);
    });

    it('shows the course with its two checksheet versions, the second current', async () => {
      const course = body(await replay(s, EX.showCourse), courseDetailSchema);
      expect(course).toMatchObject(DOC_COURSE);
      expect(course.checksheets).toEqual([
        { ...DOC_CHECKSHEET_V1, course_id: DOC_IDS.courseHowTo },
        { ...DOC_CHECKSHEET_V2, course_id: DOC_IDS.courseHowTo },
      ]);
    });
  });

  describe('checksheets', () => {
    it('lists the checksheets, every version of the course among them', async () => {
      const sheets = body(await replay(s, EX.listChecksheets), checksheetListSchema);
      expect(sheets.length).toBeLessThanOrEqual(100);
      expect(sheets).toContainEqual({ ...DOC_CHECKSHEET_V1, course_id: DOC_IDS.courseHowTo });
      expect(sheets).toContainEqual({ ...DOC_CHECKSHEET_V2, course_id: DOC_IDS.courseHowTo });
    });

    it('answers the English second-page example, whose path is misspelt "cchecksheets", with 404', async () => {
      expectNotFound(await replay(s, EX.checksheetsSecondPageMisspelt));
    });

    it("shows the checksheet's sections and steps in sequence, with the correct answer, to a user", async () => {
      const sheet = body(await replay(s, EX.showChecksheet), checksheetDetailSchema);
      expect(sheet).toMatchObject({ id: DOC_IDS.checksheetV2, course_id: DOC_IDS.courseHowTo, current_checksheet: true, published: true });
      expect(sheet.sections.map((x) => x.sequence)).toEqual([...sheet.sections.map((x) => x.sequence)].sort((a, b) => a - b));
      expect(sheet.sections[0]).toMatchObject(DOC_SECTION_1);
      expect(sheet.sections[0]?.section_steps[0]).toEqual(DOC_QUIZ_STEP);
    });

    it("shows it to the student's key without the internal data, wrapping each step in its section step", async () => {
      const sheet = body(await replay(s, EX.showChecksheet.replace('YOUR_API_KEY', 'STUDENT_API_KEY')), studentChecksheetDetailSchema);
      expect(sheet.id).toBe(DOC_IDS.checksheetV2);
      const quiz = sheet.sections[0]?.section_steps[0];
      expect(quiz).toMatchObject({ id: DOC_IDS.quizSectionStep, list_source_step: null, possible_reference_section_step_ids: DOC_IDS.referenceSectionSteps });
      const step = quiz?.step as Json;
      expect(step).toMatchObject({ id: DOC_IDS.quizStep, type: 'Steps::MultipleChoice', points: 5, title: 'Quiz', organisation_id: DEMO_ORG_ID });
      for (const internal of ['answer_html', 'suggested_response', 'reject_duplicate_attempts', 'cloned_from_step_id', 'archived_at']) expect(step).not.toHaveProperty(internal);
      const choices = quiz?.step.data.choices ?? [];
      expect(choices.map((c) => c.name).sort()).toEqual(['Answer A.', 'Answer B.', 'Answer C.']);
      for (const choice of choices) expect(choice).not.toHaveProperty('correct');
    });
  });

  it('shows the library item', async () => {
    const item = body(await replay(s, EX.showLibraryItem), libraryItemSchema);
    expect(item).toMatchObject(DOC_LIBRARY_ITEM);
    expect(item.asset_file_url).toContain('/uploads/libraryitems/pdf/8e016712-0472-443e-b187-a99332deac3c/asset_file/');
  });

  describe('students', () => {
    it('lists the first 100 students, Bob among them', async () => {
      const students = body(await replay(s, EX.listStudents), studentListSchema);
      expect(students).toHaveLength(100);
      expect(students.find((x) => x.id === DOC_IDS.studentBob)).toMatchObject({ ...DOC_BOB, company_name: 'Example Incorporated' });
    });

    it('shows Bob with his API key', async () => {
      const bob = body(await replay(s, EX.showStudent), studentDetailSchema);
      expect(bob).toMatchObject({ ...DOC_BOB, api_key: '57056867-5ea3-4adf-b411-63b4fbf4eda1' });
      expect(bob.gravatar_url).toMatch(/^http:\/\/www\.gravatar\.com\/avatar\/[0-9a-f]{32}$/);
    });
  });

  describe('enrollments', () => {
    it('lists the first 100 enrollments (the "show" example has this same URL, without an id)', async () => {
      const enrollments = body(await replay(s, EX.listEnrollments), enrollmentListSchema);
      expect(enrollments).toHaveLength(100);
    });

    it('shows the documented enrollment, by its id, with its student embedded', async () => {
      const res = await s.call('GET', `/api/v1/enrollments/${DOC_IDS.enrollmentBob}`);
      const enrollment = body(res, enrollmentDetailSchema);
      expect(enrollment).toMatchObject(DOC_BOBS_ENROLLMENT);
      expect(enrollment.student).toMatchObject(DOC_BOB);
      expect(enrollment.student).not.toHaveProperty('api_key');
    });
  });

  describe('groups', () => {
    it('lists the groups, "Class of 2020" among them', async () => {
      const groups = body(await replay(s, EX.listGroups), groupListSchema);
      expect(groups).toContainEqual({ id: DOC_IDS.group2020, name: 'Class of 2020' });
    });

    it('shows the group with its enrollment', async () => {
      const group = body(await replay(s, EX.showGroup), groupDetailSchema);
      expect(group).toMatchObject({ id: DOC_IDS.group2020, name: 'Class of 2020' });
      expect(group.enrollments.find((e) => e.id === DOC_GROUP_ENROLLMENT.id)).toMatchObject(DOC_GROUP_ENROLLMENT);
    });

    it('shows the enrollment as enrolled by 24e4d370-…, as documented', async () => {
      const group = body(await replay(s, EX.showGroup), groupDetailSchema);
      expect(group.enrollments.find((e) => e.id === DOC_GROUP_ENROLLMENT.id)?.enroller_id).toBe('24e4d370-d73d-424a-8e3e-d77d8f9d9223');
    });
  });

  describe('users', () => {
    it('lists the users, Sam among them', async () => {
      const users = body(await replay(s, EX.listUsers), userListSchema);
      expect(users.length).toBeLessThanOrEqual(100);
      expect(users).toContainEqual(DOC_SAM);
    });

    it('shows Sam exactly as documented', async () => {
      expect(body(await replay(s, EX.showUser), userSchema)).toEqual(DOC_SAM);
    });
  });

  it('shows the documented answer for a GET with a JSON body', async () => {
    const answer = body(await replay(s, EX.showAnswer), answerSchema);
    expect(answer).toEqual(DOC_ANSWER);
  });
});

describe('paging', () => {
  let s: Sandbox;
  const all = new Map<ListName, Json[]>();
  beforeAll(async () => {
    s = await openSandbox();
    for (const resource of Object.keys(LISTS) as ListName[]) all.set(resource, await listAll(s, resource));
  });
  afterAll(() => s.close());
  const records = (resource: ListName) => all.get(resource) ?? [];
  const page = async (resource: ListName, example: string) => idsOf(body(await replay(s, example), LISTS[resource]) as Json[]);

  it('gives the English examples of 50 and 25 students as slices of one ordering', async () => {
    const students = idsOf(records('students'));
    expect(students.length).toBeGreaterThanOrEqual(150);
    expect(await page('students', getUrl(PAGING_URLS.firstFifty))).toEqual(students.slice(0, 50));
    expect(await page('students', getUrl(PAGING_URLS.secondFifty))).toEqual(students.slice(50, 100));
    // "the 5th page of 25" counts pages from 0: with page=N counting from 1 it is page 6.
    const offset125 = await page('students', getUrl(PAGING_URLS.offset125));
    expect(offset125).toEqual(students.slice(125, 150));
    expect(await page('students', getUrl('https://example.enlight.io/api/v1/students?limit=25&page=6'))).toEqual(offset125);
  });

  const secondPages: [ListName, string, string][] = [
    ['courses', EX.coursesSecondPage, getUrl('https://example.enlight.io/api/v1/courses?page=2')],
    ['checksheets', getUrl('https://example.enlight.io/api/v1/checksheets?limit=100&offset=100'), getUrl('https://example.enlight.io/api/v1/checksheets?page=2')],
    ['students', EX.studentsSecondPage, EX.studentsPage2],
    ['enrollments', getUrl('https://example.enlight.io/api/v1/enrollments?limit=100&offset=100'), EX.enrollmentsPage2],
    ['groups', getUrl('https://example.enlight.io/api/v1/groups?limit=100&offset=100'), EX.groupsPage2],
    ['users', getUrl('https://example.enlight.io/api/v1/users?limit=100&offset=100'), EX.usersPage2],
  ];

  it.each(secondPages)('gives the same second page of %s for limit=100&offset=100 and for page=2', async (resource, byOffset, byPage) => {
    const expected = idsOf(records(resource)).slice(100, 200);
    expect(await page(resource, byOffset)).toEqual(expected);
    expect(await page(resource, byPage)).toEqual(expected);
  });

  it.each(Object.keys(LISTS) as ListName[])('gives, for %s, page 2 of limit N as offset N, following page 1', async (resource) => {
    const ids = idsOf(records(resource));
    const n = Math.min(25, Math.floor(ids.length / 2));
    expect(n).toBeGreaterThan(0);
    const url = (query: string) => getUrl(`https://example.enlight.io/api/v1/${resource}?${query}`);
    const page1 = await page(resource, url(`limit=${n}&page=1`));
    const page2 = await page(resource, url(`limit=${n}&page=2`));
    expect(page2).toEqual(await page(resource, url(`limit=${n}&offset=${n}`)));
    expect([...page1, ...page2]).toEqual(ids.slice(0, 2 * n));
    expect(page2).toHaveLength(n);
  });

  it.each([
    ['courses', EX.listCourses],
    ['checksheets', EX.listChecksheets],
    ['students', EX.listStudents],
    ['enrollments', EX.listEnrollments],
    ['groups', EX.listGroups],
    ['users', EX.listUsers],
  ] as [ListName, string][])('gives the first (up to) 100 %s when no limit is given', async (resource, example) => {
    expect(await page(resource, example)).toEqual(idsOf(records(resource)).slice(0, 100));
  });
});

describe('updating, creating and cancelling courses', () => {
  const sandbox = freshSandboxForEachTest();

  it('sets the price from the string "5000" sent form encoded, answering the course as show does', async () => {
    const s = sandbox();
    const course = body(await replay(s, EX.updateCourse), courseDetailSchema);
    expect(course).toMatchObject({ id: DOC_IDS.coursePatchExample, price_cents: 5000 });
    expect(course).toEqual(body(await s.call('GET', `/api/v1/courses/${DOC_IDS.coursePatchExample}`), courseDetailSchema));
  });

  it('refuses a negative price with the documented error hash, keeping the old price', async () => {
    const s = sandbox();
    const before = body(await s.call('GET', `/api/v1/courses/${DOC_IDS.coursePatchExample}`), courseDetailSchema);
    expectErrorHash(await replay(s, EX.updateCourse, { data: '{"price_cents":"-5000"}' }), { errors: { price: ['must be greater than or equal to 0'] } });
    expect(body(await s.call('GET', `/api/v1/courses/${DOC_IDS.coursePatchExample}`), courseDetailSchema)).toEqual(before);
  });

  it('creates the course from strings "false" and "0", answering it as show does', async () => {
    const s = sandbox();
    const course = body(await replay(s, EX.createCourse), courseDetailSchema, 201);
    expect(course).toMatchObject({ name: 'Special Course', summary: 'This course teaches you the basics', purchasable: false, price_cents: 0 });
    expect(body(await s.call('GET', `/api/v1/courses/${course.id}`), courseDetailSchema)).toEqual(course);
    expect(idsOf(await listAll(s, 'courses'))).toContain(course.id);
  });

  it('refuses a second course of the same name with the documented error hash', async () => {
    const s = sandbox();
    body(await replay(s, EX.createCourse), courseDetailSchema, 201);
    expectErrorHash(await replay(s, EX.createCourse), { errors: { name: ['has already been taken'] } });
    expect((await listAll(s, 'courses')).filter((c) => c['name'] === 'Special Course')).toHaveLength(1);
  });

  it('cancels the course: 200 and {}, then 404 in show, gone from the list, its enrollments inactive', async () => {
    const s = sandbox();
    // The course has no enrollment in the demo data: give it one, as the documents enroll a student.
    const enrollment = body(await replay(s, EX.enrollExistingStudent, { json: { course_id: DOC_IDS.courseDeleteExample } }), enrollmentDetailSchema, 201);
    expect(enrollment).toMatchObject({ course_id: DOC_IDS.courseDeleteExample, active: true });

    expectEmptyOk(await replay(s, EX.cancelCourse));

    expectNotFound(await s.call('GET', `/api/v1/courses/${DOC_IDS.courseDeleteExample}`));
    expect(idsOf(await listAll(s, 'courses'))).not.toContain(DOC_IDS.courseDeleteExample);
    expect(body(await s.call('GET', `/api/v1/enrollments/${enrollment.id}`), enrollmentDetailSchema)).toMatchObject({ id: enrollment.id, active: false });
    const ofCourse = (await listAll(s, 'enrollments')).filter((e) => e['course_id'] === DOC_IDS.courseDeleteExample);
    expect(ofCourse.map((e) => [e['id'], e['active']])).toEqual([[enrollment.id, false]]);
  });
});

describe('updating and creating students', () => {
  const sandbox = freshSandboxForEachTest();

  it("changes Bob's email from a form-encoded JSON body, answering him as show does", async () => {
    const s = sandbox();
    const bob = body(await replay(s, EX.updateStudent), studentDetailSchema);
    expect(bob).toMatchObject({ ...DOC_BOB, email: 'sam@example.com', api_key: DOC_IDS.studentBobApiKey });
    expect(body(await replay(s, EX.showStudent), studentDetailSchema)).toEqual(bob);
  });

  it('refuses a blank email with the documented error hash', async () => {
    const s = sandbox();
    expectErrorHash(await replay(s, EX.updateStudent, { data: '{ "email": "" }' }), { errors: { email: ["can't be blank"] } });
    expect(body(await replay(s, EX.showStudent), studentDetailSchema).email).toBe('bob@example.com');
  });

  it('creates John Smith, answering him as show does, with a key of his own', async () => {
    const s = sandbox();
    const john = body(await replay(s, EX.createStudent), studentDetailSchema, 201);
    expect(john).toMatchObject({ given_name: 'John', family_name: 'Smith', email: 'john@example.com' });
    expect(john.api_key).not.toBe(DOC_IDS.studentBobApiKey);
    expect(body(await s.call('GET', `/api/v1/students/${john.id}`), studentDetailSchema)).toEqual(john);
  });

  it('refuses a second student with the same email with the documented error hash', async () => {
    const s = sandbox();
    body(await replay(s, EX.createStudent), studentDetailSchema, 201);
    expectErrorHash(await replay(s, EX.createStudent), { errors: { email: ['has already been taken'] } });
    expect((await listAll(s, 'students')).filter((x) => x['email'] === 'john@example.com')).toHaveLength(1);
  });
});

describe('updating, creating and cancelling enrollments', () => {
  const sandbox = freshSandboxForEachTest();
  const show = async (s: Sandbox, id: string) => body(await s.call('GET', `/api/v1/enrollments/${id}`), enrollmentDetailSchema);

  it("refuses the example's expiry date, long past, with the documented error hash", async () => {
    const s = sandbox();
    const before = await show(s, DOC_IDS.enrollmentPatchExample);
    expectErrorHash(await replay(s, EX.updateEnrollment), { errors: { expires_at: ['must be in the future'] } });
    expect(await show(s, DOC_IDS.enrollmentPatchExample)).toEqual(before);
  });

  it('takes a future expiry date sent the same way, answering the enrollment as show does', async () => {
    const s = sandbox();
    const enrollment = body(await replay(s, EX.updateEnrollment, { data: '{ "expires_at": "2099-12-01T13:58:26.354Z" }' }), enrollmentDetailSchema);
    expect(enrollment).toMatchObject({ id: DOC_IDS.enrollmentPatchExample, expires_at: '2099-12-01T13:58:26.354Z' });
    expect(await show(s, DOC_IDS.enrollmentPatchExample)).toEqual(enrollment);
  });

  it('enrolls the existing student Bob, into the group given, with the instructor given', async () => {
    const s = sandbox();
    const enrollment = body(await replay(s, EX.enrollExistingStudent), enrollmentDetailSchema, 201);
    expect(enrollment).toMatchObject({
      student_id: DOC_IDS.studentBob,
      course_id: DOC_IDS.coursePatchExample,
      instructor_id: DOC_IDS.userInstructor,
      active: true,
      completed_at: null,
    });
    expect(enrollment.student).toMatchObject(DOC_BOB);
    expect(await show(s, enrollment.id)).toEqual(enrollment);
    const group = body(await replay(s, EX.showGroup), groupDetailSchema);
    expect(idsOf(group.enrollments)).toContain(enrollment.id);
  });

  it('refuses an enrollment without course_id with the documented message and error hash', async () => {
    const s = sandbox();
    const before = (await listAll(s, 'enrollments')).length;
    expectErrorHash(await replay(s, EX.enrollExistingStudent, { json: { course_id: undefined } }), {
      message: 'Unable to save enrollment',
      errors: { course_id: ["can't be blank"] },
    });
    expect(await listAll(s, 'enrollments')).toHaveLength(before);
  });

  it('creates the student Jane with her enrollment, in the group given', async () => {
    const s = sandbox();
    const enrollment = body(await replay(s, EX.enrollNewStudent), enrollmentDetailSchema, 201);
    expect(enrollment).toMatchObject({ course_id: DOC_IDS.coursePatchExample, instructor_id: DOC_IDS.userInstructor, active: true });
    expect(enrollment.student).toMatchObject({ id: enrollment.student_id, given_name: 'Jane', family_name: 'Smith', email: 'jane@example.com', external_id: '12345', locale: 'en-US' });
    const jane = body(await s.call('GET', `/api/v1/students/${enrollment.student_id}`), studentDetailSchema);
    expect(jane).toMatchObject(enrollment.student);
    const group = body(await replay(s, EX.showGroup), groupDetailSchema);
    expect(idsOf(group.enrollments)).toContain(enrollment.id);
  });

  it('refuses a new student without student_email with the documented message and error hash', async () => {
    const s = sandbox();
    const students = (await listAll(s, 'students')).length;
    expectErrorHash(await replay(s, EX.enrollNewStudent, { json: { student_email: undefined } }), {
      message: 'Unable to save enrollment',
      errors: { student_email: ["can't be blank"] },
    });
    expect(await listAll(s, 'students')).toHaveLength(students);
  });

  it('cancels the enrollment: 200 and {}, the enrollment kept but inactive', async () => {
    const s = sandbox();
    const before = await show(s, DOC_IDS.enrollmentPatchExample);
    expect(before.active).toBe(true);
    expectEmptyOk(await replay(s, EX.cancelEnrollment));
    const after = await show(s, DOC_IDS.enrollmentPatchExample);
    expect(after).toMatchObject({ ...before, active: false, updated_at: after.updated_at });
    expect((await listAll(s, 'enrollments')).find((e) => e['id'] === DOC_IDS.enrollmentPatchExample)).toMatchObject({ active: false });
  });
});

describe('updating, creating and deleting groups', () => {
  const sandbox = freshSandboxForEachTest();

  it('renames the group from a form-encoded JSON body, answering it as show does', async () => {
    const s = sandbox();
    const group = body(await replay(s, EX.updateGroup), groupDetailSchema);
    expect(group).toMatchObject({ id: DOC_IDS.group2020, name: 'Class of 2021' });
    expect(idsOf(group.enrollments)).toContain(DOC_GROUP_ENROLLMENT.id);
    expect(body(await replay(s, EX.showGroup), groupDetailSchema)).toEqual(group);
  });

  it('refuses a blank name with the documented error hash', async () => {
    const s = sandbox();
    expectErrorHash(await replay(s, EX.updateGroup, { data: '{ "name": "" }' }), { errors: { name: ["can't be blank"] } });
    expect(body(await replay(s, EX.showGroup), groupDetailSchema).name).toBe('Class of 2020');
  });

  it('creates a group, answering it as show does', async () => {
    const s = sandbox();
    const group = body(await replay(s, EX.createGroup), groupDetailSchema, 201);
    expect(group).toMatchObject({ name: 'Class of 2020', enrollments: [] });
    expect(group.id).not.toBe(DOC_IDS.group2020);
    expect(body(await s.call('GET', `/api/v1/groups/${group.id}`), groupDetailSchema)).toEqual(group);
    expect(await listAll(s, 'groups')).toContainEqual({ id: group.id, name: 'Class of 2020' });
  });

  it('refuses a group without a name with the documented error hash', async () => {
    const s = sandbox();
    const before = await listAll(s, 'groups');
    expectErrorHash(await replay(s, EX.createGroup, { json: { name: undefined } }), { errors: { name: ["can't be blank"] } });
    expect(await listAll(s, 'groups')).toEqual(before);
  });

  it('deletes the group: 200 and {}, then 404 in show, gone from the list, its enrollments untouched', async () => {
    const s = sandbox();
    const enrollment = body(await s.call('GET', `/api/v1/enrollments/${DOC_GROUP_ENROLLMENT.id}`), enrollmentDetailSchema);
    expectEmptyOk(await replay(s, EX.deleteGroup));
    expectNotFound(await replay(s, EX.showGroup));
    expect(idsOf(await listAll(s, 'groups'))).not.toContain(DOC_IDS.group2020);
    expect(body(await s.call('GET', `/api/v1/enrollments/${DOC_GROUP_ENROLLMENT.id}`), enrollmentDetailSchema)).toEqual(enrollment);
  });
});

describe('updating, creating and deleting users', () => {
  const sandbox = freshSandboxForEachTest();

  it("changes Sam's given name from a form-encoded JSON body, answering him as show does", async () => {
    const s = sandbox();
    const sam = body(await replay(s, EX.updateUser), userSchema);
    expect(sam).toEqual({ ...DOC_SAM, given_name: 'Samuel' });
    expect(body(await replay(s, EX.showUser), userSchema)).toEqual(sam);
  });

  it('refuses a blank given name with the documented error hash', async () => {
    const s = sandbox();
    expectErrorHash(await replay(s, EX.updateUser, { data: '{ "given_name": "" }' }), { errors: { given_name: ["can't be blank"] } });
    expect(body(await replay(s, EX.showUser), userSchema)).toEqual(DOC_SAM);
  });

  // The example creates a second "sam@example.com", the email of the documented user Sam Smith:
  // as written it is the documents' own "same email as someone else" case.
  it('refuses the example as written, Sam Smith already being a user, as an email already taken', async () => {
    const s = sandbox();
    expectErrorHash(await replay(s, EX.createUser), { errors: { email: ['has already been taken'] } });
  });

  it('creates the user of the example under an email no one has, answering as show does', async () => {
    const s = sandbox();
    const user = body(await replay(s, EX.createUser, { json: { email: 'sam.smith@example.com' } }), userSchema, 201);
    expect(user).toEqual({ ...DOC_SAM, id: user.id, email: 'sam.smith@example.com' });
    expect(user.id).not.toBe(DOC_IDS.userSam);
    expect(body(await s.call('GET', `/api/v1/users/${user.id}`), userSchema)).toEqual(user);
  });

  it('refuses a user without an email with the documented error hash', async () => {
    const s = sandbox();
    expectErrorHash(await replay(s, EX.createUser, { json: { email: undefined } }), { errors: { email: ["can't be blank"] } });
  });

  it('removes the user: 200 and {}, then 404 in show and gone from the list', async () => {
    const s = sandbox();
    body(await s.call('GET', `/api/v1/users/${DOC_IDS.userDeleteExample}`), userSchema);
    expectEmptyOk(await replay(s, EX.deleteUser));
    expectNotFound(await s.call('GET', `/api/v1/users/${DOC_IDS.userDeleteExample}`));
    expect(idsOf(await listAll(s, 'users'))).not.toContain(DOC_IDS.userDeleteExample);
  });
});

describe('submitting answers', () => {
  const sandbox = freshSandboxForEachTest();

  /** The section steps of the "Answering with the Enlight API" checksheet, by step type, as Bob sees them. */
  async function answeringSteps(s: Sandbox): Promise<Map<string, string[]>> {
    const enrollment = body(await s.call('GET', `/api/v1/enrollments/${DOC_IDS.enrollmentAnswerOther}`), enrollmentDetailSchema);
    const sheet = body(await s.call('GET', `/api/v1/checksheets/${String(enrollment.checksheet_id)}`, { key: DOC_IDS.studentBobApiKey }), studentChecksheetDetailSchema);
    const byType = new Map<string, string[]>();
    for (const sectionStep of sheet.sections.flatMap((x) => x.section_steps)) {
      const key = sectionStep.step.type === 'Steps::MultipleChoice' ? `${sectionStep.step.type}/${String(sectionStep.step.data.selection_type)}` : sectionStep.step.type;
      byType.set(key, [...(byType.get(key) ?? []), sectionStep.id]);
    }
    return byType;
  }

  async function stepOf(s: Sandbox, type: string): Promise<string> {
    const id = (await answeringSteps(s)).get(type)?.[0];
    if (!id) throw new Error(`the answering checksheet has no ${type} step`);
    return id;
  }

  /** One of the answer examples, aimed at another section step (and enrollment) with another answer. */
  function answerTo(s: Sandbox, example: string, sectionStepId: string, rest: Json = {}): Promise<RawResponse> {
    return replay(s, example, { json: { section_step_id: sectionStepId, ...rest } });
  }

  async function shownAnswer(s: Sandbox, enrollmentId: string, sectionStepId: string) {
    const res = await replay(s, EX.showAnswer, { data: JSON.stringify({ enrollment_id: enrollmentId, section_step_id: sectionStepId }) });
    return body(res, answerSchema);
  }

  function expectAnswer(res: RawResponse, state: 'passed' | 'submitted', enrollmentId: string, sectionStepId: string) {
    const answer = body(res, answerSchema);
    expect(answer).toMatchObject({ state, enrollment_id: enrollmentId, section_step_id: sectionStepId });
    if (state === 'passed') expect(answer.pass_at).not.toBeNull();
    return answer;
  }

  /** The 400 Bad Request the documents give an automatically marked answer that is not correct. */
  function expectMarkedWrong(res: RawResponse): void {
    expectStatus(res, 400);
    expect(errorHashSchema.parse(res.json).errors['content']?.length, res.text).toBeGreaterThan(0);
  }

  describe('the examples as written', () => {
    it('passes the single multiple choice answer "Choice 2" with 200', async () => {
      const s = sandbox();
      const answer = expectAnswer(await replay(s, EX.answerSingleChoice), 'passed', DOC_IDS.enrollmentAnswerChoice, DOC_IDS.sectionStepChoice);
      expect(await shownAnswer(s, DOC_IDS.enrollmentAnswerChoice, DOC_IDS.sectionStepChoice)).toEqual(answer);
    });

    it('passes the sequence "Item 2 then Item 1" with 200', async () => {
      const s = sandbox();
      const answer = expectAnswer(await replay(s, EX.answerSequence), 'passed', DOC_IDS.enrollmentAnswerOther, DOC_IDS.sectionStepSequence);
      expect(await shownAnswer(s, DOC_IDS.enrollmentAnswerOther, DOC_IDS.sectionStepSequence)).toEqual(answer);
    });

    // The next three reuse a section step id of another type (see the step types test below).
    it('marks the multi choice example wrong with 400: its step allows a single choice', async () => {
      expectMarkedWrong(await replay(sandbox(), EX.answerMultiChoice));
    });

    it('marks the question example wrong with 400: its step is the sequence step', async () => {
      expectMarkedWrong(await replay(sandbox(), EX.answerQuestion));
    });

    it('refuses the reference example with 400: its step is the sequence step, which needs an answer', async () => {
      expectMarkedWrong(await replay(sandbox(), EX.answerReference));
    });

    it('names steps of other types than the examples claim, hence the extra steps used below', async () => {
      const steps = await answeringSteps(sandbox());
      expect(steps.get('Steps::MultipleChoice/single')).toContain(DOC_IDS.sectionStepChoice);
      expect(steps.get('Steps::SequenceItems')).toEqual([DOC_IDS.sectionStepSequence]);
      expect(steps.get('Steps::Question')).toEqual([DOC_IDS.sectionStepAnswerShown]);
    });
  });

  describe('one step of each family, on the "Answering with the Enlight API" checksheet', () => {
    it('passes a multi multiple choice with "Choice 1" and "Choice 2" with 200', async () => {
      const s = sandbox();
      const step = await stepOf(s, 'Steps::MultipleChoice/multiple');
      expectAnswer(await answerTo(s, EX.answerMultiChoice, step), 'passed', DOC_IDS.enrollmentAnswerChoice, step);
    });

    it('answers a wrong choice with 400, leaving an answer not passed, which a right one then passes', async () => {
      const s = sandbox();
      expectMarkedWrong(await replay(s, EX.answerSingleChoice, { json: { answer: { content: 'Choice 1' } } }));
      expect((await shownAnswer(s, DOC_IDS.enrollmentAnswerChoice, DOC_IDS.sectionStepChoice)).state).not.toBe('passed');
      expectAnswer(await replay(s, EX.answerSingleChoice), 'passed', DOC_IDS.enrollmentAnswerChoice, DOC_IDS.sectionStepChoice);
    });

    it('answers a sequence in the wrong order with 400, leaving it not passed', async () => {
      const s = sandbox();
      expectMarkedWrong(await replay(s, EX.answerSequence, { json: { answer: { content: ['Item 1', 'Item 2'] } } }));
      expect((await shownAnswer(s, DOC_IDS.enrollmentAnswerOther, DOC_IDS.sectionStepSequence)).state).not.toBe('passed');
    });

    it.each(['Steps::Question', 'Steps::UnformattedQuestion'])('takes "This is my answer" to a %s step with 200, submitted for marking later', async (type) => {
      const s = sandbox();
      const step = await stepOf(s, type);
      const answer = expectAnswer(await answerTo(s, EX.answerQuestion, step), 'submitted', DOC_IDS.enrollmentAnswerOther, step);
      expect(await shownAnswer(s, DOC_IDS.enrollmentAnswerOther, step)).toEqual(answer);
    });

    it.each(['Steps::Reference', 'Steps::Information'])('passes a %s step with 200 on a request without content', async (type) => {
      const s = sandbox();
      const step = await stepOf(s, type);
      const answer = expectAnswer(await answerTo(s, EX.answerReference, step), 'passed', DOC_IDS.enrollmentAnswerOther, step);
      expect(await shownAnswer(s, DOC_IDS.enrollmentAnswerOther, step)).toEqual(answer);
    });

    it.each([
      ['Steps::Note', '"No API support for submitting answers to these Step types yet"'],
      ['Steps::Assignment', '"Other step types not supported yet"'],
    ])('refuses an answer to a %s step with a clear 4xx error (%s)', async (type) => {
      const s = sandbox();
      const step = await stepOf(s, type);
      const res = await answerTo(s, EX.answerQuestion, step);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const messages = Object.values(errorHashSchema.parse(res.json).errors).flat().join(' ');
      expect(messages).toMatch(/API/);
      expect(messages).toContain(type);
      const shown = await replay(s, EX.showAnswer, { data: JSON.stringify({ enrollment_id: DOC_IDS.enrollmentAnswerOther, section_step_id: step }) });
      expectNotFound(shown);
    });
  });

  it('answers a GET for a step not yet answered with 404', async () => {
    const s = sandbox();
    const step = await stepOf(s, 'Steps::Information');
    expectNotFound(await replay(s, EX.showAnswer, { data: JSON.stringify({ enrollment_id: DOC_IDS.enrollmentAnswerOther, section_step_id: step }) }));
  });
});
