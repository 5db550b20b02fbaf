import { describe, expect, it } from 'vitest';
import { windowOffsetOf, windowOffsetsFor, windowsToDrop } from '../../../src/renderer/src/grid/windowMath';

describe('the windows a grid reads', () => {
  it('cover exactly the rows on screen, aligned on the window size', () => {
    expect(windowOffsetsFor(0, 30, 100_000, 100)).toEqual([0]);
    expect(windowOffsetsFor(95, 130, 100_000, 100)).toEqual([0, 100]);
    expect(windowOffsetOf(12_345, 100)).toBe(12_300);
  });

  it('never reach past the last record, and ask for nothing when there are none', () => {
    expect(windowOffsetsFor(99_990, 100_020, 100_000, 100)).toEqual([99_900]);
    expect(windowOffsetsFor(0, 30, 0, 100)).toEqual([]);
  });
});

describe('the windows a grid forgets', () => {
  it('are the farthest from the screen once more than a few are held', () => {
    const cached = [0, 100, 200, 300, 400, 500, 600, 700];
    // On screen: rows 410..440. Keeping four, the windows from 200 to 599 stay.
    expect(windowsToDrop(cached, 410, 440, 4, 100).sort((a, b) => a - b)).toEqual([0, 100, 600, 700]);
  });

  it('are none while few are held, and never the ones on screen', () => {
    expect(windowsToDrop([0, 100], 0, 150, 6, 100)).toEqual([]);
    expect(windowsToDrop([0, 100, 200], 0, 250, 1, 100)).toEqual([]);
  });
});
