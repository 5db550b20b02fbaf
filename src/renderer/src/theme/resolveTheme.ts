// "Same as the system" resolves to light or dark by prefers-color-scheme; the others are themselves.
import type { Theme } from '../../../shared/bridge';

export type ResolvedTheme = 'light' | 'dark';

export function resolveTheme(theme: Theme, systemPrefersDark: boolean): ResolvedTheme {
  if (theme === 'system') return systemPrefersDark ? 'dark' : 'light';
  return theme;
}
