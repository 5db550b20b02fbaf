// The first listing's rowids by id: every rowid written under an id is found again, through any
// number of growths, and ids that share a hash give both rowids (the caller tells them apart).
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { RowidsById } from '../../../src/main/store/RowidsById';

it('finds each id written, through the table growing, and nothing for an id never written', () => {
  const rowids = new RowidsById();
  const ids = Array.from({ length: 50_000 }, () => randomUUID());
  ids.forEach((id, i) => rowids.add(id, i + 1));
  expect(rowids.size).toBe(50_000);
  ids.forEach((id, i) => expect(rowids.candidates(id)).toContain(i + 1));
  // An id never written finds nothing, but for the rare one sharing a hash (one in a few thousand here).
  const strangers = Array.from({ length: 1000 }, () => rowids.candidates(randomUUID()).length);
  expect(strangers.filter((n) => n > 0).length).toBeLessThan(10);
});

it('gives every rowid written under a hash, so ids that share one are both found', () => {
  // Look for two ids with the same 32-bit hash: among 300,000 random ids there are a few pairs.
  const probe = new RowidsById();
  let pair: [string, string] | undefined;
  const seen: string[] = [];
  for (let i = 0; !pair && i < 2_000_000; i++) {
    const id = randomUUID();
    const before = probe.candidates(id);
    if (before.length > 0) pair = [seen[(before[0] as number) - 1] as string, id];
    probe.add(id, seen.push(id));
  }
  if (!pair) throw new Error('no two ids shared a hash');
  const rowids = new RowidsById();
  rowids.add(pair[0], 7);
  rowids.add(pair[1], 9);
  expect([...rowids.candidates(pair[0])].sort()).toEqual([7, 9]);
  expect([...rowids.candidates(pair[1])].sort()).toEqual([7, 9]);
});

it('keeps a second rowid for the same id (a write rolled back, then made again)', () => {
  const rowids = new RowidsById();
  rowids.add('e1', 3);
  rowids.add('e1', 5);
  expect([...rowids.candidates('e1')].sort()).toEqual([3, 5]);
  expect(() => rowids.add('e2', 0)).toThrow(RangeError);
});
