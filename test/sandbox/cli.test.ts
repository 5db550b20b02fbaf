// `npm run sandbox`: the sandbox as a program of its own. It says where it listens and with which
// key, serves that, stops cleanly on SIGINT and SIGTERM, refuses bad options with exit code 2, and
// keeps its data in a --db file across runs. Every wait is on output or an exit, never on time.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call } from '../support/sandboxClient';

const ROOT = resolve(import.meta.dirname, '../..');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<Exit>;
}

const running = new Set<ChildProcess>();

/** Starts the CLI under Node with tsx, as `npm run sandbox -- ARGS` does. */
function sandboxCli(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolveExit) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      resolveExit({ code, signal });
    }),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

interface Listening {
  url: string;
  subdomain: string;
  key: string;
}

/** Waits until the CLI has printed where it listens, the organisation and the owner's key. */
function listening(run: Run): Promise<Listening> {
  const pattern = /^Enlight sandbox listening on (http:\/\/\S+)\nOrganisation: (\S+) .*\nOwner API key: (\S+)\n/m;
  return new Promise((resolveListening, reject) => {
    const check = () => {
      const match = pattern.exec(run.stdout());
      if (!match) return;
      run.child.stdout?.off('data', check);
      resolveListening({ url: match[1] as string, subdomain: match[2] as string, key: match[3] as string });
    };
    run.child.stdout?.on('data', check);
    void run.exited.then((exit) => reject(new Error(`the sandbox exited (${JSON.stringify(exit)}) before listening:\n${run.stdout()}\n${run.stderr()}`)));
    check();
  });
}

afterAll(() => {
  // A test that failed half-way leaves no sandbox running.
  for (const child of running) child.kill('SIGKILL');
});

describe('a sandbox started from the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enlight-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

  it('prints its URL, organisation and key, serves them, and stops with code 0 on SIGINT', async () => {
    const run = sandboxCli(['--port', '0', '--scale', '50', '--api-key', 'k1']);
    const { url, subdomain, key } = await listening(run);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(subdomain).toBe('example');
    expect(key).toBe('k1');

    const courses = await call(url, 'GET', '/api/v1/courses?limit=5', { key });
    expect(courses.status, courses.text).toBe(200);
    expect(courses.json).toHaveLength(5);
    // The organisation's own subdomain reaches the same organisation.
    const port = new URL(url).port;
    expect((await call(url, 'GET', '/api/authenticate', { key, host: `${subdomain}.localhost:${port}` })).status).toBe(200);
    expect((await call(url, 'GET', '/api/authenticate', { key: 'not-the-key' })).status).toBe(401);

    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });

  it('keeps a created course in its --db file across a SIGTERM and a restart', async () => {
    const db = join(dir, 'sandbox.sqlite');
    const first = sandboxCli(['--port', '0', '--scale', '50', '--api-key', 'k1', '--db', db, '--quiet']);
    const one = await listening(first);
    const created = await call(one.url, 'POST', '/api/v1/courses', {
      key: one.key,
      body: { name: 'Survives Restarts', summary: 'Kept in the file', marketing_copy_html: '<p>m</p>', completion_information_html: '<p>c</p>' },
    });
    expect(created.status, created.text).toBe(201);
    const course = created.json as { id: string };
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });

    // No --api-key this time: the owner's key is the one kept in the file.
    const second = sandboxCli(['--port', '0', '--db', db, '--quiet']);
    const two = await listening(second);
    expect(two.key).toBe('k1');
    const shown = await call(two.url, 'GET', `/api/v1/courses/${course.id}`, { key: two.key });
    expect(shown.status, shown.text).toBe(200);
    expect(shown.json).toEqual(course);
    second.child.kill('SIGINT');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});

describe('bad options', () => {
  // Each run only parses its options and exits, so they may all run at once.
  it.concurrent.for<[string[], RegExp]>([
    [['--seed', 'nope'], /--seed/],
    [['--port', '-1'], /--port/],
    [['--port=-1'], /--port/],
    [['--port', '70000'], /--port/],
    [['--scale', 'many'], /--scale/],
    [['--chaos', 'error=2'], /--chaos/],
    [['--chaos', 'boom=1'], /--chaos.*boom/],
    [['--webhook', 'ftp://example.com/hook'], /--webhook/],
    [['--unknown'], /--unknown/],
  ])('%j exits with code 2 and a message naming the option', async ([args, message], { expect }) => {
    const run = sandboxCli(args);
    expect(await run.exited).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toMatch(message);
    expect(run.stderr()).toContain('Usage:');
    expect(run.stdout()).toBe('');
  });

  it('exits with code 2 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolveListen) => blocker.listen(0, '127.0.0.1', resolveListen));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('the blocker listens on a TCP port');
    try {
      const run = sandboxCli(['--port', String(address.port), '--seed', 'empty']);
      expect(await run.exited).toEqual({ code: 2, signal: null });
      expect(run.stderr()).toMatch(/port is already in use/);
    } finally {
      await new Promise<void>((resolveClose) => blocker.close(() => resolveClose()));
    }
  });

  it('prints its usage for --help and exits with code 0', async () => {
    const run = sandboxCli(['--help']);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toMatch(/^Usage: npm run sandbox/);
  });
});
