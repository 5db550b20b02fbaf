// What each of the sandbox's start options does to the API a client sees: rate limits, chaos,
// latency, a database file that survives restarts, the seed and scale, a fixed key, and the clock.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseChaos } from '../../src/sandbox/chaos';
import { RateLimiter } from '../../src/sandbox/rateLimit';
import { DOC_IDS } from '../../src/sandbox/seed/demo';
import type { SandboxOptions } from '../../src/sandbox/server';
import type { ListedResource } from '../../src/sandbox/store';
import { openSandbox, type RawResponse } from '../support/sandboxClient';

type Json = Record<string, unknown>;
type Opened = Awaited<ReturnType<typeof openSandbox>>;

/** Opens a sandbox for one describe block and closes it after. */
function sandboxFor(options: SandboxOptions): () => Opened {
  let s: Opened | undefined;
  beforeAll(async () => {
    s = await openSandbox({ scale: 20, ...options });
  });
  afterAll(() => s?.close());
  return () => {
    if (!s) throw new Error('the sandbox is opened in beforeAll');
    return s;
  };
}

function json(res: RawResponse, status: number): Json {
  expect(res.status, res.text).toBe(status);
  return res.json as Json;
}

function expectBaseError(res: RawResponse, status: number, message: RegExp): void {
  expect(res.status, res.text).toBe(status);
  const body = res.json as { errors?: { base?: string[] } };
  expect(body.errors?.base?.[0]).toMatch(message);
}

/** The status of a request, or 'dropped' when the connection closed with no answer at all. */
async function outcome(request: Promise<RawResponse>): Promise<number | 'dropped'> {
  try {
    return (await request).status;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    expect(`${e.code ?? ''} ${e.message}`).toMatch(/ECONNRESET|socket hang up|EPIPE/);
    return 'dropped';
  }
}

const newStudent = () => ({ given_name: 'Chaos', family_name: 'Monkey', email: `chaos.${randomUUID().slice(0, 8)}@example.com` });

