// Our grid in the bench: RecordGrid fed by useRowWindows over the app's bridge, exactly as the
// students page uses them. Everything that knows RecordGrid's props or DOM is in this file.
import './benchBridge';
import { useState } from 'react';
import type { SortingState } from '@tanstack/react-table';
import type { GridQueryInput } from '../../../src/shared/bridge';
import { DEFAULT_LAYOUT } from '../../../src/renderer/src/grid/columnLayout';
import { RecordGrid } from '../../../src/renderer/src/grid/RecordGrid';
import { NO_SELECTION, type RowSelection } from '../../../src/renderer/src/grid/rowSelection';
import { useRowWindows } from '../../../src/renderer/src/grid/useRowWindows';
import { bridge } from '../../../src/renderer/src/state/stores';
import '../../../src/renderer/src/styles/theme.css';
import { COLUMNS, headerText, RESOURCE, SORT_AND_FILTER_COLUMN } from './benchColumns';
import { Harness, mountHarness } from './mountHarness';
import type { GridProbe } from './probe';

function OursPage() {
  const [layout, setLayout] = useState(DEFAULT_LAYOUT);
  const [selection, setSelection] = useState<RowSelection>(NO_SELECTION);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState('');
  const filters: GridQueryInput['filters'] = filter === '' ? [] : [{ column: SORT_AND_FILTER_COLUMN, op: 'contains', value: filter }];
  const query = { sort: sorting.map((s) => ({ column: s.id, desc: s.desc })), search: '', filters };
  const { windows, total } = useRowWindows(bridge, RESOURCE, query);
  return (
    <Harness onFilter={setFilter}>
      {/* The app sizes the grid to its page; here it fills the same box AG Grid fills. */}
      <style>{'.bench__grid > .record-grid-frame, .bench__grid .record-grid { height: 100%; box-sizing: border-box; }'}</style>
      <span id="grid-label" hidden>
        Students
      </span>
      {total !== null ? (
        <RecordGrid
          resource={RESOURCE}
          columns={COLUMNS}
          layout={layout}
          onLayoutChange={setLayout}
          windows={windows}
          total={total}
          sorting={sorting}
          onSortingChange={setSorting}
          labelledBy="grid-label"
          selection={selection}
          onSelectionChange={setSelection}
          // The bench has no detail pane to open.
          onOpenRecord={() => {}}
        />
      ) : null}
    </Harness>
  );
}

// Read through the grid's ARIA: the header row is aria-rowindex 1, record i is i + 2.
const columnIndex = (key: string): string | null => {
  const text = headerText(key);
  const header = [...document.querySelectorAll('[role="columnheader"]')].find((h) => h.textContent?.startsWith(text));
  return header?.getAttribute('aria-colindex') ?? null;
};

const probe: GridProbe = {
  emailAt(index) {
    const row = document.querySelector(`.record-grid [role="row"][aria-rowindex="${index + 2}"]`);
    if (!row || row.getAttribute('aria-busy') === 'true') return null;
    return row.querySelector(`[role="gridcell"][aria-colindex="${columnIndex('email')}"]`)?.textContent ?? null;
  },
  scroller: () => document.querySelector<HTMLElement>('.record-grid'),
  sortHeader: () => document.querySelector<HTMLElement>(`.record-grid [role="columnheader"][aria-colindex="${columnIndex(SORT_AND_FILTER_COLUMN)}"]`),
};

mountHarness(probe, <OursPage />);
