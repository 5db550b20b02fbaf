// The outbox under the worst conditions: a queue of a couple of hundred mixed edits pushed by
// `enlight-admin push` to a sandbox that drops connections, answers 500 and 429, while the pushing
// process is killed with SIGKILL at random moments and started again. Twenty trials; each must end
// with the server in exactly the intended state: nothing lost, no create made twice.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { EnlightClient } from '../../src/main/api/EnlightClient';
import { Outbox } from '../../src/main/outbox/Outbox';
import { MirrorStore } from '../../src/main/store/MirrorStore';
import { pull } from '../../src/main/sync/pull';
import { seededRandom } from '../../src/sandbox/chaos';
import { startSandbox } from '../../src/sandbox/server';
import { cliEnv, runCli, startCli } from '../support/runCli';

type Json = Record<string, unknown>;
const TRIALS = 20;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true, maxRetries: 5 });
});

it(`ends in the intended state in each of ${TRIALS} trials of chaos and SIGKILL`, async () => {
  let killedMidway = 0;
  let restarts = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const random = seededRandom(1000 + trial);
    const sandbox = await startSandbox({ scale: 40 });
    const dataDir = mkdtempSync(join(tmpdir(), 'enlight-killed-push-'));
    dirs.push(dataDir);
    const key = sandbox.org.ownerApiKey;
    const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: key });
    try {
      // ---- the queue, made offline against a fresh local copy ----
      const mirrorPath = join(dataDir, 'headless', `${createHash('sha256').update(sandbox.url).digest('hex').slice(0, 16)}.sqlite`);
      const store = MirrorStore.open(mirrorPath);
      await pull({ client, store });
      const outbox = new Outbox(store);
      const students = [...store.records('students')];
      const groups = [...store.records('groups')];
      const courses = [...store.records('courses')];
      const instructor = [...store.records('users')].find((u) => u['role'] === 'owner') as Json;
      const activeEnrollments = [...store.records('enrollments')].filter((e) => e['active'] === true);

      const intended = {
        newStudents: [] as string[],
        renamedStudents: new Map<string, string>(),
        newGroups: [] as string[],
        renamedGroups: new Map<string, string>(),
        deletedGroups: [] as string[],
        prices: new Map<string, number>(),
        cancelled: [] as string[],
        enrolled: [] as { email: string; course: string; group?: string }[],
      };
      const newGroupIds: string[] = [];
      for (let i = 0; i < 40; i++) {
        const email = `t${trial}-new-${i}@example.com`;
        const id = outbox.create('students', { given_name: `New${i}`, family_name: `Trial${trial}`, email });
        intended.newStudents.push(email);
        if (i < 30) {
          const course = courses[i % courses.length] as Json;
          const enrollment: Json = { student_id: id, course_id: course['id'], instructor_id: instructor['id'] };
          let group: string | undefined;
          if (i % 3 === 0 && newGroupIds.length) {
            enrollment['group_ids'] = [newGroupIds[newGroupIds.length - 1]];
            group = intended.newGroups[intended.newGroups.length - 1];
          }
          outbox.create('enrollments', enrollment);
          intended.enrolled.push({ email, course: String(course['id']), group });
        }
        if (i % 2 === 0) {
          const name = `t${trial} group ${i}`;
          newGroupIds.push(outbox.create('groups', { name }));
          intended.newGroups.push(name);
        }
      }
      for (let i = 0; i < 40 && i < students.length; i++) {
        const s = students[i] as Json;
        const name = `Renamed-${trial}-${i}`;
        outbox.update('students', String(s['id']), { family_name: `${name}-draft` });
        outbox.update('students', String(s['id']), { family_name: name });
        intended.renamedStudents.set(String(s['id']), name);
      }
      groups.forEach((g, i) => {
        if (i < 5) {
          outbox.remove('groups', String(g['id']));
          intended.deletedGroups.push(String(g['id']));
        } else if (i < 15) {
          const name = `t${trial} renamed ${i}`;
          outbox.update('groups', String(g['id']), { name });
          intended.renamedGroups.set(String(g['id']), name);
        }
      });
      courses.forEach((c, i) => {
        const price = 1000 + trial * 10 + i;
        outbox.update('courses', String(c['id']), { price_cents: price });
        intended.prices.set(String(c['id']), price);
      });
      for (const e of activeEnrollments.slice(0, 10)) {
        outbox.remove('enrollments', String(e['id']));
        intended.cancelled.push(String(e['id']));
      }
      const queued = outbox.counts().total;
      expect(queued).toBeGreaterThan(150);
      store.close();

      // ---- pushed through chaos, killed at random moments ----
      sandbox.setChaos(`error=0.05,drop=0.05,throttle=0.003,seed=${trial + 1}`);
      const env = cliEnv({ ENLIGHT_API_KEY: key, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
      const args = ['--data-dir', dataDir, '--url', sandbox.url, 'push', '--wait', '120'];
      for (let round = 0; round < 3; round++) {
        const { child, done } = startCli(args, { env });
        await new Promise((r) => setTimeout(r, 350 + Math.floor(random() * 900)));
        const running = child.exitCode === null;
        child.kill('SIGKILL');
        const run = await done;
        restarts++;
        if (running && run.signal === 'SIGKILL') killedMidway++;
      }
      const final = await runCli(args, { env });
      expect(final.stderr, `trial ${trial}`).toBe('');
      if (final.code !== 0) {
        const list = await runCli(['--data-dir', dataDir, '--url', sandbox.url, 'outbox', 'list'], { env });
        expect.fail(`trial ${trial}: ${final.stdout}\n${list.stdout}`);
      }
      sandbox.setChaos('error=0,drop=0,throttle=0');

      // ---- the server holds exactly what was intended ----
      const all = <T extends Json>(r: string) => sandbox.store.list<T>(r as never, sandbox.org.id, 1_000_000, 0);
      const serverStudents = all<Json>('students');
      for (const email of intended.newStudents) expect(serverStudents.filter((s) => s['email'] === email), `trial ${trial}: ${email} once`).toHaveLength(1);
      for (const [id, name] of intended.renamedStudents) expect(serverStudents.find((s) => s['id'] === id)?.['family_name'], `trial ${trial}`).toBe(name);
      const serverGroups = all<Json>('groups');
      for (const name of intended.newGroups) expect(serverGroups.filter((g) => g['name'] === name), `trial ${trial}: group ${name} once`).toHaveLength(1);
      for (const [id, name] of intended.renamedGroups) expect(serverGroups.find((g) => g['id'] === id)?.['name']).toBe(name);
      for (const id of intended.deletedGroups) expect(serverGroups.some((g) => g['id'] === id)).toBe(false);
      const serverCourses = all<Json>('courses');
      for (const [id, price] of intended.prices) expect(serverCourses.find((c) => c['id'] === id)?.['price_cents']).toBe(price);
      const serverEnrollments = all<Json>('enrollments');
      for (const id of intended.cancelled) expect(serverEnrollments.find((e) => e['id'] === id)?.['active']).toBe(false);
      const byEmail = new Map(serverStudents.map((s) => [s['email'], s['id']]));
      for (const want of intended.enrolled) {
        const matches = serverEnrollments.filter((e) => e['student_id'] === byEmail.get(want.email) && e['course_id'] === want.course);
        expect(matches, `trial ${trial}: one enrollment for ${want.email}`).toHaveLength(1);
        if (want.group) {
          const group = serverGroups.find((g) => g['name'] === want.group) as Json;
          const detail = await client.getGroup(String(group['id']));
          expect(detail.enrollments.map((e) => e.id)).toContain(matches[0]?.['id']);
        }
      }
      const after = MirrorStore.open(mirrorPath);
      try {
        expect(new Outbox(after).counts().total).toBe(0);
      } finally {
        after.close();
      }
    } finally {
      client.close();
      await sandbox.close();
    }
  }
  // The kills did land while pushes were at work, not only before or after.
  expect(killedMidway).toBeGreaterThan(restarts / 3);
}, 600_000);
