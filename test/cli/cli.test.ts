// enlight-admin from a shell: accounts, sync, status and export against the sandbox, and clear
// exit codes for a wrong key, an unreachable server and a bad address.
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRegistry } from '../../src/main/accounts/AccountRegistry';
import { SessionSecretStore } from '../../src/main/secrets/SessionSecretStore';
import { MirrorStore } from '../../src/main/store/MirrorStore';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { filesContaining } from '../support/filesContaining';
import { keyringUnavailable, startTestKeyring, type TestKeyring } from '../support/keyring';
import { expectMirrorMatchesSandbox } from '../support/mirrorMatchesSandbox';
import { cliEnv, runCli, startCli } from '../support/runCli';

let sandbox: Sandbox;
let key: string;
const dirs: string[] = [];
const newDataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'enlight-cli-'));
  dirs.push(d);
  return d;
};
/** An environment whose keychain cannot be reached: D-Bus points nowhere. */
const noKeychain = (env: Record<string, string> = {}) => cliEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', ...env });

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 150 });
  key = sandbox.org.ownerApiKey;
});
afterAll(async () => {
  await sandbox?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true, maxRetries: 5 });
});

const unavailable = keyringUnavailable();
if (unavailable) console.warn(`Skipping the CLI account tests: ${unavailable}`);

describe.skipIf(unavailable)('with a keychain', () => {
  let keyring: TestKeyring;
  beforeAll(() => {
    keyring = startTestKeyring();
  });
  afterAll(() => keyring?.stop());
  const env = (extra: Record<string, string> = {}) => cliEnv({ ...keyring.env, ...extra });

  it('adds an account, syncs it, reports its status, exports it and removes it', async () => {
    const dataDir = newDataDir();
    const add = await runCli(['--data-dir', dataDir, 'account', 'add', 'Main campus', '--url', sandbox.url], { env: env(), input: `${key}\n` });
    expect(add.stderr).toBe('');
    expect(add).toMatchObject({ code: 0 });
    expect(add.stdout).toContain('its key is in the OS keychain');

    const list = await runCli(['--data-dir', dataDir, 'account', 'list'], { env: env() });
    expect(list.stdout).toContain(`Main campus\t${sandbox.url}`);

    const sync = await runCli(['--data-dir', dataDir, 'sync'], { env: env() });
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/Synced Main campus: \d+ records new or changed, 0 removed, \d+ requests/);
    expect(sync.stderr).toMatch(/students: \d+ records/);
    const registry = new AccountRegistry(dataDir, new SessionSecretStore());
    const store = MirrorStore.open(registry.databasePath('Main campus'));
    try {
      expectMirrorMatchesSandbox(store, sandbox);
    } finally {
      store.close();
    }

    const status = await runCli(['--data-dir', dataDir, 'status'], { env: env() });
    expect(status.code).toBe(0);
    const students = sandbox.store.list('students', sandbox.org.id, 1_000_000, 0).length;
    expect(status.stdout).toMatch(new RegExp(`students\\s+${students}\\s+last complete pass`));
    expect(status.stdout).toMatch(/Last sync: started .*complete/);

    const csvFile = join(dataDir, 'students.csv');
    const csv = await runCli(['--data-dir', dataDir, 'export', 'students', '--format', 'csv', '--out', csvFile], { env: env() });
    expect(csv.code).toBe(0);
    const lines = readFileSync(csvFile, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,given_name,family_name,email/);
    expect(lines).toHaveLength(students + 1);

    const json = await runCli(['--data-dir', dataDir, 'export', 'courses', '--format', 'json'], { env: env() });
    expect(json.code).toBe(0);
    const courses = JSON.parse(json.stdout) as { id: string }[];
    expect(courses.map((c) => c.id).sort()).toEqual(sandbox.store.list<{ id: string }>('courses', sandbox.org.id, 1_000_000, 0).map((c) => c.id).sort());

    // The key went to the keychain only: not to the data folder, not to any output.
    for (const run of [add, list, sync, status, csv, json]) expect(run.stdout + run.stderr).not.toContain(key);
    expect(filesContaining(dataDir, key)).toEqual([]);

    const remove = await runCli(['--data-dir', dataDir, 'account', 'remove', 'Main campus'], { env: env() });
    expect(remove.code).toBe(0);
    expect((await runCli(['--data-dir', dataDir, 'account', 'list'], { env: env() })).stdout).toContain('No accounts');
  });

  it('refuses a wrong key with exit code 3 and saves nothing', async () => {
    const dataDir = newDataDir();
    const run = await runCli(['--data-dir', dataDir, 'account', 'add', 'Typo', '--url', sandbox.url], { env: env({ ENLIGHT_API_KEY: 'z'.repeat(32) }) });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/key/i);
    expect(run.stderr).not.toContain('z'.repeat(32));
    expect((await runCli(['--data-dir', dataDir, 'account', 'list'], { env: env() })).stdout).toContain('No accounts');
  });

  it('says an unreachable server cannot be reached, with exit code 4', async () => {
    const port = await closedPort();
    const run = await runCli(['--data-dir', newDataDir(), 'account', 'add', 'Gone', '--url', `http://127.0.0.1:${port}`], { env: env({ ENLIGHT_API_KEY: key }) });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/reach|connect/i);
  });

  it('refuses a bad address with exit code 2 before sending the key anywhere', async () => {
    for (const url of ['http://example.com', 'ftp://example.com', 'not a url']) {
      const run = await runCli(['--data-dir', newDataDir(), 'account', 'add', 'Bad', '--url', url], { env: env({ ENLIGHT_API_KEY: key }) });
      expect(run.code, url).toBe(2);
      expect(run.stderr.length, url).toBeGreaterThan(10);
    }
  });

  it('asks for --account when several accounts are stored', async () => {
    const dataDir = newDataDir();
    for (const name of ['One', 'Two']) {
      expect((await runCli(['--data-dir', dataDir, 'account', 'add', name, '--url', sandbox.url], { env: env({ ENLIGHT_API_KEY: key }) })).code).toBe(0);
    }
    const status = await runCli(['--data-dir', dataDir, 'status'], { env: env() });
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('--account NAME');
    expect((await runCli(['--data-dir', dataDir, '--account', 'Two', 'status'], { env: env() })).code).toBe(0);
  });
});

