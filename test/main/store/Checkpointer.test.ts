// WAL checkpoints run on a worker thread: pages written by the app's thread reach the database
// file without that thread ever checkpointing, and the data stays whole.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { MirrorStore } from '../../../src/main/store/MirrorStore';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 5 });
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
}

it('copies committed pages into the database file from a worker, not the app thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'enlight-checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'mirror.sqlite');
  const store = MirrorStore.open(file);
  try {
    // The app's own connection never checkpoints while the worker does it.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    const { pass } = store.beginListPass('students');
    for (let p = 0; p < 20; p++) {
      const records = Array.from({ length: 100 }, (_, i) => ({ id: `s-${p}-${i}`, given_name: 'Ann', family_name: `Lee ${p}`, email: `s${p}.${i}@example.com` }));
      store.storePage('students', pass, records, { nextOffset: (p + 1) * 100, anchorIds: [`s-${p}-99`], drifted: false, newRecords: 100 });
    }
    await until(() => statSync(file).size > before, 'the database file grows');
    expect(store.count('students')).toBe(2000);
  } finally {
    await store.close();
  }
  // Reopened from the file alone, everything is there.
  const again = MirrorStore.open(file);
  try {
    expect(again.count('students')).toBe(2000);
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    await again.close();
  }
});

it('keeps in-memory stores working without a worker', async () => {
  const store = MirrorStore.open(':memory:');
  const { pass } = store.beginListPass('groups');
  store.storePage('groups', pass, [{ id: 'g1', name: 'Cohort' }]);
  expect(store.count('groups')).toBe(1);
  await store.close();
});

it('keeps the WAL from growing without end while commits keep coming, and no write fails for it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'enlight-checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'mirror.sqlite');
  const restartBytes = 1024 * 1024;
  const store = MirrorStore.open(file, { walRestartBytes: restartBytes });
  try {
    // Written with its indexes in place (as a resync writes), every commit dirties pages all over them.
    const first = store.beginListPass('students');
    store.storePage('students', first.pass, [{ id: 'seed', given_name: 'Seed', family_name: 'Row', email: 'seed@example.com' }]);
    let largest = 0;
    let written = 0;
    for (let p = 0; p < 150; p++) {
      const records = Array.from({ length: 100 }, (_, i) => ({ id: `s-${p}-${i}-${(p * 7919 + i * 104729) % 99991}`, given_name: `Ann ${i}`, family_name: `Lee ${(p * 31 + i) % 97}`, email: `s${p}.${i}@example.com` }));
      store.storePage('students', first.pass, records);
      written += 100;
      // Between commits the app's thread is free, as it is between a sync's pages.
      await new Promise((r) => setTimeout(r, 5));
      largest = Math.max(largest, statSync(`${file}-wal`).size);
    }
    expect(store.count('students')).toBe(written + 1);
    // Unbounded, 150 commits of pages spread over four indexes and the full-text index write tens
    // of megabytes of WAL (48 MB when measured); restarted whenever it passes 1 MB, as found at the
    // worker's next check (every 250 ms), it stayed at 9 to 10 MB. Half the unbounded size leaves
    // room for a loaded machine, where the worker checks less often.
    expect(largest).toBeLessThan(24 * restartBytes);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    await store.close();
  }
});

it('makes way while another connection writes a sync: no checkpoints and a small page cache, till every sync has ended', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'enlight-checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'mirror.sqlite');
  const store = MirrorStore.open(file);
  // A store that does not make way, written alike: its file growing tells that checkpoint turns
  // (every 250 ms) have gone by.
  const witnessFile = join(dir, 'witness.sqlite');
  const witness = MirrorStore.open(witnessFile);
  try {
    const writers = [store, witness].map((s) => {
      const { pass } = s.beginListPass('students');
      return (p: number) =>
        s.storePage('students', pass, Array.from({ length: 100 }, (_, i) => ({ id: `s-${p}-${i}`, given_name: 'Ann', family_name: `Lee ${p}`, email: `s${p}.${i}@example.com` })));
    });
    let page = 0;
    const writePages = (n: number) => {
      for (const end = page + n; page < end; page++) writers.forEach((write) => write(page));
    };
    /** Two of the witness's checkpoints: one full turn of the store's own checkpointer has gone by too. */
    const twoTurns = async () => {
      for (let turn = 0; turn < 2; turn++) {
        const size = statSync(witnessFile).size;
        writePages(5);
        await until(() => statSync(witnessFile).size > size, "the witness's checkpointer copies the pages into its file");
      }
    };

    // Two syncs at once (a pull, and another beside it): the store waits for both to end.
    const endFirst = store.makeWayForSync();
    const endSecond = store.makeWayForSync();
    // Every commit of the sync empties this connection's page cache: a small one does as well.
    expect(store.db.pragma('cache_size', { simple: true })).toBe(-8 * 1024);
    const before = statSync(file).size;
    await twoTurns();
    expect(statSync(file).size).toBe(before);

    endFirst();
    endFirst(); // ending twice ends once
    await twoTurns();
    expect(statSync(file).size).toBe(before);
    expect(store.db.pragma('cache_size', { simple: true })).toBe(-8 * 1024);

    endSecond();
    expect(store.db.pragma('cache_size', { simple: true })).toBe(-32 * 1024);
    await until(() => statSync(file).size > before, 'the database file grows once the store no longer makes way');
    expect(store.count('students')).toBe(page * 100);
  } finally {
    await witness.close();
    await store.close();
  }
});

it('closes the store only once the worker has closed its connection too, before and after a sync made way', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'enlight-checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'mirror.sqlite');
  // A worker that is ending holds the event loop through its port; one that has ended, nothing.
  // (At most as many as before: one some other test left ending may end meanwhile.)
  const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
  for (const madeWay of [false, true]) {
    const before = ports();
    const store = MirrorStore.open(file);
    const { pass } = store.beginListPass('groups');
    store.storePage('groups', pass, [{ id: `g-${madeWay}`, name: 'Cohort' }]);
    if (madeWay) store.makeWayForSync()();
    await store.close();
    expect(ports()).toBeLessThanOrEqual(before);
    // SQLite removes the WAL when the last connection to the file closes: none is left open.
    expect(existsSync(`${file}-wal`)).toBe(false);
    rmSync(file);
  }
});
