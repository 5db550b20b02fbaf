// "Preview as a student": the enrollment's checksheet as the server shows it to that student, asked
// for with the student's own key, which is used for the one request and is then nowhere: not in
// the data folder, the log, an error or an event.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { EnlightClient } from '../../src/main/api/EnlightClient';
import { SessionSecretStore } from '../../src/main/secrets/SessionSecretStore';
import { EnlightService } from '../../src/main/service';
import type { SyncStatus } from '../../src/shared/bridge';
import { isEnlightError } from '../../src/shared/errors';
import type { ChecksheetDoc } from '../../src/sandbox/model';
import { DOC_IDS } from '../../src/sandbox/seed/demo';
import { checksheetDetailJson } from '../../src/sandbox/serializers';
import { startSandbox } from '../../src/sandbox/server';
import { filesContaining } from '../support/filesContaining';
import { nextEvent } from '../support/serviceEvents';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function syncedService() {
  const dataDir = mkdtempSync(join(tmpdir(), 'enlight-preview-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 }));
  const sandbox = await startSandbox({ scale: 30 });
  let closed = false;
  cleanup.push(() => (closed ? undefined : sandbox.close()));
  const log: string[] = [];
  const service = new EnlightService({ dataDir, secrets: new SessionSecretStore(), log: (line) => log.push(line), clientOptions: { retries: 1, retryBaseMs: 1 } });
  cleanup.push(() => service.close());
  const seen: string[] = [];
  service.events.onAny((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
  await service['accounts.add']({ name: 'Main', baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
  const synced = nextEvent(service, 'sync:status', (s: SyncStatus) => !s.running);
  await service['sync.start']({});
  expect((await synced).lastOutcome).toBe('complete');
  const stopSandbox = async () => {
    closed = true;
    await sandbox.close();
  };
  /** Every place a key must never be: files in the data folder, log lines, events. */
  const traces = (key: string) => [...filesContaining(dataDir, key), ...log.filter((l) => l.includes(key)), ...seen.filter((e) => e.includes(key))];
  return { dataDir, sandbox, service, traces, stopSandbox };
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isEnlightError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

it("shows the checksheet as the student sees it, and the student's key is nowhere afterwards", async () => {
  const { dataDir, sandbox, service, traces } = await syncedService();
  const key = sandbox.store.studentApiKey(DOC_IDS.studentBob) as string;
  expect(key).toBeTruthy();
  // The search reaches the account's files: what the mirror holds of Bob is found there.
  expect(filesContaining(dataDir, 'bob@example.com').length).toBeGreaterThan(0);

  const { checksheet } = await service['enrollments.previewAsStudent']({ id: DOC_IDS.enrollmentPatchExample });

  // The student shape: each step wrapped in its section step, no marking notes, no correct answers.
  const sheet = sandbox.store.checksheet(sandbox.org.id, DOC_IDS.checksheetV2) as ChecksheetDoc;
  const served = checksheetDetailJson(sandbox.store, sheet, 'student', () => 0);
  const sections = checksheet['sections'] as { id: string; section_steps: { id: string; step: Record<string, unknown> }[] }[];
  expect(checksheet['id']).toBe(DOC_IDS.checksheetV2);
  expect(sections.map((s) => [s.id, s.section_steps.map((ss) => ss.id)])).toEqual(served.sections.map((s) => [s.id, s.section_steps.map((ss) => ss.id)]));
  const steps = sections.flatMap((s) => s.section_steps.map((ss) => ss.step));
  expect(steps.length).toBeGreaterThan(0);
  for (const step of steps) expect(step).not.toHaveProperty('answer_html');
  const quiz = steps.find((s) => s['id'] === DOC_IDS.quizStep);
  const choices = (quiz?.['data'] as { choices: Record<string, unknown>[] }).choices;
  expect(choices.length).toBeGreaterThan(1);
  for (const choice of choices) expect(Object.keys(choice)).toEqual(['name']);

  expect(traces(key)).toEqual([]);
  await service.close();
  expect(traces(key)).toEqual([]);
});

it('says why when the server does not show the checksheet to the student, without the key', async () => {
  const { sandbox, service, traces } = await syncedService();
  // Cancelled on the server since the sync: the student may no longer read the course.
  const admin = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey, retryBaseMs: 1 });
  cleanup.push(() => admin.close());
  await admin.cancelEnrollment(DOC_IDS.enrollmentInGroup);
  const key = sandbox.store.studentApiKey(DOC_IDS.studentOfGroupEnrollment) as string;

  const error = await failure(service['enrollments.previewAsStudent']({ id: DOC_IDS.enrollmentInGroup }));
  expect(error.code).toBe('not-found');
  expect(error.message).toMatch(/does not show this checksheet to the student.*cancelled/);
  expect(JSON.stringify({ ...error.toJSON(), stack: error.stack })).not.toContain(key);
  expect(traces(key)).toEqual([]);
});

it('needs the server: offline it says so, and keeps nothing', async () => {
  const { sandbox, service, traces, stopSandbox } = await syncedService();
  const key = sandbox.store.studentApiKey(DOC_IDS.studentBob) as string;
  await stopSandbox();
  const offline = nextEvent(service, 'connection:changed');

  const error = await failure(service['enrollments.previewAsStudent']({ id: DOC_IDS.enrollmentPatchExample }));
  expect(error.code).toBe('network');
  expect(error.message).toMatch(/needs? the server|could not be reached/);
  expect(error.message).toMatch(/check your connection/i);
  expect(await offline).toEqual({ online: false });
  expect(traces(key)).toEqual([]);
});

it('refuses an enrollment that is unknown, or not on the server yet, saying what to do', async () => {
  const { service } = await syncedService();
  await expect(service['enrollments.previewAsStudent']({ id: 'no-such-enrollment' })).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/not in the local copy.*Sync/) });

  const { id } = await service['records.create']({
    resource: 'enrollments',
    fields: { course_id: DOC_IDS.courseHowTo, instructor_id: DOC_IDS.userSam, student_id: DOC_IDS.studentBob },
  });
  await expect(service['enrollments.previewAsStudent']({ id })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/not reached the server yet.*Sync/) });
});