describe('without a keychain', () => {
  it('says so plainly and will not keep an account', async () => {
    const dataDir = newDataDir();
    const run = await runCli(['--data-dir', dataDir, 'account', 'add', 'Main', '--url', sandbox.url], { env: noKeychain({ ENLIGHT_API_KEY: key }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No OS keychain is available');
    expect(run.stderr).toContain('set ENLIGHT_API_KEY and pass --url');
    expect(filesContaining(dataDir, key)).toEqual([]);
  });

  it('syncs headless with ENLIGHT_API_KEY and --url, from any folder, keeping no key', async () => {
    const dataDir = newDataDir();
    // Started from a folder far from the checkout: the sync's worker must still find its loader.
    const run = await runCli(['--data-dir', dataDir, '--url', sandbox.url, 'sync'], { env: noKeychain({ ENLIGHT_API_KEY: key }), cwd: dataDir });
    expect(run.stderr).not.toContain('No OS keychain');
    expect(run.code).toBe(0);
    const status = await runCli(['--data-dir', dataDir, '--url', sandbox.url, 'status'], { env: noKeychain({ ENLIGHT_API_KEY: key }) });
    expect(status.stdout).toMatch(/students\s+\d+\s+last complete pass/);
    expect(filesContaining(dataDir, key)).toEqual([]);
  });
});

describe('where the output or the data cannot go', () => {
  let dataDir: string;
  const headless = (args: string[]) => runCli(['--data-dir', dataDir, '--url', sandbox.url, ...args], { env: noKeychain({ ENLIGHT_API_KEY: key }) });
  beforeAll(async () => {
    dataDir = newDataDir();
    expect((await headless(['sync'])).code).toBe(0);
  });

  it('says plainly that an export cannot be written, with no stack trace', async () => {
    const missing = join(dataDir, 'no such folder', 'students.csv');
    const run = await headless(['export', 'students', '--out', missing]);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: `Cannot write ${missing}: its folder does not exist. Nothing was written to it.\n` });
  });

  it('stops quietly when the reader of an export stops reading (| head)', async () => {
    const { child, done } = startCli(['--data-dir', dataDir, '--url', sandbox.url, 'export', 'enrollments', '--format', 'json'], { env: noKeychain({ ENLIGHT_API_KEY: key }) });
    child.stdout?.once('data', () => child.stdout?.destroy());
    const run = await done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it("shows a server's control characters written out, not obeyed by the terminal", async () => {
    const file = join(dataDir, 'headless', readdirSync(join(dataDir, 'headless')).find((f) => f.endsWith('.sqlite')) as string);
    const store = MirrorStore.open(file);
    store.finishRun(store.startRun(), 'failed', 'GET /api/v1/students: \u001b]0;pwned\u0007\u001b[2JServer error');
    await store.close();
    const run = await headless(['status']);
    expect(run.stdout).toContain('failed: GET /api/v1/students: \\u001b]0;pwned\\u0007\\u001b[2JServer error');
    expect(run.stdout).not.toContain('\u001b');
  });

  it('names a damaged database and a data folder that is a file, and says what to do', async () => {
    const damagedDir = newDataDir();
    mkdirSync(join(damagedDir, 'headless'));
    const url = new URL(sandbox.url).origin;
    const file = join(damagedDir, 'headless', `${createHash('sha256').update(url).digest('hex').slice(0, 16)}.sqlite`);
    writeFileSync(file, 'not a database, but a file long enough to be read as one: '.repeat(100));
    const damaged = await runCli(['--data-dir', damagedDir, '--url', sandbox.url, 'status'], { env: noKeychain({ ENLIGHT_API_KEY: key }) });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain(`(${file}) is damaged, or is not Enlight Admin's`);
    expect(damaged.stderr).toContain('Move that file elsewhere and sync again');

    const notAFolder = join(newDataDir(), 'a file');
    writeFileSync(notAFolder, '');
    const run = await runCli(['--data-dir', notAFolder, '--url', sandbox.url, 'status'], { env: noKeychain({ ENLIGHT_API_KEY: key }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^The data folder ${notAFolder} cannot be used: ENOTDIR`));
  });
});

describe('usage', () => {
  it.each([
    [['frobnicate']],
    [['export', 'passwords']],
    [['export', 'students', '--format', 'xlsx']],
    [['sync', '--no-such-flag']],
    [['account', 'add']],
  ])('%j is a usage error (exit 2) with the usage text', async (args) => {
    const run = await runCli(['--data-dir', newDataDir(), ...args], { env: noKeychain() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: enlight-admin');
  });

  it('web takes its own options and says how it serves the app', async () => {
    const run = await runCli(['web', '--help'], { env: noKeychain() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Serves Enlight Admin to your browser on this computer only');
    expect((await runCli(['web', '--port', 'nope'], { env: noKeychain() })).code).toBe(2);
  });

  it('--help prints the usage and succeeds', async () => {
    const run = await runCli(['--help'], { env: noKeychain() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('account add NAME --url URL');
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
