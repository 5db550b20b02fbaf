// One chart with everything around it: its title, saving it as a picture or its numbers as CSV,
// the legend for split bars, and the table of its numbers as its text alternative.
import { useRef, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { navigate } from '../routing/useRoute';
import { gridLinkHref } from '../routing/gridLink';
import { BarChart, type BarChartHandle } from './BarChart';
import { chartCsv } from './chartCsv';
import { chartHeader, seriesHeader } from './chartHeaders';
import { isEmptyChart, type ChartModel, type ChartSeries } from './chartModels';
import type { ChartTheme } from './chartTheme';
import { ChartLegend } from './ChartLegend';
import { ChartTable } from './ChartTable';
import { downloadFile } from '../components/downloadFile';
import { csvBlob } from '../records/csvFile';
import { exportFileName } from './exportFileName';
import type { PickedBar } from './pickBar';

interface Props {
  model: ChartModel;
  theme: ChartTheme;
  account: string;
  asOf: string;
}

export function ChartCard({ model, theme, account, asOf }: Props) {
  const { t, number } = useI18n();
  const chart = useRef<BarChartHandle>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const title = t(`overview.chart.${model.id}`);
  const headingId = `chart-${model.id}`;
  const empty = isEmptyChart(model);
  const seriesLabel = (key: ChartSeries['key']) => t(seriesHeader(model.id, key));
  const describe = (bar: PickedBar) =>
    bar.series === 'count'
      ? t('overview.chart.bar', { category: bar.category, count: bar.figure.value })
      : t('overview.chart.segment', { category: bar.category, state: seriesLabel(bar.series), count: bar.figure.value });

  const savePng = async () => {
    setSaveError(null);
    try {
      const png = await chart.current?.toPng(title);
      if (png) downloadFile(png, exportFileName(model.id, account, asOf, 'png'));
    } catch (e) {
      setSaveError(t('overview.chart.saveFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  const saveCsv = () => {
    const csv = chartCsv(model, chartHeader(model, t));
    downloadFile(csvBlob(csv), exportFileName(model.id, account, asOf, 'csv'));
  };

  return (
    <section className="overview-chart card" aria-labelledby={headingId} data-chart={model.id}>
      <header className="overview-chart__header">
        <h2 id={headingId}>{title}</h2>
        <div className="overview-chart__actions">
          <button type="button" className="button" disabled={empty} aria-label={t('overview.chart.savePngLabel', { title })} onClick={() => void savePng()}>
            {t('overview.chart.savePng')}
          </button>
          <button type="button" className="button" aria-label={t('overview.chart.saveCsvLabel', { title })} onClick={saveCsv}>
            {t('overview.chart.saveCsv')}
          </button>
        </div>
      </header>
      {saveError ? <p role="alert">{saveError}</p> : null}
      {empty ? (
        <p className="overview-chart__empty">{t('overview.chart.empty')}</p>
      ) : (
        <div className="overview-chart__plot">
          <BarChart
            ref={chart}
            model={model}
            theme={theme}
            label={t('overview.chart.label', { title })}
            seriesLabel={seriesLabel}
            formatNumber={number}
            describe={describe}
            onOpen={(bar) => navigate(gridLinkHref(bar.figure.link))}
          />
        </div>
      )}
      {model.series.length > 1 && !empty ? <ChartLegend /> : null}
      <details className="overview-chart__numbers">
        <summary>{t('overview.chart.table')}</summary>
        <ChartTable model={model} caption={title} />
      </details>
    </section>
  );
}
