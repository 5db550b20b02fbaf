// A grid's rows as CSV: the selected rows (or every row matching the grid's filter and search),
// sorted as the grid sorts them, each as the user sees it (pending edits on top), with the columns
// the user chose, in their order. The header is the column keys, which import reads back.
import type Database from 'better-sqlite3';
import { csvLine } from '../../shared/csvCell';
import { matchingRows, type GridSelect, type GridSort } from './gridQuery';
import type { MirrorResource } from './mirrorColumns';

export function exportCsv(
  db: Database.Database,
  resource: MirrorResource,
  select: GridSelect & { sort?: GridSort[] },
  columns: readonly string[],
  options: { now?: number } = {},
): { csv: string; rows: number } {
  const lines = [csvLine(columns)];
  for (const row of matchingRows(db, resource, select, options)) lines.push(csvLine(columns.map((c) => row[c])));
  return { csv: lines.join(''), rows: lines.length - 1 };
}
