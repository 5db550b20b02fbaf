// One resource: its record count, a search box and the grid of its records.
import { useState } from 'react';
import type { SortingState } from '@tanstack/react-table';
import type { GridResource } from '../../../shared/bridge';
import { useI18n } from '../i18n/useI18n';
import { FailureMessage } from '../components/FailureMessage';
import { bridge } from '../state/stores';
import { GRID_COLUMNS } from '../grid/gridColumns';
import { RecordGrid } from '../grid/RecordGrid';
import { SearchBox } from '../grid/SearchBox';
import { useRowWindows } from '../grid/useRowWindows';
import './ResourcePage.css';

export function ResourcePage({ resource }: { resource: GridResource }) {
  const { t, tn } = useI18n();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [search, setSearch] = useState('');
  const { windows, total, failure } = useRowWindows(bridge, resource, { sort: sorting.map((s) => ({ column: s.id, desc: s.desc })), search });
  const searching = search.trim() !== '';

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
      {total === null && !failure ? <p role="status">{t('records.loading')}</p> : null}
      {failure ? <FailureMessage lead="records.failed" failure={failure} /> : null}
      {total === 0 ? <p>{searching ? t('grid.noMatches', { search: search.trim() }) : t('records.empty')}</p> : null}
      {total !== null ? <RecordGrid columns={GRID_COLUMNS[resource]} windows={windows} total={total} sorting={sorting} onSortingChange={setSorting} labelledBy="page-heading" /> : null}
    </section>
  );
}
