// `npm start`: the desktop app where an Electron binary exists; otherwise one clear line saying
// so, and the demo organisation's sandbox so there is still something to try.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

const binary = electronBinary();
const child = binary
  ? spawn('npx', ['electron-vite', 'preview'], { stdio: 'inherit' })
  : (process.stderr.write(
      'No Electron binary on this machine (it cannot be downloaded here), so no desktop window: starting the demo organisation\'s API sandbox instead.\n',
    ),
    spawn('npx', ['tsx', 'src/sandbox/cli.ts', ...process.argv.slice(2)], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
