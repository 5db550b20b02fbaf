// The sync's progress as the command line prints it into a log (not a terminal): a line per step
// done or failed, and a line per request tried again, so a log says why a sync stood still.
import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/cli/progressBar';
import type { SyncProgress } from '../../src/shared/syncProgress';

const progress = (extra: Partial<SyncProgress> = {}): SyncProgress => ({
  resources: [{ resource: 'students', phase: 'listing', pages: 1, records: 100, requests: 2, expected: null, etaSeconds: null }],
  rateLimitWaits: 0,
  rateLimitWaitedMs: 0,
  ...extra,
});

describe('the progress in a log', () => {
  it('says once for each try which request is tried again and why, in words', () => {
    let log = '';
    const bar = new ProgressBar({ write: (s: string) => ((log += s), true), isTTY: false });
    const retry = { endpoint: 'GET /api/v1/students', attempt: 2, of: 6, reason: 'no-answer' as const };
    bar.update(progress({ retrying: retry }));
    bar.update(progress({ retrying: retry }));
    bar.update(progress({ retrying: { ...retry, attempt: 3, reason: 'server-error', status: 502 } }));
    bar.update(progress({ retrying: null }));
    bar.update(progress({ retrying: { ...retry, endpoint: 'GET /api/v1/users', reason: 'no-connection' } }));
    expect(log).toBe(
      'GET /api/v1/students: the server did not answer; trying again (2 of 6)\n' +
        'GET /api/v1/students: the server failed (502); trying again (3 of 6)\n' +
        'GET /api/v1/users: the connection failed; trying again (2 of 6)\n',
    );
  });

  it("writes out control characters in a request's address, which holds ids the server listed", () => {
    let log = '';
    const bar = new ProgressBar({ write: (s: string) => ((log += s), true), isTTY: false });
    bar.update(progress({ retrying: { endpoint: 'GET /api/v1/groups/g\u001b[2J1', attempt: 2, of: 6, reason: 'no-answer' } }));
    expect(log).toBe('GET /api/v1/groups/g\\u001b[2J1: the server did not answer; trying again (2 of 6)\n');
  });

  it('prints a failed step once, its message being printed with the others at the end', () => {
    let log = '';
    const bar = new ProgressBar({ write: (s: string) => ((log += s), true), isTTY: false });
    const failed = progress({ resources: [{ resource: 'students', phase: 'failed', pages: 1, records: 100, requests: 2, expected: null, etaSeconds: null, error: 'GET /api/v1/students: bad answer' }] });
    bar.update(failed);
    bar.update(failed);
    expect(log).toBe('students: failed\n');
  });
});
