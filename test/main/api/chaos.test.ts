// A bad day at the server: 30% of requests answered 500 and 20% of connections dropped, half of
// each after the request took effect. Reads get through by retrying; writes are sent once and
// say that they may have been carried out, so the outbox can check before sending them again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnlightClient } from '../../../src/main/api/EnlightClient';
import { nodeHttpTransport } from '../../../src/main/api/transport';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { DOC_IDS } from '../../../src/sandbox/seed/demo';
import { isEnlightError, type EnlightError } from '../../../src/shared/errors';
import { expectNoKey, fakeTime, rememberKey } from './helpers';

let sandbox: Sandbox;
let transport: ReturnType<typeof nodeHttpTransport>;
let client: EnlightClient;

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 20, chaos: 'error=0.3,drop=0.2,seed=20240611' });
  rememberKey(sandbox.org.ownerApiKey);
  transport = nodeHttpTransport();
  const time = fakeTime({ auto: true });
  // The sandbox's faults are seeded, so calls go one at a time to meet them in the same order.
  client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, transport: transport.transport, retries: 12, sleep: time.sleep, now: time.now });
});

afterAll(async () => {
  transport.close();
  await sandbox.close();
});

describe('under chaos', () => {
  it('still answers every GET, by retrying', async () => {
    const before = client.stats;
    for (let offset = 0; offset < 20; offset += 5) expect(await client.list('students', { limit: 5, offset })).toHaveLength(5);
    expect((await client.getCourse(DOC_IDS.courseHowTo)).name).toBe('How to use the Enlight API');
    expect((await client.getChecksheet(DOC_IDS.checksheetV2)).id).toBe(DOC_IDS.checksheetV2);
    for (const id of [DOC_IDS.userSam, DOC_IDS.userInstructor, DOC_IDS.userEnroller, DOC_IDS.userGroupInstructor]) expect((await client.getUser(id)).id).toBe(id);
    expect(await client.withKey(rememberKey(DOC_IDS.studentBobApiKey)).getAnswer({ enrollment_id: DOC_IDS.enrollmentAnswerShown, section_step_id: DOC_IDS.sectionStepAnswerShown })).toMatchObject({ state: 'passed' });
    const after = client.stats;
    expect(after.retries - before.retries).toBeGreaterThan(0);
    expect(after.requests - before.requests).toBe(11 + after.retries - before.retries);
  });

  it('sends each POST once, and a failed one says it may have been carried out', async () => {
    const prefix = `Chaos ${Date.now().toString(36)}`;
    const before = client.stats.byEndpoint.get('POST /api/v1/groups') ?? 0;
    const failures: EnlightError[] = [];
    let created = 0;
    for (let i = 0; i < 20; i++) {
      try {
        await client.createGroup({ name: `${prefix} ${i}` });
        created++;
      } catch (error) {
        if (!isEnlightError(error)) throw error;
        failures.push(error);
      }
    }
    expect(client.stats.byEndpoint.get('POST /api/v1/groups')).toBe(before + 20);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(['server', 'network']).toContain(failure.code);
      expect(failure.mayHaveApplied).toBe(true);
      expect(failure.attempts).toBe(1);
      expect(failure.endpoint).toBe('POST /api/v1/groups');
      expect(failure.message).toContain('may have reached the server');
      expectNoKey(failure);
    }
    // Some of the failed ones were carried out after all: the server has at least every success.
    const groups = [];
    for (let offset = 0; ; offset += 100) {
      const page = await client.list('groups', { limit: 100, offset });
      groups.push(...page);
      if (page.length < 100) break;
    }
    const ours = groups.filter((g) => g.name.startsWith(prefix)).length;
    expect(ours).toBeGreaterThanOrEqual(created);
    expect(ours).toBeLessThanOrEqual(20);
  });
});
