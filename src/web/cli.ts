// `npm run web`: browser mode until Ctrl-C (SIGINT) or SIGTERM, then a clean stop.
import { runWebHost } from './runWebHost';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());

process.exitCode = await runWebHost(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
