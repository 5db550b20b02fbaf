// Puts the chosen theme and language on <html>: data-theme picks the CSS variables, color-scheme
// styles the browser's own controls and scrollbars, lang lets screen readers and fonts pick the
// right language. "Same as the system" follows the system while the app runs.
import { useEffect, useSyncExternalStore } from 'react';
import { useSettings } from '../state/hooks';
import { resolveTheme } from './resolveTheme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeToSystemTheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const systemPrefersDark = () => window.matchMedia(DARK_QUERY).matches;

export function useDocumentSettings(): void {
  const { theme, language } = useSettings((s) => s.settings);
  const prefersDark = useSyncExternalStore(subscribeToSystemTheme, systemPrefersDark);
  const resolved = resolveTheme(theme, prefersDark);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset['theme'] = resolved;
    root.style.colorScheme = resolved;
  }, [resolved]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
}
