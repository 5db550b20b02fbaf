// The page around either grid: a filter box (family name contains…) above the grid, the probe
// installed before the first render so the time to first rows counts from navigation.
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { headerText, SORT_AND_FILTER_COLUMN } from './benchColumns';
import { installProbe, type GridProbe } from './probe';
import './harness.css';

export function Harness({ onFilter, children }: { onFilter: (text: string) => void; children: ReactNode }) {
  return (
    <main className="bench">
      <input id="bench-filter" className="bench__filter" aria-label={`${headerText(SORT_AND_FILTER_COLUMN)} contains`} onChange={(e) => onFilter(e.target.value)} />
      <div className="bench__grid">{children}</div>
    </main>
  );
}

export function mountHarness(probe: GridProbe, page: ReactNode): void {
  installProbe(probe);
  const root = document.getElementById('root');
  if (!root) throw new Error('the harness page has no #root');
  createRoot(root).render(page);
}
