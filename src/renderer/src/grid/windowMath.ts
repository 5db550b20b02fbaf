// Which windows of rows a grid needs for the rows on screen, and which cached ones it can forget.
// Windows are aligned on multiples of their size so a row always belongs to exactly one of them.

/** Rows per `<resource>.query` call: a screenful several times over, and small enough to answer at once. */
export const WINDOW_ROWS = 100;

/** How many windows a grid keeps at most: the ones on screen and a few either side. */
export const KEPT_WINDOWS = 6;

/** The offset of the window that holds row `index`. */
export function windowOffsetOf(index: number, windowRows = WINDOW_ROWS): number {
  return Math.floor(Math.max(0, index) / windowRows) * windowRows;
}

/** The offsets of the windows covering rows first..last (inclusive), within `total` rows. */
export function windowOffsetsFor(first: number, last: number, total: number, windowRows = WINDOW_ROWS): number[] {
  if (total <= 0 || last < first) return [];
  const from = windowOffsetOf(Math.min(Math.max(0, first), total - 1), windowRows);
  const to = windowOffsetOf(Math.min(Math.max(0, last), total - 1), windowRows);
  const offsets: number[] = [];
  for (let offset = from; offset <= to; offset += windowRows) offsets.push(offset);
  return offsets;
}

/**
 * The cached windows to forget so that at most `keep` remain: the farthest from rows first..last go
 * first. Windows covering those rows are never dropped, even when they alone exceed `keep`.
 */
export function windowsToDrop(cached: readonly number[], first: number, last: number, keep = KEPT_WINDOWS, windowRows = WINDOW_ROWS): number[] {
  if (cached.length <= keep) return [];
  const distance = (offset: number): number => {
    const end = offset + windowRows - 1;
    if (end < first) return first - end;
    if (offset > last) return offset - last;
    return 0;
  };
  const byDistance = [...cached].sort((a, b) => distance(b) - distance(a));
  const drop: number[] = [];
  for (const offset of byDistance) {
    if (cached.length - drop.length <= keep || distance(offset) === 0) break;
    drop.push(offset);
  }
  return drop;
}
