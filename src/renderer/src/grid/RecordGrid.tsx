// One resource's records as a WAI-ARIA grid: a header row that sorts, and a virtualized body over
// every matching record whose rows are read window by window as they scroll into view. One cell
// is the tab stop; the arrow keys, Home/End, PageUp/PageDown and Ctrl+Home/End move it.
import { useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { rowSortingFeature, tableFeatures, useTable, type ColumnDef, type SortingState, type Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useI18n } from '../i18n/useI18n';
import type { GridColumn } from './gridColumns';
import { nextCell, type CellPosition } from './gridKeys';
import type { RowWindows } from './RowWindows';
import { GridHeaderRow } from './GridHeaderRow';
import { GridRow } from './GridRow';
import './RecordGrid.css';

/** Every row is this tall, so the scroll height is known before a row is read. */
export const ROW_HEIGHT = 32;

const features = tableFeatures({ rowSortingFeature });
export type GridFeatures = typeof features;
type Record_ = Record<string, unknown>;

export interface RecordGridProps {
  columns: GridColumn[];
  windows: RowWindows;
  total: number;
  sorting: SortingState;
  onSortingChange: (sorting: SortingState) => void;
  labelledBy: string;
}

export function RecordGrid({ columns, windows, total, sorting, onSortingChange, labelledBy }: RecordGridProps) {
  const i18n = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<CellPosition>({ row: 0, col: 0 });
  const focusActive = useRef(false);

  const table = useTable({
    features,
    columns: columns.map((c): ColumnDef<GridFeatures, Record_> => ({ id: c.key, accessorKey: c.key, header: i18n.t(c.label), enableSorting: c.sortable })),
    data: [],
    state: { sorting },
    // Sorting runs in SQLite; the table only keeps which column and which way.
    manualSorting: true,
    enableMultiSort: false,
    sortDescFirst: false,
    onSortingChange: (updater: Updater<SortingState>) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
  });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // The sticky header row sits above the first record, inside the same scroller.
    paddingStart: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? 0;
  const lastShown = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (total > 0) windows.show(firstShown, lastShown);
  }, [windows, total, firstShown, lastShown]);

  // A new sort or search is a new list: start again at its top.
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [windows, virtualizer]);

  // The active cell stays inside the grid when the list shrinks.
  const at: CellPosition = { row: Math.min(active.row, total), col: Math.min(active.col, columns.length - 1) };
  const activeRendered = at.row === 0 || (at.row - 1 >= firstShown && at.row - 1 <= lastShown && items.length > 0);
  // With the active row scrolled away, its column's header keeps the grid's one tab stop.
  const tabStop: CellPosition = activeRendered ? at : { row: 0, col: at.col };

  useLayoutEffect(() => {
    if (!focusActive.current || !activeRendered) return;
    const cell = scroller.current?.querySelector<HTMLElement>(`[data-row="${at.row}"][data-col="${at.col}"]`);
    if (cell) {
      focusActive.current = false;
      cell.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (at.row === 0 && (event.key === 'Enter' || event.key === ' ')) {
      const header = headers[at.col];
      if (header?.column.getCanSort()) {
        event.preventDefault();
        header.column.toggleSorting();
      }
      return;
    }
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const next = nextCell(event, at, { lastRow: total, lastCol: columns.length - 1, pageRows });
    if (!next) return;
    event.preventDefault();
    focusActive.current = true;
    setActive(next);
    if (next.row === 0) virtualizer.scrollToOffset(0);
    else virtualizer.scrollToIndex(next.row - 1, { align: 'auto' });
  };

  // A click or a screen reader's focus moves the active cell too.
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const row = Number(event.target.dataset['row']);
    const col = Number(event.target.dataset['col']);
    if (Number.isInteger(row) && Number.isInteger(col) && (row !== at.row || col !== at.col)) setActive({ row, col });
  };

  return (
    <div
      ref={scroller}
      className="record-grid"
      role="grid"
      aria-labelledby={labelledBy}
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      style={{ ['--grid-columns' as string]: columns.length, ['--grid-row-height' as string]: `${ROW_HEIGHT}px` }}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div className="record-grid__canvas" style={{ height: virtualizer.getTotalSize() }}>
        <GridHeaderRow headers={headers} tabStop={tabStop} />
        <div role="rowgroup">
          {items.map((item) => (
            <GridRow key={item.key} index={item.index} top={item.start} columns={columns} row={windows.rowAt(item.index)} tabStop={tabStop} i18n={i18n} />
          ))}
        </div>
      </div>
    </div>
  );
}
