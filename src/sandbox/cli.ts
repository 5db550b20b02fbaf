// `npm run sandbox -- [options]`: the Enlight API v1 sandbox on its own.
import { parseArgs } from 'node:util';
import { parseChaos } from './chaos';
import { startSandbox, type SandboxOptions } from './server';

const USAGE = `Usage: npm run sandbox -- [options]

  --host HOST          address to listen on (default 127.0.0.1)
  --port N             port, 0 for any free one (default 0)
  --db FILE            keep the data in FILE across restarts (default: in memory)
  --seed demo|empty    demo organisation, or only an owner (default demo)
  --scale N            about N students, with courses, enrollments, groups, users in proportion (default 1000)
  --api-key KEY        fix the owner's API key
  --rate-limit N       requests per second per key; 429 with Retry-After beyond it
  --latency MS         delay every answer by MS milliseconds
  --gzip               compress answers for clients that ask, as a real server's front does
  --chaos SPEC         e.g. error=0.05,drop=0.02,throttle=0.05,drift=0.2,seed=7
  --webhook URL        post webhook payloads to URL (repeatable)
  --quiet              print only the listening lines
  --help               this text`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function positiveInt(name: string, raw: string | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  if (!Number.isSafeInteger(n) || n < min || n > max) fail(`--${name} must be a whole number ${range}, not "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        'api-key': { type: 'string' },
        'rate-limit': { type: 'string' },
        latency: { type: 'string' },
        gzip: { type: 'boolean' },
        chaos: { type: 'string' },
        webhook: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.seed !== undefined && values.seed !== 'demo' && values.seed !== 'empty') fail(`--seed must be demo or empty, not "${values.seed}"`);
  for (const url of values.webhook ?? []) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) fail(`--webhook must be an http(s) URL, not "${url}"`);
  }
  const options: SandboxOptions = {
    host: values.host,
    port: positiveInt('port', values.port, 0, 65535),
    db: values.db,
    seed: values.seed as 'demo' | 'empty' | undefined,
    scale: positiveInt('scale', values.scale),
    apiKey: values['api-key'],
    rateLimit: positiveInt('rate-limit', values['rate-limit'], 1),
    latencyMs: positiveInt('latency', values.latency),
    gzip: values.gzip === true,
    webhooks: values.webhook,
    log: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  };
  if (values.chaos !== undefined) {
    try {
      options.chaos = parseChaos(values.chaos);
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  }

  const started = performance.now();
  const sandbox = await startSandbox(options);
  process.stdout.write(`Enlight sandbox listening on ${sandbox.url}\n`);
  process.stdout.write(`Organisation: ${sandbox.org.subdomain} (${sandbox.org.name})\n`);
  process.stdout.write(`Owner API key: ${sandbox.org.ownerApiKey}\n`);
  if (!values.quiet) {
    process.stderr.write(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Try:\n`);
    process.stderr.write(`  curl -H "Authorization: Bearer ${sandbox.org.ownerApiKey}" ${sandbox.url}/api/v1/courses\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!values.quiet) process.stderr.write(`Received ${signal}, stopping the sandbox.\n`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE') fail(`That port is already in use: ${err.message}`);
  if (err.code === 'EADDRNOTAVAIL') fail(`That address is not on this machine: ${err.message}`);
  process.stderr.write(`The sandbox could not start: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
