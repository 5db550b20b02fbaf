// One figure as a large number with what it counts; a link to the grid of exactly those records.
import type { OverviewFigure } from '../../../shared/bridge';
import { useI18n } from '../i18n/useI18n';
import { gridLinkHref } from '../routing/gridLink';

export function FigureLink({ name, label, figure }: { name: string; label: string; figure: OverviewFigure }) {
  const { number } = useI18n();
  return (
    <a className="overview-figure" href={gridLinkHref(figure.link)} data-figure={name}>
      <span className="overview-figure__value">{number(figure.value)}</span>
      <span className="overview-figure__label">{label}</span>
    </a>
  );
}
