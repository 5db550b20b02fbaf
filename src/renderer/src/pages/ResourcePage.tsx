// One resource's grid and everything around it. The page holds the grid's state: its sort and
// search, its filters (kept in the address, so a link or a bookmark opens the grid filtered and
// Back undoes a filter), its column layout (saved per account), the selected rows (dropped when
// the filters or search change, since they were chosen among other rows) and the open detail pane.
import { useState } from 'react';
import type { SortingState } from '@tanstack/react-table';
import type { BridgeFailure, GridResource, SavedView } from '../../../shared/bridge';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/createI18n';
import { FailureMessage } from '../components/FailureMessage';
import { bridge } from '../state/stores';
import { placeColumns } from '../grid/columnLayout';
import { GRID_COLUMNS } from '../grid/gridColumns';
import { RecordGrid } from '../grid/RecordGrid';
import { NO_SELECTION, type RowSelection } from '../grid/rowSelection';
import { SearchBox } from '../grid/SearchBox';
import { useRowWindows } from '../grid/useRowWindows';
import { hrefFor, type GridFilters } from '../routing/route';
import { navigate, useRoute } from '../routing/useRoute';
import { DetailPane } from '../records/details/DetailPane';
import type { PaneTarget } from '../records/details/RecordLink';
import { FilterChips } from '../records/FilterChips';
import { removeFilterAt } from '../records/gridFilters';
import { RecordsToolbar } from '../records/RecordsToolbar';
import { SelectionBar } from '../records/SelectionBar';
import { useColumnLayout } from '../records/useColumnLayout';
import { useSettled } from '../state/useSettled';
import './ResourcePage.css';

const NO_FILTERS: GridFilters = [];
/** How long the search box must rest before the grid searches: about the gap between keystrokes of someone typing a word. */
const SEARCH_SETTLES_MS = 150;

export function ResourcePage({ resource }: { resource: GridResource }) {
  const { t, tn } = useI18n();
  const route = useRoute();
  const filters = route.screen === 'resource' && route.resource === resource ? (route.filters ?? NO_FILTERS) : NO_FILTERS;
  const [sorting, setSorting] = useState<SortingState>([]);
  const [search, setSearch] = useState('');
  const { layout, setLayout, failure: layoutFailure } = useColumnLayout(resource);
  const [pane, setPane] = useState<PaneTarget | null>(null);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState<{ lead: MessageKey; failure: BridgeFailure } | null>(null);

  const sort = sorting.map((s) => ({ column: s.id, desc: s.desc }));
  // The grid searches once typing pauses; the box shows every keystroke at once.
  const [searched, searchNow] = useSettled(search, SEARCH_SETTLES_MS);
  const trimmedSearch = searched.trim();
  const { windows, total, failure } = useRowWindows(bridge, resource, { sort, search: searched, filters });

  // The selection belongs to the rows it was made among: new filters or a new search drop it.
  const queryKey = JSON.stringify({ filters, search: trimmedSearch });
  const [selection, setSelection] = useState<RowSelection>(NO_SELECTION);
  const [selectionQuery, setSelectionQuery] = useState(queryKey);
  if (selectionQuery !== queryKey) {
    setSelectionQuery(queryKey);
    setSelection(NO_SELECTION);
  }

  const columns = GRID_COLUMNS[resource];
  const shownColumns = layout ? placeColumns(columns, layout).map((p) => p.column.key) : [];
  const query = { filters, search: trimmedSearch || undefined };

  const setFilters = (next: GridFilters) => navigate(hrefFor({ screen: 'resource', resource, filters: next }));
  const say = (message: string) => {
    setProblem(null);
    setNotice(message);
  };
  const fail = (lead: MessageKey, failure: BridgeFailure) => {
    setNotice('');
    setProblem({ lead, failure });
  };
  const applyView = (view: SavedView) => {
    setSorting(view.sort.map((s) => ({ id: s.column, desc: s.desc === true })));
    setSearch(view.search);
    searchNow(view.search);
    setLayout(view.layout);
    setFilters(view.filters ?? []);
  };

  return (
    <section className="resource-page" aria-labelledby="page-heading">
      <header className="resource-page__header">
        <h1 id="page-heading" tabIndex={-1}>
          {t(`resource.${resource}`)}
        </h1>
        {total !== null ? (
          <p className="resource-page__count" data-testid="record-count" aria-live="polite">
            {tn('records.count', total)}
          </p>
        ) : null}
        <SearchBox value={search} onChange={setSearch} />
      </header>
      {layout ? (
        <RecordsToolbar
          resource={resource}
          columns={columns}
          layout={layout}
          onLayoutChange={setLayout}
          filters={filters}
          onFiltersChange={setFilters}
          search={trimmedSearch}
          sort={sort}
          shownColumns={shownColumns}
          onApplyView={applyView}
          onCreated={(id) => setPane({ resource, id })}
          onNotice={say}
          onFailure={fail}
        />
      ) : null}
      <FilterChips filters={filters} onRemove={(index) => setFilters(removeFilterAt(filters, index))} onClear={() => setFilters([])} />
      {total !== null ? (
        <SelectionBar
          resource={resource}
          selection={selection}
          onSelectionChange={setSelection}
          total={total}
          query={query}
          sort={sort}
          columns={shownColumns}
          onNotice={say}
          onFailure={fail}
        />
      ) : null}
      <p className="resource-page__notice" role="status" data-testid="grid-notice">
        {notice}
      </p>
      {problem ? (
        <div className="resource-page__problem">
          <FailureMessage lead={problem.lead} failure={problem.failure} />
          <button type="button" className="link-button" onClick={() => setProblem(null)}>
            {t('gridTools.dismiss')}
          </button>
        </div>
      ) : null}
      {layoutFailure ? <FailureMessage lead="gridTools.columns.failed" failure={layoutFailure} /> : null}
      {(total === null || !layout) && !failure ? <p role="status">{t('records.loading')}</p> : null}
      {failure ? <FailureMessage lead="records.failed" failure={failure} /> : null}
      {total === 0 ? <p>{filters.length ? t('gridTools.noMatchesFiltered') : trimmedSearch ? t('grid.noMatches', { search: trimmedSearch }) : t('records.empty')}</p> : null}
      <div className={pane ? 'resource-page__body resource-page__body--with-pane' : 'resource-page__body'}>
        {total !== null && layout ? (
          <RecordGrid
            resource={resource}
            columns={columns}
            layout={layout}
            onLayoutChange={setLayout}
            windows={windows}
            total={total}
            sorting={sorting}
            onSortingChange={setSorting}
            labelledBy="page-heading"
            selection={selection}
            onSelectionChange={setSelection}
            onOpenRecord={(id) => setPane({ resource, id })}
          />
        ) : null}
        {pane ? <DetailPane target={pane} onOpen={setPane} onClose={() => setPane(null)} /> : null}
      </div>
    </section>
  );
}
