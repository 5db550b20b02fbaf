// The Overview: what needs attention today, counted from the local copy (so also offline) and
// counted again whenever the copy or the outbox changes. Every number opens the rows behind it.
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { OverviewFilters as Filters } from '../../../shared/bridge';
import { OVERVIEW_FIGURES } from '../../../shared/contractLists';
import { FailureMessage } from '../components/FailureMessage';
import { useI18n } from '../i18n/useI18n';
import { ChartCard } from '../overview/ChartCard';
import { CHART_IDS, chartModels } from '../overview/chartModels';
import { createOverviewStore } from '../overview/createOverviewStore';
import { dayLabel } from '../overview/dayLabel';
import { FigureLink } from '../overview/FigureLink';
import { OutboxFigure } from '../overview/OutboxFigure';
import { OverviewFilters } from '../overview/OverviewFilters';
import { filtersFromOverviewHash, overviewHash } from '../overview/overviewHash';
import { useChartTheme } from '../overview/useChartTheme';
import { useApp } from '../state/hooks';
import { bridge } from '../state/stores';
import './OverviewPage.css';

const OUTBOX_FIGURES = ['pending', 'rejected', 'conflict'] as const;

export function OverviewPage() {
  const { t, dateTime, language } = useI18n();
  const account = useApp((s) => s.app?.current?.name ?? '');
  const [store] = useState(() => createOverviewStore(bridge, filtersFromOverviewHash(window.location.hash)));
  useEffect(() => store.getState().listen(), [store]);
  const filters = useStore(store, (s) => s.filters);
  const overview = useStore(store, (s) => s.overview);
  const countedWith = useStore(store, (s) => s.countedWith);
  const failure = useStore(store, (s) => s.failure);
  const theme = useChartTheme();
  const charts = useMemo(() => (overview ? chartModels(overview, { day: dayLabel(language) }) : null), [overview, language]);

  const changeFilters = (next: Filters) => {
    store.getState().setFilters(next);
    // In the address too, so Back from a grid returns to the same narrowed page; replaceState
    // fires no hashchange, so the page stays as it is.
    window.history.replaceState(window.history.state, '', overviewHash(next));
  };
  const counting = overview !== null && countedWith !== filters;

  return (
    <section className="overview-page" aria-labelledby="page-heading" aria-busy={counting}>
      <header className="overview-page__header">
        <h1 id="page-heading" tabIndex={-1}>
          {t('overview.heading')}
        </h1>
        <p className="overview-page__as-of">
          {overview ? t('overview.asOf', { time: dateTime(overview.asOf) }) : null}
          {counting ? ` ${t('overview.refreshing')}` : null}
        </p>
      </header>
      <OverviewFilters filters={filters} onChange={changeFilters} />
      {failure ? <FailureMessage lead="overview.failed" failure={failure} /> : null}
      {!overview && !failure ? <p role="status">{t('overview.loading')}</p> : null}
      {overview && charts ? (
        <>
          <section className="overview-page__figures" aria-labelledby="overview-figures">
            <h2 id="overview-figures">{t('overview.figures')}</h2>
            <ul className="overview-figures">
              {OVERVIEW_FIGURES.map((name) => (
                <li key={name}>
                  <FigureLink name={name} label={t(`overview.figure.${name}`)} figure={overview.figures[name]} />
                </li>
              ))}
            </ul>
          </section>
          <section className="overview-page__figures" aria-labelledby="overview-edits">
            <h2 id="overview-edits">{t('overview.edits')}</h2>
            <ul className="overview-figures">
              {OUTBOX_FIGURES.map((name) => (
                <li key={name}>
                  <OutboxFigure name={name} label={t(`overview.outbox.${name}`)} count={overview.outbox[name]} />
                </li>
              ))}
            </ul>
          </section>
          <div className="overview-charts">
            {CHART_IDS.map((id) => (
              <ChartCard key={id} model={charts[id]} theme={theme} account={account} asOf={overview.asOf} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
