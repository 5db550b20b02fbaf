// Copies the WAL back into the database file on a worker thread, so the thread that writes a sync
// and answers the grids never waits for a checkpoint's fsync.
//
// With WAL and synchronous=NORMAL a commit only appends to the WAL; the fsyncs happen when the WAL
// is checkpointed. Left to SQLite, that happens inside whichever commit crosses the threshold, on
// the app's only thread, for hundreds of milliseconds during a full sync. Here a second connection
// on a worker runs PASSIVE checkpoints (they never block writers or readers) a few times a second;
// the main connection's own automatic checkpoints stay off while the worker runs.
//
// PASSIVE never brings the WAL back to its start while commits keep coming, so under a sync it
// would grow without end (to gigabytes). Once it is large, the app's own connection restarts it,
// between its transactions: a RESTART from the worker's connection made the app's next BEGIN
// IMMEDIATE fail at once with "database is locked" (the busy handler is not consulted there), which
// stopped sync steps on a loaded machine. The worker has just copied nearly everything, so the
// restart is short.
import type { Worker } from 'node:worker_threads';
import { startSqliteWorker } from './sqliteWorker';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
// Never wait for the writer: a checkpoint that can't have the lock now does what it can and
// tries again next time.
db.pragma('busy_timeout = 0');
const walSize = () => { try { return statSync(workerData.file + '-wal').size; } catch { return 0; } };
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, large: walSize() > workerData.restartBytes });
  } catch (error) {
    // The app's connection restarting the WAL just now: tried again next time.
    if (error && error.code && String(error.code).startsWith('SQLITE_BUSY')) return parentPort.postMessage({ ok: true, large: false });
    parentPort.postMessage({ ok: false, message: String(error && error.message || error) });
  }
});
`;

export class Checkpointer {
  private busy = false;
  /** Stopped: a reply still on its way asks for no restart. */
  private stopped = false;
  private readonly timer: NodeJS.Timeout;
  /** Settles when the worker has ended (stopped, or failed and terminated). */
  private readonly exited: Promise<void>;
  /** The last checkpoint failure, if any (the main connection then checkpoints itself again). */
  lastError: string | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly onFailure: () => void,
    private readonly restart: () => void,
    everyMs: number,
  ) {
    worker.on('message', (m: { ok: boolean; large?: boolean; message?: string }) => {
      this.busy = false;
      if (!m.ok) this.fail(m.message ?? 'checkpoint failed');
      else if (m.large && !this.stopped) this.restart();
    });
    worker.on('error', (e) => this.fail(e.message));
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.unref();
    this.timer = setInterval(() => this.checkpoint(), everyMs);
    this.timer.unref();
  }

  /**
   * Starts the worker for a database file; undefined when none can run (the caller checkpoints
   * itself). `restart` is called, between the app's transactions, when the WAL has grown large.
   */
  static start(file: string, onFailure: () => void, restart: () => void, restartBytes = 64 * 1024 * 1024, everyMs = 250): Checkpointer | undefined {
    try {
      const worker = startSqliteWorker(WORKER_SOURCE, file, { restartBytes });
      return new Checkpointer(worker, onFailure, restart, everyMs);
    } catch {
      return undefined;
    }
  }

  checkpoint(): void {
    if (this.busy || this.lastError) return;
    this.busy = true;
    this.worker.postMessage('checkpoint');
  }

  /**
   * Stops checkpointing; settles once the worker has closed its connection and ended. Until then
   * the file is still open: on Windows it could not yet be deleted (an account being removed).
   */
  stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    // Held by the event loop from here: the process waits for the connection to close rather than
    // leave someone awaiting this with nothing left to run. (A worker that has ended already, after
    // a failure, takes neither call amiss.)
    this.worker.ref();
    this.worker.postMessage('close');
    return this.exited;
  }

  private fail(message: string): void {
    if (this.lastError) return;
    this.lastError = message;
    clearInterval(this.timer);
    void this.worker.terminate();
    this.onFailure();
  }
}
