// The charts' colours, read from the theme's CSS variables (styles/theme.css), so a chart drawn on
// a canvas follows the light and dark themes like everything else on the page.
import type { EnrollmentState } from '../../../shared/bridge';

export interface ChartTheme {
  surface: string;
  text: string;
  muted: string;
  grid: string;
  /** Single bars. */
  bar: string;
  states: Record<EnrollmentState, string>;
  font: string;
}

export function readChartTheme(root: HTMLElement = document.documentElement): ChartTheme {
  const style = getComputedStyle(root);
  const variable = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  return {
    surface: variable('--surface', '#ffffff'),
    text: variable('--text', '#1b1f24'),
    muted: variable('--text-muted', '#57606a'),
    grid: variable('--border', '#d8dee4'),
    bar: variable('--accent', '#0b62c4'),
    states: {
      active: variable('--accent', '#0b62c4'),
      completed: variable('--success', '#1a7f37'),
      expired: variable('--warning', '#bf8700'),
      cancelled: variable('--text-muted', '#57606a'),
    },
    font: `12px ${family}`,
  };
}
