// The chart colours of the theme the page shows now; a new value when <html data-theme> changes
// (the settings, or the system's scheme under "Same as the system").
import { useMemo, useSyncExternalStore } from 'react';
import { readChartTheme, type ChartTheme } from './chartTheme';

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

const currentTheme = () => document.documentElement.dataset['theme'] ?? '';

export function useChartTheme(): ChartTheme {
  const name = useSyncExternalStore(subscribe, currentTheme);
  // The variables' values follow the theme's name, so the name is what the colours are read again for.
  return useMemo(() => readChartTheme(), [name]);
}
