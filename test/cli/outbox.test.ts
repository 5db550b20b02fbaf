// enlight-admin import, outbox and push from a shell, headless against the sandbox.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EnlightClient } from '../../src/main/api/EnlightClient';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { cliEnv, runCli } from '../support/runCli';

let sandbox: Sandbox;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let cli: (...args: string[]) => ReturnType<typeof runCli>;
beforeAll(async () => {
  sandbox = await startSandbox({ scale: 60 });
  dataDir = mkdtempSync(join(tmpdir(), 'enlight-cli-outbox-'));
  env = cliEnv({ ENLIGHT_API_KEY: sandbox.org.ownerApiKey, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
  cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--url', sandbox.url, ...args], { env });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

it('imports a CSV, reports its bad rows, pushes the good ones, and settles a conflict', async () => {
  expect((await cli('sync')).code).toBe(0);
  const file = join(dataDir, 'new-students.csv');
  writeFileSync(file, 'given_name,family_name,email\nIda,Moss,ida@example.com\nJo,,jo@example.com\nKai,Reed,kai@example.com\n');
  const imported = await cli('import', 'students', file);
  expect(imported.code).toBe(1);
  expect(imported.stderr).toBe(`${file}:3: family_name can't be blank\n`);
  expect(imported.stdout).toContain('Queued 2 students edits');

  const status = await cli('status');
  expect(status.stdout).toContain('Outbox: 2 edits to send (2 pending');
  expect((await cli('outbox', 'list')).stdout).toMatch(/#\d+\s+pending\s+create student local-/);

  const pushed = await cli('push');
  expect(pushed.code).toBe(0);
  expect(pushed.stdout).toContain('Sent 2 edits');
  const emails = sandbox.store.list<{ email: string }>('students', sandbox.org.id, 100_000, 0).map((s) => s.email);
  expect(emails.filter((e) => e === 'ida@example.com' || e === 'kai@example.com')).toHaveLength(2);

  // A colleague renames a group while ours waits.
  const [group] = sandbox.store.list<{ id: string; name: string }>('groups', sandbox.org.id, 1, 0);
  const groupsFile = join(dataDir, 'groups.csv');
  writeFileSync(groupsFile, `id,name\n${group!.id},Ours\n`);
  expect((await cli('import', 'groups', groupsFile)).code).toBe(0);
  const client = new EnlightClient({ baseUrl: sandbox.url, apiKey: sandbox.org.ownerApiKey });
  await client.updateGroup(group!.id, { name: 'Theirs' });
  client.close();

  const conflicted = await cli('push', '--wait', '5');
  expect(conflicted.code).toBe(1);
  const list = await cli('outbox', 'list');
  expect(list.stdout).toContain(`name: was "${group!.name}", yours "Ours", theirs "Theirs"`);
  const seq = /#(\d+)\s+conflict/.exec(list.stdout)?.[1];
  expect(seq).toBeDefined();
  expect((await cli('outbox', 'keep-mine', seq!, 'name')).code).toBe(0);
  expect((await cli('push')).code).toBe(0);
  expect(sandbox.store.list<{ id: string; name: string }>('groups', sandbox.org.id, 100_000, 0).find((g) => g.id === group!.id)?.name).toBe('Ours');
  expect((await cli('outbox', 'list')).stdout).toContain('The outbox is empty');
});

it('says so when a file is not CSV it can read, and queues nothing', async () => {
  const file = join(dataDir, 'broken.csv');
  writeFileSync(file, 'name\n"never closed\n');
  const run = await cli('import', 'groups', file);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('line 2: a quoted cell is never closed. Nothing was queued.');
  expect((await cli('import', 'groups', join(dataDir, 'missing.csv'))).stderr).toContain('Cannot read');
});
