// `npm start`: the desktop app where an Electron binary exists; otherwise one clear line saying
// so, and the same app in the browser (browser mode, as `npm run web`), so there is still a
// working app on this machine.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the Electron binary would be, read from the package's own record (never by requiring it: that throws). */
export function electronBinary(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const dir = dirname(pkg);
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command to its end; resolves with its exit code. */
function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: root });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}

async function startBrowserMode(argv: string[]): Promise<number> {
  process.stderr.write('No Electron binary on this machine (it cannot be downloaded here), so no desktop window: opening Enlight Admin in browser mode instead (the same as `npm run web`).\n');
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    const built = await run('npx', ['electron-vite', 'build']);
    if (built !== 0) return built;
  }
  const { runWebHost } = await import('../src/web/runWebHost');
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  return runWebHost(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
}

const binary = electronBinary();
if (binary) {
  const child = spawn('npx', ['electron-vite', 'preview'], { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.exitCode = await startBrowserMode(process.argv.slice(2));
}
