// A sync killed with SIGKILL at random moments (no chance to clean up) and started again ends with
// exactly what the organisation holds, and carries on from its checkpoints rather than the top.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EnlightClient } from '../../src/main/api/EnlightClient';
import { MirrorStore } from '../../src/main/store/MirrorStore';
import { seededRandom } from '../../src/sandbox/chaos';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { expectMirrorMatchesSandbox } from '../support/mirrorMatchesSandbox';
import { cliEnv, runCli, startCli } from '../support/runCli';

let sandbox: Sandbox;
let dataDir: string;
beforeAll(async () => {
  // Slow enough per request that a kill lands in the middle of the work.
  sandbox = await startSandbox({ scale: 1200, latencyMs: 15 });
  dataDir = mkdtempSync(join(tmpdir(), 'enlight-killed-'));
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

it('survives SIGKILL at random points and ends equal to the server', async () => {
  const env = cliEnv({ ENLIGHT_API_KEY: sandbox.org.ownerApiKey, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
  const args = ['--data-dir', dataDir, '--url', sandbox.url, 'sync'];
  const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
  const random = seededRandom(20261123);
  // Where the headless session keeps its mirror (see openAccountSession).
  const mirrorPath = join(dataDir, 'headless', `${createHash('sha256').update(sandbox.url).digest('hex').slice(0, 16)}.sqlite`);

  let killedMidway = 0;
  let keptProgress = 0;
  for (let round = 0; round < 5; round++) {
    const { child, done } = startCli(args, { env });
    // Kill once the sync is under way: after the first progress line, plus a random delay.
    await new Promise<void>((resolve) => child.stderr?.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 600)));
    const stillRunning = child.exitCode === null;
    child.kill('SIGKILL');
    const run = await done;
    if (stillRunning && run.signal === 'SIGKILL') killedMidway++;

    const store = MirrorStore.open(mirrorPath);
    try {
      if (Object.values(store.counts()).some((n) => n > 0)) keptProgress++;
    } finally {
      store.close();
    }
    // The organisation keeps changing while the sync is down.
    const created = await client.createStudent({ given_name: `Round${round}`, family_name: 'Killed', email: `killed-${round}@example.com` });
    if (round % 2 === 1) await client.updateStudent(created.id, { family_name: 'Renamed' });
    const [group] = await client.list('groups', { limit: 1, offset: round });
    if (group) await client.deleteGroup(group.id);
  }
  expect(killedMidway).toBeGreaterThanOrEqual(3);
  expect(keptProgress).toBeGreaterThanOrEqual(3);

  const final = await runCli(args, { env });
  expect(final.stderr).not.toMatch(/error|failed/i);
  expect(final.code).toBe(0);
  // The database was never left unreadable, and holds what the server holds, record for record.
  const store = MirrorStore.open(mirrorPath);
  try {
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expectMirrorMatchesSandbox(store, sandbox);
  } finally {
    store.close();
    client.close();
  }
  // An unchanged resync afterwards finds nothing to do.
  const again = await runCli(args, { env });
  expect(again.stdout).toMatch(/0 records new or changed, 0 removed/);
}, 120_000);
