// The enlight-admin executable: runs the CLI with the process's streams; Ctrl-C stops a sync at a
// checkpoint instead of killing it mid-write.
import { runCli } from './main';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stderr.write('\nStopping at the next checkpoint (Ctrl-C again to quit at once)…\n');
  controller.abort();
});
process.on('SIGTERM', () => controller.abort());

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal: controller.signal });
process.exitCode = code;
