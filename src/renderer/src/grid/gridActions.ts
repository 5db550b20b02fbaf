// What the grid's block keys do with the back end: paste a block, fill down, empty a range, copy a
// range, undo and redo. Each block becomes ONE `records.updateMany` call — one undo step, queued
// all or none — after the rows it covers have been read (from the held windows, or from the back
// end when they lie beyond them). Each returns the sentence the grid announces.
import type { EnlightBridge, GridResource, RowEditState } from '../../../shared/bridge';
import type { I18n } from '../i18n/createI18n';
import { toFailure } from '../state/toFailure';
import { rangeColumns, rangeRows, type CellRange } from './cellRange';
import { cellText, parseCellText, parseContext, sameValue } from './cellValue';
import type { EditBatch } from './editBatch';
import { fillDownEdits, fillRows } from './fillDown';
import type { GridColumn } from './gridColumns';
import { MAX_BLOCK_ROWS, pasteEdits, planPaste, type CellProblem } from './pastePlan';
import type { RowWindows } from './RowWindows';
import { parseTsv, toTsv } from './tsv';
import { resolveUsers } from './userDirectory';

export interface GridActionContext {
  bridge: EnlightBridge;
  resource: GridResource;
  windows: RowWindows;
  /** The shown columns, in order: grid column 1 is the first. */
  columns: readonly GridColumn[];
  total: number;
  i18n: I18n;
}

export interface ActionResult {
  message: string;
  /** The cells the action changed, to show them selected. */
  range?: CellRange;
}

const joinSentences = (parts: (string | null)[]) => parts.filter((p): p is string => p !== null && p !== '').join(' ');

/** Says what was skipped: read-only cells (by column), unchanged cells. */
function skipped(i18n: I18n, batch: EditBatch): (string | null)[] {
  const columns = [...batch.readOnlyColumns].map((label) => i18n.t(label)).join(', ');
  return [batch.readOnly > 0 ? i18n.tn('gridEditing.readOnlySkipped', batch.readOnly, { columns }) : null, batch.unchanged > 0 ? i18n.tn('gridEditing.unchanged', batch.unchanged) : null];
}

/** Queues the batch as one step; the cells show their new values at once. */
async function queue(context: GridActionContext, batch: EditBatch, done: string, range: CellRange, extra: (string | null)[] = []): Promise<ActionResult> {
  const { i18n } = context;
  if (batch.edits.length === 0) return { message: joinSentences([i18n.t('gridEditing.nothingChanged'), ...skipped(i18n, batch), ...extra]) };
  context.windows.patch(batch.patches);
  try {
    await context.bridge.invoke('records.updateMany', { resource: context.resource, edits: batch.edits });
  } catch (error) {
    // Nothing was queued: show the records as they are again.
    void context.windows.refresh();
    return { message: i18n.t('gridEditing.blockFailed', { message: failureWords(error) }) };
  }
  return { message: joinSentences([done, ...skipped(i18n, batch), ...extra]), range };
}

/** The back end's refusal in one line, with the fields it names. */
export function failureWords(error: unknown): string {
  const failure = toFailure(error);
  const fields = Object.entries(failure.fieldErrors ?? {}).map(([field, messages]) => (field === 'base' ? messages.join(', ') : `${field} ${messages.join(', ')}`));
  return fields.length > 0 && !fields.every((f) => failure.message.includes(f)) ? `${failure.message} (${fields.join('; ')})` : failure.message;
}

function problemWords(i18n: I18n, problems: CellProblem[]): string {
  const first = problems[0]!;
  const words = i18n.t('gridEditing.cellProblem', { row: first.index + 1, column: i18n.t(first.column.label), message: i18n.t(first.message, first.params) });
  return i18n.tn('gridEditing.pasteRefused', problems.length, { first: words });
}

/** Pastes clipboard text with its top-left cell at `range`'s (one cell over a larger range fills it). */
export async function pasteText(context: GridActionContext, text: string, range: CellRange): Promise<ActionResult> {
  const { i18n } = context;
  const block = parseTsv(text);
  if (block.length === 0) return { message: i18n.t('gridEditing.nothingToPaste') };
  const plan = planPaste(block, range, context.columns, context.total);
  const rows = await context.windows.rowsBetween(plan.firstIndex, plan.lastIndex);
  const userTexts = plan.cells.filter((c) => c.column.editor?.kind === 'user').map((c) => c.text);
  const userFor = userTexts.length > 0 ? await resolveUsers(context.bridge, userTexts) : undefined;
  const { batch, problems } = pasteEdits(plan, (index) => rows[index - plan.firstIndex], parseContext(i18n, Date.now(), userFor));
  if (problems.length > 0) return { message: problemWords(i18n, problems) };
  const pasted: CellRange = { top: range.top, bottom: plan.lastIndex + 1, left: range.left, right: range.left + Math.max(1, plan.width) - 1 };
  return queue(context, batch, i18n.tn('gridEditing.pasted', batch.changed), pasted, [
    plan.clippedRows > 0 ? i18n.tn('gridEditing.clippedRows', plan.clippedRows) : null,
    plan.clippedColumns > 0 ? i18n.tn('gridEditing.clippedColumns', plan.clippedColumns) : null,
  ]);
}

