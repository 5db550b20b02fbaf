// Starts `src/sandbox/cli.ts` as its own process (so a benchmark's client and the server never
// share an event loop) and waits for the address and owner key it prints.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface SandboxProcess {
  url: string;
  /** The server's process, for reading the CPU time it used (processCpu.ts). */
  pid: number;
  key: string;
  stop(): Promise<void>;
}

export async function startSandboxProcess(args: string[]): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let url = '';
  let key = '';
  for await (const line of createInterface({ input: child.stdout })) {
    url ||= /^Enlight sandbox listening on (\S+)/.exec(line)?.[1] ?? '';
    key ||= /^Owner API key: (\S+)/.exec(line)?.[1] ?? '';
    if (url && key) break;
  }
  if (!url || !key) throw new Error('the sandbox exited before it said where it listens');
  return {
    url,
    pid: child.pid as number,
    key,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
