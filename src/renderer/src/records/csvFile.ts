// A CSV export as a file the person saves: named after what it holds and when it was made, and
// started with a byte-order mark so spreadsheets read its names (Chinese ones too) as UTF-8. The
// download itself is components/downloadFile.ts.
import type { GridResource } from '../../../shared/bridge';

/** "enrollments-2026-11-23-1405.csv", or "enrollments-selection-…" for selected rows only; local time. */
export function csvFileName(resource: GridResource, scope: 'view' | 'selection', at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  return `${resource}${scope === 'selection' ? '-selection' : ''}-${stamp}.csv`;
}

/** The CSV text as a file's content: UTF-8 with a byte-order mark (which the importer skips). */
export function csvBlob(csv: string): Blob {
  return new Blob([csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' });
}
