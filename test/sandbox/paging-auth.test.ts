// Paging on every list, keys and schemes, organisations kept apart, and what a student's key may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_IDS } from '../../src/sandbox/seed/demo';
import type { ListedResource } from '../../src/sandbox/store';
import { openSandbox, type RawResponse } from '../support/sandboxClient';

type Json = Record<string, unknown>;

let s: Awaited<ReturnType<typeof openSandbox>>;
beforeAll(async () => {
  s = await openSandbox();
});
afterAll(() => s.close());

function expectErrorHash(res: RawResponse, status: number, errors: Record<string, string[]>): void {
  expect({ status: res.status, body: res.json }).toEqual({ status, body: { errors } });
}

function rows(res: RawResponse): Json[] {
  expect(res.status, res.text).toBe(200);
  expect(Array.isArray(res.json)).toBe(true);
  return res.json as Json[];
}

const ids = (res: RawResponse) => rows(res).map((r) => r['id'] as string);

function acme() {
  const org = s.sandbox.orgs.find((o) => o.subdomain === 'acme');
  if (!org) throw new Error('the sandbox seeds an acme organisation');
  return { ...org, host: `acme.localhost:${s.sandbox.port}` };
}

const LISTS: ListedResource[] = ['courses', 'checksheets', 'students', 'enrollments', 'groups', 'users'];

describe('paging', () => {
  // Every list gets more than one full page, so that the default of 100 shows on each.
  beforeAll(async () => {
    const orgId = s.sandbox.org.id;
    const topUp = async (resource: ListedResource, create: (n: number) => Json) => {
      for (let n = s.sandbox.store.count(resource, orgId); n <= 100; n++) {
        const res = await s.call('POST', `/api/v1/${resource}`, { body: create(n) });
        expect(res.status, res.text).toBe(201);
      }
    };
    // Each new course brings its own checksheet.
    await topUp('courses', (n) => ({ name: `Paging course ${n}`, summary: 's', marketing_copy_html: '<p>m</p>', completion_information_html: '<p>c</p>' }));
    await topUp('groups', (n) => ({ name: `Paging group ${n}` }));
    await topUp('users', (n) => ({ given_name: 'Page', family_name: `Number ${n}`, email: `paging.${n}@example.com`, role: 'instructor' }));
  });

  const count = (list: ListedResource) => s.sandbox.store.count(list, s.sandbox.org.id);
  const list = (resource: ListedResource, query = '') => s.call('GET', `/api/v1/${resource}${query}`);

  describe.each(LISTS)('of %s', (resource) => {
    it('holds more than one full page for these tests', () => {
      expect(count(resource)).toBeGreaterThan(100);
    });

    it('gives the first 100 records when no limit is given', async () => {
      const all = await list(resource);
      expect(rows(all)).toHaveLength(100);
      expect(ids(all)).toEqual(ids(await list(resource, '?limit=100&offset=0')));
    });

    it('gives one record for limit=1', async () => {
      const one = ids(await list(resource, '?limit=1'));
      expect(one).toEqual(ids(await list(resource)).slice(0, 1));
    });

    it('gives 100 records for limit=100', async () => {
      expect(rows(await list(resource, '?limit=100'))).toHaveLength(100);
    });

    it.each(['0', '101', '-1', 'abc', '1.5', '', '1e2', '99999999999999999999'])('refuses limit=%s, naming limit', async (limit) => {
      expectErrorHash(await list(resource, `?limit=${limit}`), 400, { limit: ['must be an integer between 1 and 100'] });
    });

    it.each(['-1', 'x', '1.5', '99999999999999999999'])('refuses offset=%s, naming offset', async (offset) => {
      expectErrorHash(await list(resource, `?offset=${offset}`), 400, { offset: ['must be an integer greater than or equal to 0'] });
    });

    it('gives the last record for an offset one before the end', async () => {
      expect(rows(await list(resource, `?offset=${count(resource) - 1}`))).toHaveLength(1);
    });

    it('gives an empty list for an offset at the end', async () => {
      expect(rows(await list(resource, `?offset=${count(resource)}`))).toEqual([]);
    });

    it('gives an empty list for an offset far past the end', async () => {
      expect(rows(await list(resource, `?offset=${Number.MAX_SAFE_INTEGER}`))).toEqual([]);
    });

    it('serves page=1 as offset 0', async () => {
      expect(ids(await list(resource, '?page=1&limit=10'))).toEqual(ids(await list(resource, '?offset=0&limit=10')));
    });

    it('serves page=2 as the records after the first page', async () => {
      expect(ids(await list(resource, '?page=2&limit=10'))).toEqual(ids(await list(resource, '?offset=10&limit=10')));
    });

    it('serves page=2 after the default 100 records', async () => {
      expect(ids(await list(resource, '?page=2'))).toEqual(ids(await list(resource, '?offset=100')));
    });

    it.each(['0', '-1', 'two'])('refuses page=%s, naming page', async (page) => {
      expectErrorHash(await list(resource, `?page=${page}`), 400, { page: ['must be an integer greater than or equal to 1'] });
    });

    it('refuses page together with offset', async () => {
      expectErrorHash(await list(resource, '?page=2&offset=10'), 400, { page: ['cannot be combined with offset'] });
    });

    it('names both a bad limit and a bad offset at once', async () => {
      expectErrorHash(await list(resource, '?limit=0&offset=-1'), 400, {
        limit: ['must be an integer between 1 and 100'],
        offset: ['must be an integer greater than or equal to 0'],
      });
    });

    it('visits every record exactly once when paging to the end', async () => {
      const seen: string[] = [];
      for (let offset = 0; ; offset += 37) {
        const page = ids(await list(resource, `?limit=37&offset=${offset}`));
        seen.push(...page);
        if (page.length < 37) break;
      }
      expect(seen).toHaveLength(count(resource));
      expect(new Set(seen).size).toBe(seen.length);
    });
  });
});

