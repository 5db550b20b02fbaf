// A worker thread that opens (and closes) a mirror store at an agreed moment, so that several
// threads open the same new file at once, as two processes (the app and the CLI) may.
import { parentPort, workerData } from 'node:worker_threads';
import { MirrorStore } from '../../src/main/store/MirrorStore';

const { file, startAt } = workerData as { file: string; startAt: number };
while (Date.now() < startAt) {
  // Waiting for the moment, without yielding: the threads start as close together as they can.
}
try {
  const store = MirrorStore.open(file);
  const counts = store.counts();
  await store.close();
  parentPort?.postMessage({ ok: true, counts });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
