// A value that follows another once it has held still for a moment: what a grid searches for
// while someone types. Each keystroke's query would otherwise run in turn in the back end before
// the one that matters (a one-letter search over 200,000 enrollments takes 0.4 s), and the grid
// would show every stale answer on the way.
import { useEffect, useState } from 'react';

/** The settled value, and a way to settle on a value at once (one chosen, not typed: a saved view's search). */
export function useSettled<T>(value: T, delayMs: number): [T, (now: T) => void] {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, settled, delayMs]);
  return [settled, setSettled];
}
