// Browser mode as a person starts it: `npm run web` (src/web/cli.ts) in a child process with a data
// folder of its own, on a free port; its printed link is what the tests open.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningWebHost {
  /** The printed link, token included. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Everything the host wrote to stderr so far, for failure messages. */
  stderr(): string;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const READY = /Enlight Admin is running at (http:\/\/\S+)/;
const START_LIMIT_MS = 60_000;

export interface WebHostOptions {
  /** About this many students in the demo organisation (the host's --demo-scale). */
  demoScale?: number;
}

export async function startWebHostProcess(options: WebHostOptions = {}): Promise<RunningWebHost> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) throw new Error('The renderer is not built: run `npm run build` before the Playwright tests (npm test and npm run test:e2e do).');
  const dataDir = mkdtempSync(join(tmpdir(), 'enlight-e2e-'));
  const scale = options.demoScale === undefined ? [] : ['--demo-scale', String(options.demoScale)];
  const child = spawn(TSX, ['src/web/cli.ts', '--data-dir', dataDir, '--port', '0', ...scale], {
    cwd: ROOT,
    // A test must never touch the machine's own keychain or data folder.
    env: { ...process.env, ENLIGHT_ADMIN_DATA_DIR: dataDir, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/enlight-e2e-bus' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The web host printed no address within ${START_LIMIT_MS / 1000} s.\n${stderr}`)), START_LIMIT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = READY.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The web host exited (code ${code}) before printing its address.\n${stdout}\n${stderr}`));
    });
  });

  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    stderr: () => stderr,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  // The host closes its sandbox and databases on SIGTERM; one that hangs is killed outright.
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
