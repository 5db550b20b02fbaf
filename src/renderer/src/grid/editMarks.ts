// How a row and its cells show their local edits not yet on the server: which mark, and the server's
// own words when it refused or someone changed the same field there. Read from the row's
// RowEditState (one per row, from the outbox), so drawing a cell costs a lookup, not a query.
import type { RowEditState } from '../../../shared/bridge';

export type EditMark = 'pending' | 'sending' | 'stuck' | 'rejected' | 'conflict' | 'ambiguous' | 'deleted';

/** Whether an edit with this mark waits on the person (it will not go on by itself): its cell says why, and its popover opens when the cell is active. */
export function needsPerson(mark: EditMark): boolean {
  return mark !== 'pending' && mark !== 'sending';
}

/** The mark of the row's edit as a whole (shown by its checkbox). */
export function rowMark(edits: RowEditState | undefined): EditMark | null {
  if (!edits) return null;
  switch (edits.state) {
    case 'pending':
      return edits.stuck ? 'stuck' : 'pending';
    case 'sending':
      return 'sending';
    // Sent, but the answer was lost: it is being checked with the server, as good as in flight.
    case 'unknown':
      return edits.stuck ? 'stuck' : 'sending';
    case 'rejected':
      return 'rejected';
    case 'conflict':
      return edits.conflict && 'deleted' in edits.conflict ? 'deleted' : 'conflict';
    case 'ambiguous':
      return 'ambiguous';
  }
}

/** The conflict on one field: what it was when edited here, the edit, and the server's value now. */
export function fieldConflict(edits: RowEditState | undefined, field: string): { base: unknown; mine: unknown; theirs: unknown } | null {
  const conflict = edits?.conflict;
  if (!conflict || !('fields' in conflict)) return null;
  return conflict.fields[field] ?? null;
}

/** Whether the row's open edit touches `field`. */
export function touchesField(edits: RowEditState | undefined, field: string): boolean {
  if (!edits) return false;
  return edits.fields.includes(field) || (edits.fieldErrors?.[field] !== undefined) || fieldConflict(edits, field) !== null;
}

/** The mark of one cell: the row's, when its edit touches the cell's field (a conflict on another field leaves it pending). */
export function cellMark(edits: RowEditState | undefined, field: string | undefined): EditMark | null {
  if (!edits || !field || !touchesField(edits, field)) return null;
  const mark = rowMark(edits);
  if (mark === 'conflict' && !fieldConflict(edits, field)) return 'pending';
  return mark;
}

/** The server's words for the cell (a refused value), or for the row when it names no field. */
export function cellMessage(edits: RowEditState | undefined, field: string | undefined): string | null {
  if (!edits) return null;
  const own = field ? edits.fieldErrors?.[field] : undefined;
  if (own && own.length > 0) return own.join(', ');
  return edits.message;
}
