// Builds the indexes a first listing deferred (deferredIndexes.ts) on a worker thread, on a
// connection of its own, so the app's thread keeps answering the grids: each CREATE INDEX over
// 200,000 enrollments reads the whole table, for a few hundred milliseconds.
import type { Worker } from 'node:worker_threads';
import { startSqliteWorker } from './sqliteWorker';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
// A build reads the table once, in order: a large page cache would only add to the app's memory.
db.pragma('cache_size = -4096');
parentPort.on('message', (script) => {
  if (script === null) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.transaction(() => {
      // The app's connection changes the schema (it drops the indexes it defers). A statement that
      // reads the database brings this connection's copy of the schema up to date; a script parsed
      // against an old copy would find an index the app has dropped.
      db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
      db.exec(script);
    }).immediate();
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String((error && error.message) || error), code: error && error.code });
  }
});
`;

type Reply = { ok: true } | { ok: false; message: string; code?: string };

/** One worker for one table's build: started for it, stopped after it. */
export class IndexBuilder {
  private pending: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private failed: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const pending = this.pending;
      this.pending = undefined;
      if (reply.ok) pending?.resolve();
      else pending?.reject(Object.assign(new Error(reply.message), { code: reply.code }));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => this.fail(new Error('the index builder has stopped')));
  }

  /** A builder for the database file; undefined when no worker can run (the caller builds on its own connection). */
  static start(file: string): IndexBuilder | undefined {
    try {
      return new IndexBuilder(startSqliteWorker(WORKER_SOURCE, file));
    } catch {
      return undefined;
    }
  }

  /** Runs the SQL in one write transaction on the worker's connection; one script at a time. */
  write(script: string): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.pending) return Promise.reject(new Error('the index builder is still running a script'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(script);
    });
  }

  /** Closes the worker's connection, and then the thread; resolves once it has ended. */
  async stop(): Promise<void> {
    if (this.failed) return;
    this.failed = new Error('the index builder has stopped');
    const ended = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage(null);
    await ended;
  }

  private fail(error: Error): void {
    this.failed ??= error;
    this.pending?.reject(error);
    this.pending = undefined;
  }
}