describe('record ids', () => {
  it('find the same record whatever the case of the UUID, as Postgres does', async () => {
    const res = await s.call('GET', `/api/v1/courses/${DOC_IDS.courseHowTo.toUpperCase()}`);
    expect(res.status, res.text).toBe(200);
    expect((res.json as Json)['id']).toBe(DOC_IDS.courseHowTo);
  });
});

describe('authentication', () => {
  const MISSING = { base: ['Missing API key: send "Authorization: Bearer YOUR_API_KEY"'] };
  const INVALID = { base: ['Invalid API key'] };

  it('refuses a request without an Authorization header', async () => {
    expectErrorHash(await s.call('GET', '/api/v1/courses', { key: null }), 401, MISSING);
  });

  it('refuses the authenticate check without an Authorization header', async () => {
    expectErrorHash(await s.call('GET', '/api/authenticate', { key: null }), 401, MISSING);
  });

  it('refuses a key that belongs to no one', async () => {
    expectErrorHash(await s.call('GET', '/api/v1/courses', { key: '3824ac01-83ed-1aef-b124-48380def5e7f' }), 401, INVALID);
  });

  it('refuses "Bearer" with no key after it', async () => {
    expectErrorHash(await s.call('GET', '/api/v1/courses', { key: null, headers: { Authorization: 'Bearer' } }), 401, INVALID);
  });

  it('refuses the key sent without the Bearer scheme', async () => {
    expectErrorHash(await s.call('GET', '/api/v1/courses', { key: null, headers: { Authorization: s.owner } }), 401, INVALID);
  });

  it('refuses the key sent with the Basic scheme', async () => {
    const basic = `Basic ${Buffer.from(`${s.owner}:`).toString('base64')}`;
    expectErrorHash(await s.call('GET', '/api/v1/courses', { key: null, headers: { Authorization: basic } }), 401, INVALID);
  });

  it('refuses a key with something after it', async () => {
    expectErrorHash(await s.call('GET', '/api/v1/courses', { key: null, headers: { Authorization: `Bearer ${s.owner} extra` } }), 401, INVALID);
  });

  it('accepts the Bearer scheme in any letter case', async () => {
    expect((await s.call('GET', '/api/authenticate', { key: null, headers: { Authorization: `bearer ${s.owner}` } })).status).toBe(200);
  });

  it('answers HEAD of the authenticate check without a key with 401 and no body', async () => {
    const res = await s.call('HEAD', '/api/authenticate', { key: null });
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
  });

  it('answers HEAD of the authenticate check with a good key with 200 and no body, as the documents show', async () => {
    const res = await s.call('HEAD', '/api/authenticate');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});

describe('organisations', () => {
  it("refuses the acme owner's key at the default organisation", async () => {
    expectErrorHash(await s.call('GET', '/api/v1/courses', { key: acme().ownerApiKey }), 401, { base: ['Invalid API key'] });
  });

  it("refuses the default owner's key at acme", async () => {
    expectErrorHash(await s.call('GET', '/api/v1/courses', { host: acme().host }), 401, { base: ['Invalid API key'] });
  });

  it.each(['courses', 'students', 'enrollments', 'groups', 'users', 'checksheets'] as const)("serves acme's own %s at acme's subdomain", async (resource) => {
    const res = await s.call('GET', `/api/v1/${resource}`, { key: acme().ownerApiKey, host: acme().host });
    expect(ids(res)).toHaveLength(Math.min(100, s.sandbox.store.count(resource, acme().id)));
    expect(ids(res).length).toBeGreaterThan(0);
  });

  it.each(['courses', 'students', 'enrollments', 'groups', 'users', 'checksheets'] as const)("serves none of example's %s at acme's subdomain", async (resource) => {
    const acmeIds = ids(await s.call('GET', `/api/v1/${resource}`, { key: acme().ownerApiKey, host: acme().host }));
    const exampleIds = new Set(ids(await s.call('GET', `/api/v1/${resource}`)));
    expect(acmeIds.filter((id) => exampleIds.has(id))).toEqual([]);
  });

  it('serves the default organisation at its own subdomain', async () => {
    const res = await s.call('GET', `/api/v1/courses/${DOC_IDS.courseHowTo}`, { host: `example.localhost:${s.sandbox.port}` });
    expect(res.status).toBe(200);
  });

  it('answers 404 for a subdomain no organisation has', async () => {
    const res = await s.call('GET', '/api/v1/courses', { host: `nowhere.localhost:${s.sandbox.port}` });
    expectErrorHash(res, 404, { base: ['No organisation is served at nowhere.localhost'] });
  });

  it('answers 404 for an example course asked for at acme', async () => {
    const res = await s.call('GET', `/api/v1/courses/${DOC_IDS.courseHowTo}`, { key: acme().ownerApiKey, host: acme().host });
    expectErrorHash(res, 404, { base: ['Course not found'] });
  });

  it('answers 404 for an acme student asked for at the default organisation', async () => {
    const [acmeStudent] = ids(await s.call('GET', '/api/v1/students?limit=1', { key: acme().ownerApiKey, host: acme().host }));
    expectErrorHash(await s.call('GET', `/api/v1/students/${acmeStudent}`), 404, { base: ['Student not found'] });
  });

  it('cannot change a record of the other organisation', async () => {
    const [acmeGroup] = ids(await s.call('GET', '/api/v1/groups?limit=1', { key: acme().ownerApiKey, host: acme().host }));
    expectErrorHash(await s.call('PATCH', `/api/v1/groups/${acmeGroup}`, { body: { name: 'Taken over' } }), 404, { base: ['Group not found'] });
  });
});

describe("a student's key", () => {
  const bob = DOC_IDS.studentBobApiKey;
  const FORBIDDEN = { base: ["A student's API key can't be used for this request"] };

  it('passes the authenticate check', async () => {
    expect((await s.call('GET', '/api/authenticate', { key: bob })).status).toBe(200);
  });

  it.each([
    ['GET', '/api/v1/courses'],
    ['GET', '/api/v1/checksheets'],
    ['GET', '/api/v1/students'],
    ['GET', '/api/v1/enrollments'],
    ['GET', '/api/v1/groups'],
    ['GET', '/api/v1/users'],
    ['GET', `/api/v1/courses/${DOC_IDS.courseOfBobsEnrollment}`],
    ['GET', `/api/v1/students/${DOC_IDS.studentBob}`],
    ['GET', `/api/v1/enrollments/${DOC_IDS.enrollmentBob}`],
    ['GET', `/api/v1/users/${DOC_IDS.userSam}`],
    ['PATCH', `/api/v1/students/${DOC_IDS.studentBob}`],
    ['PATCH', `/api/v1/enrollments/${DOC_IDS.enrollmentBob}`],
    ['POST', '/api/v1/enrollments'],
    ['DELETE', `/api/v1/groups/${DOC_IDS.group2020}`],
  ])('is refused for %s %s', async (method, path) => {
    const body = method === 'GET' || method === 'DELETE' ? undefined : { given_name: 'Robert' };
    expectErrorHash(await s.call(method, path, { key: bob, body }), 403, FORBIDDEN);
  });

  it('changes nothing when refused a PATCH', async () => {
    await s.call('PATCH', `/api/v1/students/${DOC_IDS.studentBob}`, { key: bob, body: { given_name: 'Robert' } });
    expect(s.sandbox.store.student(s.sandbox.org.id, DOC_IDS.studentBob)?.given_name).toBe('Bob');
  });

  it('can no longer read a checksheet once his enrollment in its course is cancelled', async () => {
    const own = await openSandbox();
    try {
      const path = `/api/v1/checksheets/${DOC_IDS.checksheetV2}`;
      expect((await own.call('GET', path, { key: bob })).status).toBe(200);
      expect((await own.call('DELETE', `/api/v1/enrollments/${DOC_IDS.enrollmentPatchExample}`)).status).toBe(200);
      expect((await own.call('GET', path, { key: bob })).status).toBe(404);
    } finally {
      await own.close();
    }
  });

  describe('reading the checksheet of a course he is enrolled in', () => {
    const path = `/api/v1/checksheets/${DOC_IDS.checksheetV2}`;
    type StudentSectionStep = { id: string; step: { data: { choices?: Json[] } } & Json } & Json;
    const studentSteps = async () => {
      const res = await s.call('GET', path, { key: bob });
      expect(res.status, res.text).toBe(200);
      const sheet = res.json as { sections: { section_steps: StudentSectionStep[] }[] };
      return sheet.sections.flatMap((section) => section.section_steps);
    };
    const quizChoices = async () => {
      const quiz = (await studentSteps()).find((ss) => ss.id === DOC_IDS.quizSectionStep);
      return (quiz?.step.data.choices ?? []).map((c) => c['name'] as string);
    };

    it('wraps each step in its section step', async () => {
      const [first] = await studentSteps();
      expect(Object.keys(first ?? {}).sort()).toEqual(['id', 'list_source_step', 'possible_reference_section_step_ids', 'step']);
      expect(first).toMatchObject({
        id: DOC_IDS.quizSectionStep,
        list_source_step: null,
        possible_reference_section_step_ids: [...DOC_IDS.referenceSectionSteps],
        step: { id: DOC_IDS.quizStep, type: 'Steps::MultipleChoice' },
      });
    });

    it('does not say which choice is correct', async () => {
      const choices = (await studentSteps()).flatMap((ss) => ss.step.data.choices ?? []);
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.filter((c) => 'correct' in c)).toEqual([]);
    });

    it.each(['suggested_response', 'answer_html', 'cloned_from_step_id', 'archived_at', 'reject_duplicate_attempts'])(
      'leaves out %s from every step',
      async (field) => {
        const steps = (await studentSteps()).map((ss) => ss.step);
        expect(steps.filter((step) => field in step)).toEqual([]);
      },
    );

    it('keeps the same choices, whatever their order', async () => {
      expect(new Set(await quizChoices())).toEqual(new Set(['Answer A.', 'Answer B.', 'Answer C.']));
    });

    it('shuffles the choices of a step without persist_order', async () => {
      // Each fetch is one of 6 orders; 30 fetches all alike happen with probability (1/6)^29.
      const orders = new Set<string>();
      for (let i = 0; i < 30; i++) {
        const names = await quizChoices();
        expect([...names].sort()).toEqual(['Answer A.', 'Answer B.', 'Answer C.']);
        orders.add(names.join('|'));
      }
      expect(orders.size).toBeGreaterThanOrEqual(2);
    });
  });

  it('keeps the stored order of the choices of a step with persist_order', async () => {
    const res = await s.call('GET', '/api/v1/checksheets/f0e1d2c3-b4a5-4968-8776-655443322110', { key: bob });
    const sheet = res.json as { sections: { section_steps: { id: string; step: { data: { choices?: Json[] } } }[] }[] };
    const kept = sheet.sections.flatMap((x) => x.section_steps).find((ss) => ss.id === '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5');
    expect(kept?.step.data.choices).toEqual([{ name: 'Choice 1' }, { name: 'Choice 2' }, { name: 'Choice 3' }]);
  });

  it('answers 404 for the checksheet of a course he is not enrolled in', async () => {
    const res = await s.call('GET', `/api/v1/checksheets/${DOC_IDS.checksheetOfGroupEnrollment}`, { key: bob });
    expectErrorHash(res, 404, { base: ['Checksheet not found'] });
  });

  it('reads a library item of his course with fewer fields than a user sees', async () => {
    const asStudent = await s.call('GET', `/api/v1/library_items/${DOC_IDS.libraryItem}`, { key: bob });
    const asUser = await s.call('GET', `/api/v1/library_items/${DOC_IDS.libraryItem}`);
    expect(asStudent.status).toBe(200);
    const studentKeys = Object.keys(asStudent.json as Json);
    const userKeys = Object.keys(asUser.json as Json);
    expect(studentKeys.every((k) => userKeys.includes(k))).toBe(true);
    expect(studentKeys.length).toBeLessThan(userKeys.length);
    expect(asStudent.json).toMatchObject({ id: DOC_IDS.libraryItem, title: 'Example' });
  });

  it.each(['public_access_key', 'visibility', 'asset_file_data'])("does not see the library item's %s", async (field) => {
    const res = await s.call('GET', `/api/v1/library_items/${DOC_IDS.libraryItem}`, { key: bob });
    expect(Object.keys(res.json as Json)).not.toContain(field);
  });
});

describe("a user's key reading a checksheet", () => {
  it('gets the admin shape: the steps themselves, with the correct answer and marking notes', async () => {
    const res = await s.call('GET', `/api/v1/checksheets/${DOC_IDS.checksheetV2}`);
    const sheet = res.json as { sections: { section_steps: Json[] }[] };
    const [quiz] = sheet.sections[0]?.section_steps ?? [];
    expect(quiz).toMatchObject({
      id: DOC_IDS.quizStep,
      suggested_response: 'Thank you for your answer',
      cloned_from_step_id: DOC_IDS.clonedFromStep,
      reject_duplicate_attempts: false,
      data: { choices: [{ name: 'Answer A.', correct: '1' }, { name: 'Answer B.' }, { name: 'Answer C.' }], persist_order: false },
    });
  });
});
