// The worker thread's side of pullOnWorker.ts: one pull into the account's mirror, over a
// connection and an HTTP client of its own, reporting progress, changes and the result as messages.
import { parentPort, workerData } from 'node:worker_threads';
import { EnlightClient } from '../api/EnlightClient';
import { BorrowedLimiter } from '../api/limiterLoan';
import { nodeHttpTransport } from '../api/transport';
import { recordsWithEdits } from '../outbox/Outbox';
import { MirrorStore } from '../store/MirrorStore';
import { CLOSING, pull } from './pull';
import { serializeError, type FromPullWorker, type PullWorkerData, type ToPullWorker } from './pullOnWorker';

if (!parentPort) throw new Error('pullWorker.ts runs as a worker thread: see pullOnWorker.ts');
const port = parentPort;
const data = workerData as PullWorkerData;
const say = (message: FromPullWorker) => port.postMessage(message);

const stop = new AbortController();
port.on('message', (message: ToPullWorker) => {
  if (message.op === 'stop') stop.abort(message.closing ? CLOSING : undefined);
});

/**
 * The pull's connection mostly appends (a first listing) or touches records scattered over the
 * whole file (a resync), where a larger cache hits hardly more often: 8 MB instead of the app's
 * 32 took 20-45 MB off a sync's peak RSS, in no more time (measured at scale 100,000).
 */
const PAGE_CACHE_MB = 8;

const { baseUrl, apiKey, retries, retryBaseMs, timeoutMs } = data.client;
const http = nodeHttpTransport({ maxSockets: data.concurrency ?? 4 });
const limiter = new BorrowedLimiter(data.limiterPort);
let store: MirrorStore | undefined;
try {
  const client = new EnlightClient({ baseUrl, apiKey, transport: http.transport, limiter, retries, retryBaseMs, timeoutMs, onRetrying: (retry) => say({ op: 'retrying', retry }) });
  store = MirrorStore.open(data.databasePath, { pageCacheMb: PAGE_CACHE_MB, ...data.storeOptions });
  const opened = store;
  // A pull never deletes a record that still has edits to send (the outbox is in the same file).
  opened.protectWith((resource) => recordsWithEdits(opened, resource));
  const result = await pull({
    client,
    store: opened,
    concurrency: data.concurrency,
    full: data.full,
    maxPasses: data.maxPasses,
    signal: stop.signal,
    onProgress: (progress) => say({ op: 'progress', progress }),
    onChange: (resource, ids) => say({ op: 'change', resource, ids }),
  });
  say({ op: 'done', result });
} catch (error) {
  say({ op: 'failed', error: serializeError(error) });
} finally {
  await store?.close();
  http.close();
  limiter.close();
  port.close();
}
