// The grid's header row: the "select every matching row" checkbox, then one header per shown
// column. Clicking a sortable header sorts by it; dragging a header moves its column; dragging a
// header's right edge resizes it (a double click there puts back its default width).
import { useRef, useState, type CSSProperties, type PointerEvent } from 'react';
import type { Header } from '@tanstack/react-table';
import type { I18n } from '../i18n/createI18n';
import type { CellPosition } from './gridKeys';
import { dropPlace, type GridGeometry } from './gridGeometry';
import type { GridColumn } from './gridColumns';
import { keepFocus, pinClass } from './GridRow';
import type { GridFeatures } from './RecordGrid';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;
/** How far a header moves under the pointer before it counts as a drag, not a click. */
const DRAG_THRESHOLD = 6;

export type SelectAllState = 'all' | 'some' | 'none';

export interface HeaderActions {
  toggleAll(): void;
  /** A width while dragging (`done` false), then the final one. */
  resize(key: string, width: number, done: boolean): void;
  resetWidth(key: string): void;
  move(key: string, place: number): void;
  /** A pointer's x as a distance from the row's left edge. */
  rowX(clientX: number): number;
}

interface Props {
  headers: Header<GridFeatures, Record<string, unknown>, unknown>[];
  columns: readonly GridColumn[];
  geometry: GridGeometry;
  cellStyles: readonly (CSSProperties | undefined)[];
  tabStop: CellPosition;
  selectAll: SelectAllState;
  actions: HeaderActions;
  i18n: I18n;
}

export function GridHeaderRow({ headers, columns, geometry, cellStyles, tabStop, selectAll, actions, i18n }: Props) {
  const drag = useRef<{ key: string; from: number; startX: number; moving: boolean } | null>(null);
  const resizing = useRef<{ key: string; startX: number; startWidth: number; width: number } | null>(null);
  const justDragged = useRef(false);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const lastStuck = geometry.stuck - 1;

  const onHeaderPointerDown = (event: PointerEvent<HTMLDivElement>, key: string, from: number) => {
    if (event.button !== 0) return;
    drag.current = { key, from, startX: event.clientX, moving: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onHeaderPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    if (!d.moving && Math.abs(event.clientX - d.startX) < DRAG_THRESHOLD) return;
    d.moving = true;
    setDropAt(dropPlace(geometry, d.from, actions.rowX(event.clientX)));
  };
  const onHeaderPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    setDropAt(null);
    if (!d?.moving) return;
    justDragged.current = true;
    const place = dropPlace(geometry, d.from, actions.rowX(event.clientX));
    if (place !== d.from) actions.move(d.key, place);
  };

  const onResizePointerDown = (event: PointerEvent<HTMLDivElement>, key: string, width: number) => {
    event.stopPropagation();
    if (event.button !== 0) return;
    resizing.current = { key, startX: event.clientX, startWidth: width, width };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onResizePointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const r = resizing.current;
    if (!r) return;
    r.width = r.startWidth + event.clientX - r.startX;
    actions.resize(r.key, r.width, false);
  };
  const onResizePointerUp = () => {
    const r = resizing.current;
    resizing.current = null;
    if (r) actions.resize(r.key, r.width, true);
  };

  const dropLeft = dropAt === null ? null : markerLeft(geometry, drag.current?.from ?? 0, dropAt);

  return (
    <div role="rowgroup" className="record-grid__head">
      <div role="row" aria-rowindex={1} className="record-grid__row">
        <div
          role="columnheader"
          aria-colindex={1}
          className={`record-grid__cell record-grid__header record-grid__select${pinClass(0, lastStuck)}`}
          style={cellStyles[0]}
          tabIndex={tabStop.row === 0 && tabStop.col === 0 ? 0 : -1}
          data-row={0}
          data-col={0}
        >
          <input
            type="checkbox"
            tabIndex={-1}
            checked={selectAll === 'all'}
            onMouseDown={keepFocus}
            ref={(box) => {
              if (box) box.indeterminate = selectAll === 'some';
            }}
            onChange={actions.toggleAll}
            aria-label={i18n.t('gridEditing.selectAll')}
          />
        </div>
        {headers.map((header, i) => {
          const col = i + 1;
          const column = columns[i]!;
          const sorted = header.column.getIsSorted();
          const sortable = header.column.getCanSort();
          const width = geometry.widths[col] ?? column.width;
          return (
            <div
              key={header.id}
              role="columnheader"
              aria-colindex={col + 1}
              aria-sort={sorted ? ARIA_SORT[sorted] : sortable ? 'none' : undefined}
              className={`record-grid__cell record-grid__header${sortable ? ' record-grid__header--sortable' : ''}${pinClass(col, lastStuck)}`}
              style={cellStyles[col]}
              tabIndex={tabStop.row === 0 && tabStop.col === col ? 0 : -1}
              data-row={0}
              data-col={col}
              onPointerDown={(e) => onHeaderPointerDown(e, column.key, i)}
              onPointerMove={onHeaderPointerMove}
              onPointerUp={onHeaderPointerUp}
              onPointerCancel={() => {
                drag.current = null;
                setDropAt(null);
              }}
              onClick={(e) => {
                if (justDragged.current) {
                  justDragged.current = false;
                  return;
                }
                if (sortable) header.column.getToggleSortingHandler()?.(e);
              }}
            >
              <span className="record-grid__header-label">{String(header.column.columnDef.header)}</span>
              {sorted ? (
                <span aria-hidden="true" className="record-grid__sort">
                  {sorted === 'asc' ? '▲' : '▼'}
                </span>
              ) : null}
              <div
                className="record-grid__resize"
                aria-hidden="true"
                title={i18n.t('gridEditing.resizeColumn', { column: String(header.column.columnDef.header) })}
                onPointerDown={(e) => onResizePointerDown(e, column.key, width)}
                onPointerMove={onResizePointerMove}
                onPointerUp={onResizePointerUp}
                onPointerCancel={onResizePointerUp}
                onClick={(e) => e.stopPropagation()}
                onDoubleClick={(e) => {
                  e.stopPropagation();
                  actions.resetWidth(column.key);
                }}
              />
            </div>
          );
        })}
      </div>
      {dropLeft !== null ? <div className="record-grid__drop" style={{ left: dropLeft }} aria-hidden="true" /> : null}
    </div>
  );
}

/** Where the drop marker stands for a column dragged from place `from` to place `to`. */
function markerLeft(geometry: GridGeometry, from: number, to: number): number {
  // Places count with the dragged column taken out; edges count with it in.
  const edge = to >= from ? to + 2 : to + 1;
  return geometry.lefts[edge] ?? geometry.width;
}
