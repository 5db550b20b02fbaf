// One resource: its record count and a plain table of its first rows. Kept small on purpose: the
// virtualized grid of the next issue replaces this component whole.
import type { GridResource } from '../../../shared/bridge';
import { useI18n } from '../i18n/useI18n';
import { FailureMessage } from '../components/FailureMessage';
import { bridge } from '../state/stores';
import { COLUMNS } from './columns';
import { formatCell } from './formatCell';
import { useFirstWindow } from './useFirstWindow';
import './ResourcePage.css';

export function ResourcePage({ resource }: { resource: GridResource }) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const state = useFirstWindow(bridge, resource);
  const title = t(`resource.${resource}`);
  const columns = COLUMNS[resource];

  return (
    <section className="resource-page" aria-labelledby="page-heading">
      <header className="resource-page__header">
        <h1 id="page-heading" tabIndex={-1}>
          {title}
        </h1>
        {state.status === 'ready' ? (
          <p className="resource-page__count" data-testid="record-count">
            {tn('records.count', state.window.total)}
          </p>
        ) : null}
      </header>
      {state.status === 'loading' ? <p role="status">{t('records.loading')}</p> : null}
      {state.status === 'failed' ? <FailureMessage lead="records.failed" failure={state.error} /> : null}
      {state.status === 'ready' && state.window.total === 0 ? <p>{t('records.empty')}</p> : null}
      {state.status === 'ready' && state.window.rows.length > 0 ? (
        <>
          {state.window.total > state.window.rows.length ? <p className="resource-page__note">{t('records.showingFirst', { shown: state.window.rows.length, total: state.window.total })}</p> : null}
          <div className="table-scroll">
            <table className="records">
              <caption className="visually-hidden">{t('records.tableCaption', { resource: title })}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.key} scope="col">
                      {t(c.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.window.rows.map((row, index) => (
                  <tr key={typeof row['id'] === 'string' ? row['id'] : index}>
                    {columns.map((c) => (
                      <td key={c.key} className={`records__cell records__cell--${c.kind}`}>
                        {formatCell(c, row, i18n)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