/** Copies the range's top row into the rows below it (a one-row range: the row above into it). */
export async function fillDown(context: GridActionContext, range: CellRange): Promise<ActionResult> {
  const { i18n } = context;
  const clipped = { ...range, bottom: Math.min(range.bottom, range.top + MAX_BLOCK_ROWS) };
  const rows = fillRows(clipped);
  if (!rows) return { message: i18n.t('gridEditing.fillNeedsRow') };
  const read = await context.windows.rowsBetween(rows.source, rows.last);
  const batch = fillDownEdits(clipped, context.columns, (index) => read[index - rows.source]);
  if (!batch) return { message: i18n.t('gridEditing.rowNotRead') };
  return queue(context, batch, i18n.tn('gridEditing.filled', batch.changed), clipped, [clipped.bottom < range.bottom ? i18n.t('gridEditing.tooManyRows', { count: MAX_BLOCK_ROWS }) : null]);
}

/** Empties the range's editable cells. */
export async function clearRange(context: GridActionContext, range: CellRange): Promise<ActionResult> {
  const { i18n } = context;
  const clipped = { ...range, bottom: Math.min(range.bottom, range.top + MAX_BLOCK_ROWS - 1) };
  const plan = planPaste([['']], clipped, context.columns, context.total);
  const rows = await context.windows.rowsBetween(plan.firstIndex, plan.lastIndex);
  const { batch } = pasteEdits(plan, (index) => rows[index - plan.firstIndex], parseContext(i18n, Date.now()));
  return queue(context, batch, i18n.tn('gridEditing.cleared', batch.changed), clipped, [clipped.bottom < range.bottom ? i18n.t('gridEditing.tooManyRows', { count: MAX_BLOCK_ROWS }) : null]);
}

/** The range as tab-separated text for a spreadsheet, on the clipboard. */
export async function copyRange(context: GridActionContext, range: CellRange, writeText: (text: string) => Promise<void>): Promise<ActionResult> {
  const { i18n } = context;
  const clipped = { ...range, bottom: Math.min(range.bottom, range.top + MAX_BLOCK_ROWS - 1) };
  try {
    const rows = await context.windows.rowsBetween(clipped.top - 1, clipped.bottom - 1);
    const columns = context.columns.slice(clipped.left - 1, clipped.right);
    await writeText(toTsv(rows.map((row) => columns.map((column) => (row ? cellText(column, row, i18n) : '')))));
  } catch (error) {
    return { message: i18n.t('gridEditing.copyFailed', { message: toFailure(error).message }) };
  }
  return {
    message: joinSentences([i18n.t('gridEditing.copied', { rows: rangeRows(clipped), columns: rangeColumns(clipped) }), clipped.bottom < range.bottom ? i18n.t('gridEditing.tooManyRows', { count: MAX_BLOCK_ROWS }) : null]),
  };
}

/** Takes back (or puts back) the last local edit: a cell, or a whole paste. */
export async function undoOrRedo(context: GridActionContext, which: 'undo' | 'redo'): Promise<ActionResult> {
  const { i18n } = context;
  try {
    await context.bridge.invoke(which === 'undo' ? 'records.undo' : 'records.redo', {});
  } catch (error) {
    return { message: i18n.t(which === 'undo' ? 'gridEditing.undoFailed' : 'gridEditing.redoFailed', { message: toFailure(error).message }) };
  }
  return { message: i18n.t(which === 'undo' ? 'gridEditing.undone' : 'gridEditing.redone') };
}

/**
 * Saves one typed value. `onAccepted` runs as soon as the text is a value for the column, before
 * the back end answers, so the grid moves on at once; the answer says what to show next to the
 * cell when the text was no value (`refused` false) or the back end refused it (`refused` true).
 */
export async function saveCell(
  context: GridActionContext,
  row: Record<string, unknown>,
  column: GridColumn,
  draft: string,
  onAccepted: () => void,
  edits?: RowEditState,
): Promise<{ ok: true; changed: boolean } | { ok: false; message: string; refused: boolean }> {
  const { i18n } = context;
  const field = column.editor?.field;
  if (!field) return { ok: false, message: i18n.t('gridEditing.readOnlyCell', { column: i18n.t(column.label) }), refused: false };
  const userFor = column.editor?.kind === 'user' && draft.trim() !== '' ? await resolveUsers(context.bridge, [draft]) : undefined;
  const parsed = parseCellText(column, draft, parseContext(i18n, Date.now(), userFor));
  if (!parsed.ok) return { ok: false, message: i18n.t(parsed.message, parsed.params), refused: false };
  onAccepted();
  if (sameValue(row, field, parsed.value)) return { ok: true, changed: false };
  const fields = { [field]: parsed.value };
  const id = String(row['id']);
  context.windows.patch(new Map([[id, { ...fields, ...parsed.shown }]]));
  try {
    // A value the server refused is corrected in its queued edit, which then goes again.
    if (edits?.state === 'rejected' && edits.fields.includes(field)) await context.bridge.invoke('outbox.resubmit', { seq: edits.seq, fields });
    else await context.bridge.invoke('records.update', { resource: context.resource, id, fields });
  } catch (error) {
    void context.windows.refresh();
    const failure = toFailure(error);
    const own = failure.fieldErrors?.[field];
    return { ok: false, message: own ? `${i18n.t(column.label)} ${own.join(', ')}` : failureWords(error), refused: true };
  }
  return { ok: true, changed: true };
}
