// Draws sync progress on a terminal: one line per resource, redrawn in place on a TTY, and a line
// per finished step when the output is a file or a pipe.
import type { SyncProgress, SyncRetry } from '../shared/syncProgress';
import { terminalText } from './terminalText';

export class ProgressBar {
  private drawnLines = 0;
  private readonly announced = new Set<string>();
  private lastRetry = '';

  constructor(private readonly out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean }) {}

  update(progress: SyncProgress): void {
    const retry = progress.retrying ? retryLine(progress.retrying) : '';
    if (!this.out.isTTY) {
      // Said once per try, so a log shows why a sync seemed to stand still.
      if (retry && retry !== this.lastRetry) this.out.write(`${retry}\n`);
      this.lastRetry = retry;
      for (const r of progress.resources) {
        if ((r.phase === 'done' || r.phase === 'failed') && !this.announced.has(r.resource)) {
          this.announced.add(r.resource);
          // A failure's message is printed once, with the others, when the sync ends.
          this.out.write(`${r.resource}: ${r.phase === 'done' ? `${r.records} records, ${r.requests} requests` : 'failed'}\n`);
        }
      }
      return;
    }
    const lines = progress.resources.map((r) => {
      const width = 24;
      const share = r.phase === 'done' ? 1 : r.expected ? Math.min(1, r.records / Math.max(1, r.expected)) : 0;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      const eta = r.etaSeconds !== null && r.phase !== 'done' ? ` ~${Math.ceil(r.etaSeconds)} s left` : '';
      // On one line, whatever the server said: the bar is redrawn in place, a line at a time.
      const status = r.phase === 'failed' ? `failed: ${terminalText((r.error ?? '').replace(/\s+/g, ' '))}` : `${r.records}${r.expected ? `/${r.expected}` : ''} records, ${r.requests} requests${eta}`;
      return `${r.resource.padEnd(18)} ${bar} ${r.phase.padEnd(8)} ${status}`;
    });
    if (retry) lines.push(retry);
    if (progress.rateLimitWaits > 0) lines.push(`waited for the rate limit ${progress.rateLimitWaits} times (${(progress.rateLimitWaitedMs / 1000).toFixed(1)} s)`);
    if (this.drawnLines > 0) this.out.write(`\x1b[${this.drawnLines}A`);
    this.out.write(lines.map((l) => `\x1b[2K${l}\n`).join(''));
    this.drawnLines = lines.length;
  }
}

function retryLine(retry: SyncRetry): string {
  const why = retry.reason === 'no-answer' ? 'the server did not answer' : retry.reason === 'no-connection' ? 'the connection failed' : `the server failed (${retry.status ?? 'error'})`;
  // The endpoint holds ids the server listed.
  return terminalText(`${retry.endpoint}: ${why}; trying again (${retry.attempt} of ${retry.of})`);
}
