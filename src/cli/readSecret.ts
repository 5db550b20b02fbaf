// Reads an API key without echoing it on a terminal, or from a pipe (`echo KEY | enlight-admin ...`).
// A key is never taken as a command-line argument: those show in `ps` and shell history.
import type { CliIo } from './main';

export async function readSecret(prompt: string, io: CliIo): Promise<string> {
  const input = io.stdin as NodeJS.ReadStream;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  io.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            input.off('data', onData);
            io.stderr.write('\n');
            resolve(value);
            return;
          }
          if (ch === '\u0003') {
            input.off('data', onData);
            reject(new Error('Cancelled.'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}
