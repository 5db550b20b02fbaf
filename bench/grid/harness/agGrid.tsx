// AG Grid Community in the bench, the way its docs serve large server-side data: the Infinite Row
// Model, whose datasource asks our bench server's `students.query` through the same web transport
// our grid uses, with AG Grid's sort and filter models turned into our query.
import { useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import {
  InfiniteRowModelModule,
  ModuleRegistry,
  TextFilterModule,
  themeQuartz,
  type ColDef,
  type FilterModel,
  type GridApi,
  type IDatasource,
  type SortModelItem,
} from 'ag-grid-community';
import { createWebBridge } from '../../../src/renderer/src/bridge/webBridge';
import { ROW_HEIGHT } from '../../../src/renderer/src/grid/gridGeometry';
import { KEPT_WINDOWS, WINDOW_ROWS } from '../../../src/renderer/src/grid/windowMath';
import type { GridQueryInput } from '../../../src/shared/bridge';
import { headerText, RESOURCE, SHOWN_COLUMNS, SORT_AND_FILTER_COLUMN } from './benchColumns';
import { Harness, mountHarness } from './mountHarness';
import type { GridProbe } from './probe';

ModuleRegistry.registerModules([InfiniteRowModelModule, TextFilterModule]);

const bridge = createWebBridge();

type Row = Record<string, unknown>;

/** AG Grid's text filter model, as far as the bench sets it: "contains". */
function toFilters(model: FilterModel): GridQueryInput['filters'] {
  return Object.entries(model).map(([column, f]) => {
    const filter = f as { filterType?: string; type?: string; filter?: string };
    if (filter.filterType !== 'text' || filter.type !== 'contains') throw new Error(`the bench maps only "contains" text filters, not ${JSON.stringify(filter)}`);
    return { column, op: 'contains' as const, value: filter.filter ?? '' };
  });
}

const toSort = (model: SortModelItem[]) => model.map((s) => ({ column: s.colId, desc: s.sort === 'desc' }));

const datasource: IDatasource = {
  getRows(params) {
    const input: GridQueryInput = { offset: params.startRow, limit: params.endRow - params.startRow };
    const sort = toSort(params.sortModel);
    const filters = toFilters(params.filterModel as FilterModel);
    if (sort.length) input.sort = sort;
    if (filters?.length) input.filters = filters;
    bridge.invoke(`${RESOURCE}.query`, input).then(
      (answer) => params.successCallback(answer.rows, answer.total),
      () => params.failCallback(),
    );
  },
};

const columnDefs: ColDef<Row>[] = SHOWN_COLUMNS.map((c) => ({
  field: c.key,
  headerName: headerText(c.key),
  sortable: c.sortable,
  width: c.width,
  filter: c.key === SORT_AND_FILTER_COLUMN ? 'agTextColumnFilter' : false,
}));

// Our grid's font size (0.9rem) and row height; otherwise AG Grid's own default theme.
const theme = themeQuartz.withParams({ fontFamily: 'inherit', fontSize: 14.4, headerFontSize: 14.4, rowHeight: ROW_HEIGHT, headerHeight: ROW_HEIGHT });

function AgGridPage() {
  const api = useRef<GridApi<Row> | null>(null);
  // Straight to the grid's API, without a React render in between: AG Grid's fastest path.
  const onFilter = (text: string) => void api.current?.setFilterModel(text === '' ? null : { [SORT_AND_FILTER_COLUMN]: { filterType: 'text', type: 'contains', filter: text } });
  return (
    <Harness onFilter={onFilter}>
      <div style={{ height: '100%' }}>
        <AgGridReact<Row>
          theme={theme}
          columnDefs={columnDefs}
          rowModelType="infinite"
          datasource={datasource}
          // The same reading pattern as our grid: its window size and number of windows kept
          // (without a cap AG Grid keeps every block it ever read), and its 8 rows of overscan.
          cacheBlockSize={WINDOW_ROWS}
          maxBlocksInCache={KEPT_WINDOWS}
          rowBuffer={8}
          rowHeight={ROW_HEIGHT}
          headerHeight={ROW_HEIGHT}
          onGridReady={(event) => {
            api.current = event.api;
          }}
        />
      </div>
    </Harness>
  );
}

// AG Grid 36's DOM: one scrolling viewport (the role="grid" element), rows marked by row-index.
const cell = (index: number, column: string) => document.querySelector(`.ag-row[row-index="${index}"] .ag-cell[col-id="${column}"]`);

const probe: GridProbe = {
  emailAt: (index) => cell(index, 'email')?.textContent ?? null,
  scroller: () => document.querySelector<HTMLElement>('.ag-grid-viewport'),
  sortHeader: () => document.querySelector<HTMLElement>(`.ag-header-cell[col-id="${SORT_AND_FILTER_COLUMN}"]`),
};

mountHarness(probe, <AgGridPage />);
