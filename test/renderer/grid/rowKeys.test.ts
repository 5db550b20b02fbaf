import { describe, expect, it } from 'vitest';
import { RowKeys } from '../../../src/renderer/src/grid/rowKeys';

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);
const keepNone = () => false;

describe('the keys of rendered rows', () => {
  it('stay with their rows while they stay rendered, and rows coming in get new ones', () => {
    const keys = new RowKeys();
    const top = keys.assign(range(0, 39), keepNone);
    const down = keys.assign(range(3, 42), keepNone);
    // Rows 3..39 keep theirs; 40..42 get keys no row had: a small scroll mounts only those.
    expect(down.slice(0, 37)).toEqual(top.slice(3));
    expect(down.slice(37).filter((key) => top.includes(key))).toEqual([]);
    const up = keys.assign(range(1, 40), keepNone);
    expect(up.slice(2)).toEqual(down.slice(0, 38));
    expect(up.slice(0, 2).filter((key) => down.includes(key))).toEqual([]);
  });

  it('are handed, in order, from rows gone to rows coming in when a scroll jumps past every rendered row', () => {
    const keys = new RowKeys();
    const top = keys.assign(range(0, 39), keepNone);
    // In the same order, so no row element moves in the DOM.
    expect(keys.assign(range(5_000, 5_039), keepNone)).toEqual(top);
    // A taller screen: the extra rows get new keys after the handed-over ones.
    const taller = keys.assign(range(90_000, 90_041), keepNone);
    expect(taller.slice(0, 40)).toEqual(top);
    expect(new Set(taller).size).toBe(42);
    // A shorter one hands over the first ones.
    expect(keys.assign(range(10, 19), keepNone)).toEqual(top.slice(0, 10));
  });

  it('are never handed over from the row kept (the focused or edited one): it goes, and no other row gets its key', () => {
    const keys = new RowKeys();
    const top = keys.assign(range(0, 39), keepNone);
    const far = keys.assign(range(5_000, 5_039), (index) => index === 7);
    expect(far).not.toContain(top[7]);
    expect(far.slice(0, 39)).toEqual(top.filter((_, i) => i !== 7));
    expect(new Set(far).size).toBe(40);
  });

  it('are unique among the rendered rows whatever the scroll does', () => {
    const keys = new RowKeys();
    let first = 0;
    for (const step of [0, 3, -2, 400, 1, 39, 40, -41, 100_000, -99_999, 20]) {
      first = Math.max(0, first + step);
      const shown = keys.assign(range(first, first + 35 + (step % 5)), (index) => index === 12);
      expect(new Set(shown).size).toBe(shown.length);
    }
  });
});
