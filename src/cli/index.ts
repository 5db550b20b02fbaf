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

// A reader that stops reading (`enlight-admin status | head -2`) ends the command quietly, as other
// command-line tools do, rather than with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal: controller.signal });
process.exitCode = code;
