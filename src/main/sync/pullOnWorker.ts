// A pull run on a worker thread, for the app and the command line.
//
// A first sync parses and writes hundreds of thousands of records. On the app's thread that work
// sits between the grids' queries and every IPC call; on a thread of its own it does not, and its
// young generation can be kept small (`resourceLimits`): V8 otherwise grows it to its maximum over
// a long, allocation-heavy run, which was most of the app's memory during a sync. The worker opens
// its own connection to the account's mirror (SQLite's WAL lets the app read meanwhile) and its own
// HTTP client, whose slots and 429 pauses are the account's one limiter, lent over a MessagePort.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { EnlightError, type EnlightErrorInit, isEnlightError } from '../../shared/errors';
import type { SyncProgress, SyncRetry } from '../../shared/syncProgress';
import { lendLimiter } from '../api/limiterLoan';
import type { RequestLimiter } from '../api/RequestLimiter';
import type { MirrorStore } from '../store/MirrorStore';
import type { MirrorResource } from '../store/mirrorColumns';
import { CLOSING, type PullResult } from './pull';

export interface PullWorkerClient {
  baseUrl: string;
  apiKey: string;
  /** The few EnlightClient options the app and the tests set (the rest are its defaults). */
  retries?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
}

export interface PullOnWorkerOptions {
  client: PullWorkerClient;
  /** The account's limiter, shared with whatever else the app sends meanwhile. */
  limiter: RequestLimiter;
  /** The app's connection to the account's mirror; the worker opens its own to the same file. */
  store: MirrorStore;
  /** MirrorStore.open's options (tests make the index builds and WAL restarts small). */
  storeOptions?: { walRestartBytes?: number; buildOnWorkerFrom?: number };
  concurrency?: number;
  full?: boolean;
  maxPasses?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  onChange?: (resource: MirrorResource | 'library_items' | 'group_memberships', ids: string[]) => void;
  /** The worker's script (a .ts one runs through tsx); by default the built `pullWorker.js` beside this code, or its source. */
  workerScript?: string;
}

/** What the worker is given. */
export interface PullWorkerData {
  client: PullWorkerClient;
  databasePath: string;
  storeOptions: PullOnWorkerOptions['storeOptions'];
  concurrency: number | undefined;
  full: boolean;
  maxPasses: number | undefined;
  /** The worker's end of the limiter loan. */
  limiterPort: MessagePort;
}

/** What the worker says. */
export type FromPullWorker =
  | { op: 'progress'; progress: SyncProgress }
  | { op: 'retrying'; retry: SyncRetry | null }
  | { op: 'change'; resource: MirrorResource | 'library_items' | 'group_memberships'; ids: string[] }
  | { op: 'done'; result: PullResult }
  | { op: 'failed'; error: SerializedError };

/** `closing`: stopped because the account is being closed (pull.ts's CLOSING). */
export type ToPullWorker = { op: 'stop'; closing: boolean };

export type SerializedError = { enlight: EnlightErrorInit } | { message: string; stack?: string };

/**
 * The worker's young generation, in MB. Its live data is small (a few pages in flight, a batch being
 * written); a larger nursery only holds more garbage between collections.
 */
const YOUNG_GENERATION_MB = 16;

export function serializeError(error: unknown): SerializedError {
  if (isEnlightError(error)) return { enlight: error.toJSON() };
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
}

function deserializeError(error: SerializedError): Error {
  if ('enlight' in error) return new EnlightError(error.enlight);
  const revived = new Error(error.message);
  if (error.stack) revived.stack = error.stack;
  return revived;
}

/**
 * tsx's loader, for a worker run from its source: found from this file, as `--import tsx` would be
 * looked for from the working folder, where the CLI, run from anywhere, finds none.
 */
const tsxLoader = () => pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The built worker beside the bundle (electron-vite's second entry; this code may sit in a chunk below it), or the source file. */
function defaultWorkerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'pullWorker.js'), join(here, '..', 'pullWorker.js')].find((built) => existsSync(built)) ?? join(here, 'pullWorker.ts');
}

export function pullOnWorker(options: PullOnWorkerOptions): Promise<PullResult> {
  const { limiter, signal } = options;
  // The worker opens the same file: an in-memory store would be a different, empty database there.
  if (options.store.db.memory) return Promise.reject(new Error('A pull on a worker thread needs a store kept in a file.'));
  if (signal?.aborted) return Promise.resolve({ outcome: 'stopped', errors: [], driftFree: {}, changed: 0, deleted: 0, requests: 0 });
  const script = options.workerScript ?? defaultWorkerScript();
  const channel = new MessageChannel();
  const workerData: PullWorkerData = {
    client: options.client,
    databasePath: options.store.db.name,
    storeOptions: options.storeOptions,
    concurrency: options.concurrency,
    full: options.full === true,
    maxPasses: options.maxPasses,
    limiterPort: channel.port2,
  };
  const worker = new Worker(script, {
    workerData,
    transferList: [channel.port2],
    execArgv: script.endsWith('.ts') ? ['--import', tsxLoader()] : undefined,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  // Taken only once there is a thread (one that fails to start has nothing to give back), and
  // given back when it has ended.
  const loan = lendLimiter(limiter, channel.port1);
  const endMakingWay = options.store.makeWayForSync();

  return new Promise<PullResult>((resolve, reject) => {
    let outcome: { result: PullResult } | { error: Error } | undefined;
    const stop = () => worker.postMessage({ op: 'stop', closing: signal?.reason === CLOSING } satisfies ToPullWorker);
    signal?.addEventListener('abort', stop, { once: true });

    let progress: SyncProgress | undefined;
    let retrying: SyncRetry | null = null;
    // The worker's limiter is borrowed: the waits are counted here, by the lender.
    const report = () => progress && options.onProgress?.({ ...progress, retrying, rateLimitWaits: limiter.stats.waits, rateLimitWaitedMs: limiter.stats.waitedMs });
    worker.on('message', (message: FromPullWorker) => {
      switch (message.op) {
        case 'progress':
          progress = message.progress;
          report();
          return;
        case 'retrying':
          retrying = message.retry;
          report();
          return;
        case 'change':
          options.onChange?.(message.resource, message.ids);
          return;
        case 'done':
          outcome = { result: message.result };
          return;
        case 'failed':
          outcome = { error: deserializeError(message.error) };
          return;
      }
    });
    worker.on('error', (error) => {
      outcome ??= { error };
    });
    // Settled once the thread has ended, so the store's file is free and a next sync starts clean.
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      loan.close();
      endMakingWay();
      if (outcome && 'result' in outcome) resolve(outcome.result);
      else reject(outcome?.error ?? new Error(`The sync's worker thread ended unexpectedly (exit code ${code}).`));
    });
  });
}
