// The key to a split chart: each state's colour and pattern beside its name.
import { ENROLLMENT_STATES } from '../../../shared/contractLists';
import { useI18n } from '../i18n/useI18n';

export function ChartLegend() {
  const { t } = useI18n();
  return (
    <ul className="overview-legend" aria-label={t('overview.chart.legend')}>
      {ENROLLMENT_STATES.map((state) => (
        <li key={state}>
          <span className={`overview-legend__swatch overview-legend__swatch--${state}`} aria-hidden="true" />
          {t(`overview.state.${state}`)}
        </li>
      ))}
    </ul>
  );
}
