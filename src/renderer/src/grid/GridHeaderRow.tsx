// The grid's header row: one column header per column; clicking a sortable one sorts by it.
import type { Header } from '@tanstack/react-table';
import type { CellPosition } from './gridKeys';
import type { GridFeatures } from './RecordGrid';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

export function GridHeaderRow({ headers, tabStop }: { headers: Header<GridFeatures, Record<string, unknown>, unknown>[]; tabStop: CellPosition }) {
  return (
    <div role="rowgroup" className="record-grid__head">
      <div role="row" aria-rowindex={1} className="record-grid__row">
        {headers.map((header, col) => {
          const sorted = header.column.getIsSorted();
          const sortable = header.column.getCanSort();
          return (
            <div
              key={header.id}
              role="columnheader"
              aria-colindex={col + 1}
              aria-sort={sorted ? ARIA_SORT[sorted] : sortable ? 'none' : undefined}
              className={`record-grid__cell record-grid__header${sortable ? ' record-grid__header--sortable' : ''}`}
              tabIndex={tabStop.row === 0 && tabStop.col === col ? 0 : -1}
              data-row={0}
              data-col={col}
              onClick={sortable ? header.column.getToggleSortingHandler() : undefined}
            >
              {String(header.column.columnDef.header)}
              {sorted ? (
                <span aria-hidden="true" className="record-grid__sort">
                  {sorted === 'asc' ? '▲' : '▼'}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
