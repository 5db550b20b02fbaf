// A real, private Secret Service for tests: a D-Bus session bus and an unlocked gnome-keyring in a
// temporary home, so keytar talks to the same daemon a Linux desktop uses. Nothing touches the
// machine's own keyring.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestKeyring {
  /** Environment a child process needs to reach this keyring (HOME, D-Bus address, XDG dirs). */
  env: Record<string, string>;
  /** Where gnome-keyring keeps its files: a test can show the key is there encrypted, not in clear. */
  keyringDir: string;
  stop(): void;
}

/** Why no test keyring can run here, or undefined when it can. */
export function keyringUnavailable(): string | undefined {
  for (const tool of ['dbus-daemon', 'gnome-keyring-daemon']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed (Debian packages: dbus gnome-keyring)`;
  }
  return undefined;
}

/**
 * Starts the bus and the keyring, and points this process at them. Call before keytar is first
 * loaded: libsecret reads the bus address when it first connects.
 */
export function startTestKeyring(): TestKeyring {
  const home = mkdtempSync(join(tmpdir(), 'enlight-keyring-'));
  const runtime = join(home, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const env: Record<string, string> = {
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_RUNTIME_DIR: runtime,
    XDG_CONFIG_HOME: join(home, '.config'),
  };
  const daemon = execFileSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], { env: { ...process.env, ...env }, encoding: 'utf8' })
    .trim()
    .split('\n');
  const [address, pid] = [daemon[0] ?? '', Number(daemon[1])];
  env['DBUS_SESSION_BUS_ADDRESS'] = address;
  // --unlock reads the new login keyring's password from stdin and creates it unlocked.
  const keyring = execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { env: { ...process.env, ...env }, input: 'test-keyring-password', encoding: 'utf8' });
  for (const line of keyring.split('\n')) {
    const [k, v] = line.split('=');
    if (k && v) env[k] = v;
  }
  Object.assign(process.env, env);
  return {
    env,
    keyringDir: join(env['XDG_DATA_HOME'] as string, 'keyrings'),
    stop() {
      // gnome-keyring-daemon quits when its bus goes away.
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      rmSync(home, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