describe('rateLimit', () => {
  const s = sandboxFor({ rateLimit: 5 });

  it('answers the 6th rapid request of a key with 429, Retry-After in whole seconds and an error hash; another key goes on', async () => {
    const statuses: number[] = [];
    let last: RawResponse | undefined;
    for (let i = 0; i < 6; i++) {
      last = await s().call('GET', '/api/v1/courses?limit=1');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    if (!last) throw new Error('six requests were made');
    expect(String(last.headers['retry-after'])).toMatch(/^[1-9]\d*$/);
    expectBaseError(last, 429, /rate limit/i);
    // Bob's key has its own allowance.
    expect((await s().call('GET', '/api/authenticate', { key: DOC_IDS.studentBobApiKey })).status).toBe(200);
    expect((await s().call('GET', `/api/v1/checksheets/${DOC_IDS.checksheetV2}`, { key: DOC_IDS.studentBobApiKey })).status).toBe(200);
  });

  it('refills a key\'s allowance at the set rate (the limiter on a clock of its own)', () => {
    let now = 0;
    const limiter = new RateLimiter(5, () => now);
    for (let i = 0; i < 5; i++) expect(limiter.take('owner').allowed).toBe(true);
    expect(limiter.take('owner')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('other').allowed).toBe(true);
    now += 200; // one fifth of a second: one request's worth
    expect(limiter.take('owner').allowed).toBe(true);
    expect(limiter.take('owner').allowed).toBe(false);
    const slow = new RateLimiter(1, () => now);
    expect(slow.take('k').allowed).toBe(true);
    now += 100;
    // 0.9 s still to wait is said as a whole second.
    expect(slow.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe('chaos', () => {
  describe('error=1', () => {
    const s = sandboxFor({ chaos: 'error=1,seed=1' });

    it('answers every request with 500 and an error hash', async () => {
      for (const path of ['/api/v1/courses', '/api/v1/students?limit=5', `/api/v1/courses/${DOC_IDS.courseHowTo}`]) {
        expectBaseError(await s().call('GET', path), 500, /Internal server error/);
      }
    });

    it('strikes some POSTs after the record was created, so a failed write may have happened', async () => {
      const emails: string[] = [];
      for (let i = 0; i < 20; i++) {
        const body = newStudent();
        emails.push(body.email);
        expect((await s().call('POST', '/api/v1/students', { body })).status).toBe(500);
      }
      const created = emails.filter((email) => s().sandbox.store.studentIdByEmail(s().sandbox.org.id, email) !== undefined);
      expect(created.length).toBeGreaterThan(0);
      expect(created.length).toBeLessThan(emails.length);
    });
  });

  describe('drop=1', () => {
    const s = sandboxFor({ chaos: 'drop=1,seed=1' });

    it('closes the connection with no answer at all', async () => {
      await expect(s().call('GET', '/api/v1/courses')).rejects.toThrow(/ECONNRESET|socket hang up/);
    });

    it('drops some POSTs after the record was created', async () => {
      const emails: string[] = [];
      for (let i = 0; i < 20; i++) {
        const body = newStudent();
        emails.push(body.email);
        expect(await outcome(s().call('POST', '/api/v1/students', { body }))).toBe('dropped');
      }
      const created = emails.filter((email) => s().sandbox.store.studentIdByEmail(s().sandbox.org.id, email) !== undefined);
      expect(created.length).toBeGreaterThan(0);
      expect(created.length).toBeLessThan(emails.length);
    });
  });

  describe('throttle=1', () => {
    const s = sandboxFor({ chaos: 'throttle=1,seed=1' });

    it('answers 429 with Retry-After and an error hash', async () => {
      const res = await s().call('GET', '/api/v1/courses');
      expectBaseError(res, 429, /rate limit/i);
      expect(String(res.headers['retry-after'])).toMatch(/^[1-9]\d*$/);
    });
  });

  describe('drift=1', () => {
    const s = sandboxFor({ chaos: 'drift=1,seed=3' });
    const count = (resource: ListedResource) => s().sandbox.store.count(resource, s().sandbox.org.id);
    const ids = async (path: string) => (json(await s().call('GET', path), 200) as unknown as Json[]).map((r) => r['id'] as string);

    it('creates one record and deletes one before each page: the count holds, the ids move', async () => {
      const total = count('students');
      expect(total).toBeLessThan(100); // one page holds the whole list
      const first = await ids('/api/v1/students');
      expect(count('students')).toBe(total);
      const second = await ids('/api/v1/students');
      expect(count('students')).toBe(total);
      expect(first).toHaveLength(total);
      expect(second).toHaveLength(total);
      const gone = first.filter((id) => !second.includes(id));
      const added = second.filter((id) => !first.includes(id));
      expect(gone).toHaveLength(1);
      expect(added).toHaveLength(1);
      // Lists are in creation order: the new record is last.
      expect(second.at(-1)).toBe(added[0]);
    });

    it('shifts records between pages while a client pages through', async () => {
      const total = count('courses');
      const pages: string[][] = [];
      for (let offset = 0; offset < total; offset += 5) pages.push(await ids(`/api/v1/courses?limit=5&offset=${offset}`));
      expect(count('courses')).toBe(total);
      const seen = new Set(pages.flat());
      const current = new Set(s().sandbox.store.list<{ id: string }>('courses', s().sandbox.org.id, 100, 0).map((c) => c.id));
      // What the client collected is not what the organisation now holds.
      expect([...current].some((id) => !seen.has(id)) || [...seen].some((id) => !current.has(id))).toBe(true);
    });

    it('leaves requests that are not lists alone', async () => {
      const total = count('students');
      expect((await s().call('GET', `/api/v1/students/${DOC_IDS.studentOfGroupEnrollment}`)).status).toBeLessThan(500);
      json(await s().call('GET', `/api/v1/courses/${DOC_IDS.courseHowTo}`), 200);
      expect(count('students')).toBe(total);
    });
  });

  describe('drift=1, with many pages within one millisecond', () => {
    const s = sandboxFor({ chaos: 'drift=1,seed=5' });

    it('keeps adding people whose emails clash with no earlier one', async () => {
      // However fast the pages come (here the clock stands still for all of them), the students and
      // users "another admin" adds must each get an email of their own.
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00.000Z') });
      try {
        const statuses = new Set<number>();
        for (let i = 0; i < 300; i++) statuses.add((await s().call('GET', i % 2 ? '/api/v1/students?limit=1' : '/api/v1/users?limit=1')).status);
        expect([...statuses]).toEqual([200]);
      } finally {
        vi.useRealTimers();
      }
    });
  });

  describe('with a seed', () => {
    const spec = 'error=0.25,drop=0.2,throttle=0.2';
    const a = sandboxFor({ seed: 'empty', chaos: `${spec},seed=42` });
    const b = sandboxFor({ seed: 'empty', chaos: `${spec},seed=42` });
    const c = sandboxFor({ seed: 'empty', chaos: `${spec},seed=43` });
    const sequence = async (s: Opened) => {
      const seen: (number | 'dropped')[] = [];
      for (let i = 0; i < 30; i++) seen.push(await outcome(s.call('GET', '/api/v1/users')));
      return seen;
    };

    it('repeats the same sequence of faults for the same seed', async () => {
      const first = await sequence(a());
      expect(await sequence(b())).toEqual(first);
      expect(new Set(first)).toEqual(new Set([200, 500, 429, 'dropped']));
      expect(await sequence(c())).not.toEqual(first);
    });

    it('refuses a spec it does not understand', () => {
      expect(() => parseChaos('error=2')).toThrow(/error/);
      expect(() => parseChaos('boom=0.1')).toThrow(/boom/);
      expect(() => parseChaos('drop=lots')).toThrow(/drop/);
      expect(() => parseChaos('error=')).toThrow(/error/);
      // Names every object has are not kinds of fault either.
      expect(() => parseChaos('constructor=1')).toThrow(/constructor/);
      expect(() => parseChaos('toString=0.5')).toThrow(/toString/);
      expect(parseChaos('error=0.1,seed=7')).toMatchObject({ error: 0.1, drop: 0, throttle: 0, drift: 0, seed: 7 });
    });
  });
});

describe('latencyMs', () => {
  const s = sandboxFor({ seed: 'empty', latencyMs: 25 });

  it('still answers every request, reads and writes, one at a time or at once', async () => {
    json(await s().call('GET', '/api/v1/users'), 200);
    const [created, listed] = await Promise.all([s().call('POST', '/api/v1/students', { body: newStudent() }), s().call('GET', '/api/v1/courses')]);
    json(created, 201);
    expect(json(listed, 200)).toEqual([]);
    expect(s().sandbox.store.count('students', s().sandbox.org.id)).toBe(1);
  });
});

describe('db', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enlight-sandbox-'));
  const file = join(dir, 'sandbox.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

  it('keeps what was written, and the owner\'s key, across a close and a restart on the same file', async () => {
    const first = await openSandbox({ db: file, scale: 20 });
    const ownerKey = first.owner;
    const course = json(
      await first.call('POST', '/api/v1/courses', { body: { name: 'Kept Across Restarts', summary: 's', marketing_copy_html: '<p>m</p>', completion_information_html: '<p>c</p>' } }),
      201,
    );
    const student = json(await first.call('POST', '/api/v1/students', { body: newStudent() }), 201);
    const students = first.sandbox.store.count('students', first.sandbox.org.id);
    await first.close();

    const second = await openSandbox({ db: file, scale: 500 });
    try {
      expect(second.owner).toBe(ownerKey);
      expect(second.sandbox.org).toMatchObject({ id: first.sandbox.org.id, subdomain: first.sandbox.org.subdomain });
      expect(json(await second.call('GET', `/api/v1/courses/${String(course['id'])}`, { key: ownerKey }), 200)).toEqual(course);
      expect(json(await second.call('GET', `/api/v1/students/${String(student['id'])}`, { key: ownerKey }), 200)).toEqual(student);
      // Not seeded again: the new scale does not apply to an existing file.
      expect(second.sandbox.store.count('students', second.sandbox.org.id)).toBe(students);
    } finally {
      await second.close();
    }
  });
});

describe('seed: empty', () => {
  const s = sandboxFor({ seed: 'empty' });

  it('holds one organisation with only its owner, and every other list empty', async () => {
    expect(s().sandbox.orgs).toHaveLength(1);
    const users = json(await s().call('GET', '/api/v1/users'), 200) as unknown as Json[];
    expect(users).toHaveLength(1);
    expect(users[0]?.['role']).toBe('owner');
    for (const list of ['courses', 'checksheets', 'students', 'enrollments', 'groups']) {
      expect(json(await s().call('GET', `/api/v1/${list}`), 200)).toEqual([]);
    }
  });
});

describe('scale', () => {
  const s = sandboxFor({ scale: 2000 });

  it('gives about 2000 students, all reachable by paging to the end 100 at a time', async () => {
    const ids = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const page = json(await s().call('GET', `/api/v1/students?limit=100&offset=${offset}`), 200) as unknown as Json[];
      for (const row of page) ids.add(row['id'] as string);
      if (page.length < 100) break;
    }
    expect(ids.size).toBe(s().sandbox.store.count('students', s().sandbox.org.id));
    expect(ids.size).toBeGreaterThanOrEqual(2000);
    expect(ids.size).toBeLessThanOrEqual(2010);
  });
});

describe('apiKey', () => {
  const s = sandboxFor({ apiKey: 'fixed-owner-key' });

  it('fixes the owner\'s key', async () => {
    expect(s().sandbox.org.ownerApiKey).toBe('fixed-owner-key');
    expect((await s().call('GET', '/api/authenticate', { key: 'fixed-owner-key' })).status).toBe(200);
    const me = json(await s().call('GET', '/api/v1/users?limit=1', { key: 'fixed-owner-key' }), 200) as unknown as Json[];
    expect(me[0]?.['role']).toBe('owner');
  });
});

describe('clock', () => {
  let now = new Date();
  const s = sandboxFor({ clock: () => now });
  const answerChoice = () =>
    s().call('POST', '/api/v1/answer', {
      key: DOC_IDS.studentBobApiKey,
      body: { enrollment_id: DOC_IDS.enrollmentAnswerChoice, section_step_id: DOC_IDS.sectionStepChoice, answer: { content: 'Choice 1' } },
    });

  it('decides expiry by the chosen now', async () => {
    now = new Date('2100-01-01T00:00:00.000Z');
    const expired = await answerChoice();
    expect(expired.status).toBe(422);
    expect((expired.json as { errors: Json }).errors['enrollment_id']).toEqual(['has expired']);
    now = new Date();
    expect((await answerChoice()).status).toBe(400); // a wrong answer, marked: the enrollment is open again
  });

  it('stamps new records with the chosen now, and measures "in the future" from it', async () => {
    now = new Date('2001-02-03T04:05:06.789Z');
    const course = json(
      await s().call('POST', '/api/v1/courses', { body: { name: 'Made in 2001', summary: 's', marketing_copy_html: '<p>m</p>', completion_information_html: '<p>c</p>' } }),
      201,
    );
    expect(course).toMatchObject({ created_at: now.toISOString(), updated_at: now.toISOString() });
    const enrollment = json(await s().call('POST', '/api/v1/enrollments', { body: { course_id: course['id'], student_id: DOC_IDS.studentBob, instructor_id: DOC_IDS.userSam } }), 201);
    expect(enrollment['created_at']).toBe(now.toISOString());
    expect(enrollment['expires_at']).toBe('2002-02-03T04:05:06.789Z');
    const patched = await s().call('PATCH', `/api/v1/enrollments/${String(enrollment['id'])}`, { body: { expires_at: '2001-06-01T00:00:00.000Z' } });
    expect(json(patched, 200)['expires_at']).toBe('2001-06-01T00:00:00.000Z');
    now = new Date();
  });
});
