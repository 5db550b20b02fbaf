// One record's row, placed at its position in the virtual scroll height. Until its window has been
// read the row is there, empty and marked busy, so positions and the tab stop never jump.
import type { I18n } from '../i18n/createI18n';
import { formatCell } from './formatCell';
import type { GridColumn } from './gridColumns';
import type { CellPosition } from './gridKeys';
import type { Row } from './RowWindows';

export interface GridRowProps {
  /** The record's position in the list, from 0. */
  index: number;
  top: number;
  columns: GridColumn[];
  row: Row | undefined;
  tabStop: CellPosition;
  i18n: I18n;
}

export function GridRow({ index, top, columns, row, tabStop, i18n }: GridRowProps) {
  // Row 0 is the header row, so a record's row is its index plus one and its aria-rowindex plus two.
  const gridRow = index + 1;
  return (
    <div
      role="row"
      aria-rowindex={gridRow + 1}
      aria-busy={row ? undefined : true}
      className={`record-grid__row record-grid__record${index % 2 === 1 ? ' record-grid__record--even' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
    >
      {columns.map((column, col) => (
        <div
          key={column.key}
          role="gridcell"
          aria-colindex={col + 1}
          className={`record-grid__cell record-grid__cell--${column.kind}`}
          tabIndex={tabStop.row === gridRow && tabStop.col === col ? 0 : -1}
          data-row={gridRow}
          data-col={col}
        >
          {row ? formatCell(column, row, i18n) : ''}
        </div>
      ))}
    </div>
  );
}
