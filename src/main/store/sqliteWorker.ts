// Starts a worker thread that opens the store's file on a connection of its own. Its source is
// plain CommonJS evaluated in the worker: no file to bundle or resolve next to the app's code.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker finds better-sqlite3 at `workerData.driver` and the database at `workerData.file`. */
export function startSqliteWorker(source: string, file: string, data: Record<string, unknown> = {}): Worker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Worker(source, { eval: true, workerData: { ...data, file, driver } });
}
