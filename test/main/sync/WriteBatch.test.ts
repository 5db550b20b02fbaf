// What a sync fetched is written a few items to a transaction, never long after it came in, and
// not at all while another connection builds the store's indexes.
import { describe, expect, it } from 'vitest';
import { WriteBatch } from '../../../src/main/sync/WriteBatch';

describe('a write batch', () => {
  it('writes every few items, or sooner when the first has waited long enough, and the rest when flushed', () => {
    const written: number[][] = [];
    let clock = 0;
    const batch = new WriteBatch<number>((items) => written.push(items), { maxItems: 3, maxDelayMs: 50, now: () => clock });
    batch.add(1);
    batch.add(2);
    expect(written).toEqual([]);
    batch.add(3);
    expect(written).toEqual([[1, 2, 3]]);
    batch.add(4);
    clock = 60;
    batch.add(5);
    expect(written).toEqual([[1, 2, 3], [4, 5]]);
    batch.add(6);
    batch.flush();
    batch.flush();
    expect(written).toEqual([[1, 2, 3], [4, 5], [6]]);
  });

  it('only gathers while the store is busy elsewhere, then writes as usual; a flush writes at once', async () => {
    const written: number[][] = [];
    let done = () => {};
    const until = new Promise<void>((resolve) => (done = resolve));
    const batch = new WriteBatch<number>((items) => written.push(items), { maxItems: 2, until });
    for (const n of [1, 2, 3, 4, 5]) batch.add(n);
    expect(written).toEqual([]);
    done();
    await until;
    // The backlog goes a transaction of a few at a time, not in one long one.
    batch.add(6);
    expect(written).toEqual([[1, 2]]);
    await batch.drain();
    expect(written).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);

    const failed = Promise.reject(new Error('the build failed'));
    const held = new WriteBatch<number>((items) => written.push(items), { maxItems: 1, until: failed });
    held.add(7);
    expect(written).toHaveLength(3);
    held.flush();
    expect(written.at(-1)).toEqual([7]);
    await failed.catch(() => {});
    held.add(8);
    expect(written.at(-1)).toEqual([8]);
  });
});
