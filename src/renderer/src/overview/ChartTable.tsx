// A chart's text alternative: its numbers in a table, each a link to the rows it counts, so a
// keyboard or screen-reader user can do everything a click on a bar does.
import { gridLinkHref } from '../routing/gridLink';
import { useI18n } from '../i18n/useI18n';
import type { ChartModel } from './chartModels';
import { chartHeader } from './chartHeaders';
import { chartRows } from './chartRows';

export function ChartTable({ model, caption }: { model: ChartModel; caption: string }) {
  const { t, number } = useI18n();
  const [categoryHeader, ...valueHeaders] = chartHeader(model, t);
  return (
    <table className="overview-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{categoryHeader}</th>
          {valueHeaders.map((header) => (
            <th scope="col" key={header}>
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {chartRows(model).map((row, i) => (
          <tr key={i}>
            <th scope="row">{row.category}</th>
            {row.figures.map((figure, j) => (
              <td key={j}>{figure.value > 0 ? <a href={gridLinkHref(figure.link)}>{number(figure.value)}</a> : number(0)}</td>
            ))}
            {row.total === null ? null : <td>{number(row.total)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
