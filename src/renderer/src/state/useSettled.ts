// A value that follows another once it has held still for a moment: what a grid searches for
// while someone types. Each keystroke's query would otherwise run in turn in the back end before
// the one that matters (a one-letter search over 200,000 enrollments takes 0.4 s), and the grid
// would show every stale answer on the way.
import { useEffect, useState } from 'react';

export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, settled, delayMs]);
  return settled;
}
