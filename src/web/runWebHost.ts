// `npm run web` (and, once wired, `enlight-admin web`): the app in a browser on this computer.
// Builds nothing itself; serves out/renderer, which `npm run build` makes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../main/accounts/dataDir';
import { openSecretStore } from '../main/secrets/openSecretStore';
import { EnlightService } from '../main/service';
import { startWebHost } from './webHost';

export interface WebHostIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Aborting it stops the host; runWebHost then resolves. */
  signal?: AbortSignal;
  /** Where the built renderer is; out/renderer of this checkout by default. */
  rendererDir?: string;
}

const USAGE = `Usage: npm run web -- [--data-dir DIR] [--port N] [--demo-scale N]

Serves Enlight Admin to your browser on this computer only (127.0.0.1), behind a link with a
one-time key. Stop it with Ctrl-C.

  --data-dir DIR   where accounts and local data live (default ${defaultDataDir()})
  --port N         the port to listen on (default: any free one)
  --demo-scale N   about N students in the demo organisation when it is first made (default 1000);
                   try 100000 to see how the app does on a large organisation`;

export function defaultRendererDir(): string {
  return fileURLToPath(new URL('../../out/renderer', import.meta.url));
}

/** Runs until `io.signal` aborts; resolves with the exit code. */
export async function runWebHost(argv: string[], io: WebHostIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'demo-scale': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write(`--port must be a whole number from 0 to 65535, not "${values.port}".\n`);
    return 2;
  }
  const demoScale = values['demo-scale'] === undefined ? undefined : Number(values['demo-scale']);
  if (demoScale !== undefined && (!Number.isInteger(demoScale) || demoScale < 1 || demoScale > 2_000_000)) {
    io.stderr.write(`--demo-scale must be a whole number from 1 to 2000000, not "${values['demo-scale']}".\n`);
    return 2;
  }
  const rendererDir = io.rendererDir ?? defaultRendererDir();
  if (!existsSync(join(rendererDir, 'index.html'))) {
    io.stderr.write(`The app is not built yet (${rendererDir} is missing): run \`npm run build\` first.\n`);
    return 1;
  }
  if (io.signal?.aborted) return 0;

  const dataDir = values['data-dir'] ?? defaultDataDir(io.env);
  const { store: secrets, warning } = await openSecretStore();
  if (warning) io.stderr.write(`${warning}\n`);
  const service = new EnlightService({ dataDir, secrets, keychainWarning: warning ?? null, demoScale, log: (line) => io.stderr.write(`${line}\n`) });
  let host;
  try {
    host = await startWebHost({ service, rendererDir, port, log: (line) => io.stderr.write(`${line}\n`) });
  } catch (error) {
    await service.close();
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(/EADDRINUSE/.test(reason) ? `Port ${port} is taken: choose another with --port, or leave it out to take any free one.\n` : `Browser mode could not start: ${reason}\n`);
    return 1;
  }
  io.stdout.write(`Enlight Admin is running at ${host.url}\n`);

  await new Promise<void>((resolve) => {
    if (!io.signal) return;
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await host.close();
  await service.close();
  return 0;
}
