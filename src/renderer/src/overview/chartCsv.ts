// A chart's rows as CSV, made here from the figures already on screen, with the same cells as
// every other export (shared/csvCell.ts): text a spreadsheet would run as a formula gets a leading
// apostrophe, so opening the file never runs anything; numbers stay numbers.
import { csvCell } from '../../../shared/csvCell';
import type { ChartModel } from './chartModels';
import { chartRows } from './chartRows';

/**
 * The chart's rows under this header (category, one column per series, and the total for split
 * bars), as RFC 4180 lines (CRLF), headed by a byte-order mark so spreadsheet programs read the
 * UTF-8 (Chinese course names included) as UTF-8.
 */
export function chartCsv(model: ChartModel, header: string[]): string {
  const rows = chartRows(model).map((row) => [row.category, ...row.figures.map((f) => f.value), ...(row.total === null ? [] : [row.total])]);
  return `\ufeff${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
