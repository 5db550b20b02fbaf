// One record's row, placed at its position in the virtual scroll height. Until its window has been
// read the row is there, empty and marked busy, so positions and the tab stop never jump. It starts
// with the selection column (checkbox, open-details button, the mark of its unsent edit), and each
// field's cell shows the mark of its own edit with words a screen reader says (never colour alone).
// Memoised: a row draws again only when its record, its edit state or its part of the focus changes.
import { memo, type CSSProperties, type MouseEvent } from 'react';
import type { RowEditState } from '../../../shared/bridge';
import type { I18n } from '../i18n/createI18n';
import { CellEditor, type EditorControls, type EditorState } from './CellEditor';
import { cellMark, cellMessage, needsPerson, rowMark, type EditMark } from './editMarks';
import { formatCell } from './formatCell';
import type { GridColumn } from './gridColumns';
import type { Row } from './RowWindows';

/** The glyph beside a marked cell; its meaning is also said in words. */
export const MARK_GLYPHS: Record<EditMark, string> = {
  pending: '●',
  sending: '↻',
  stuck: '‖',
  rejected: '!',
  conflict: '⇄',
  ambiguous: '?',
  deleted: '✕',
};

export interface RowActions {
  toggle(index: number): void;
  open(index: number): void;
}

export interface GridRowProps {
  /** The record's position in the list, from 0. */
  index: number;
  top: number;
  columns: readonly GridColumn[];
  /** Per grid column (0 is the selection column): the style that pins it, if pinned. */
  cellStyles: readonly (CSSProperties | undefined)[];
  /** The last pinned grid column (it draws the edge the rest scroll under). */
  lastStuck: number;
  row: Row | undefined;
  edits: RowEditState | undefined;
  selected: boolean;
  /** The grid column holding the tab stop when it is in this row, else -1. */
  tabCol: number;
  /** The columns of the cell range when it covers this row, else null. */
  range: { left: number; right: number } | null;
  /** The editor, when a cell of this row is being edited. */
  editor: EditorState | null;
  editorControls: EditorControls;
  actions: RowActions;
  i18n: I18n;
}

export const keepFocus = (event: MouseEvent) => event.preventDefault();

/** The classes of a cell in grid column `col` when it sticks to the left (columns 0..lastStuck do); the last draws the edge. */
export const pinClass = (col: number, lastStuck: number): string =>
  `${col <= lastStuck ? ' record-grid__cell--pinned' : ''}${col === lastStuck ? ' record-grid__cell--pinned-last' : ''}`;

/** What a screen reader says of the active cell waiting for typing: its column, row, value and edit's state. */
function typingLabel(i18n: I18n, column: GridColumn, gridRow: number, row: Row | undefined, words: string | null): string {
  const text = row ? formatCell(column, row, i18n) : '';
  // A value of any length is shown clipped; said aloud, its start is enough.
  const value = text === '' ? i18n.t('gridEditing.emptyValue') : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  const label = i18n.t('gridEditing.typingLabel', { column: i18n.t(column.label), row: gridRow, value });
  return words ? `${label} ${words}` : label;
}

function markWords(i18n: I18n, mark: EditMark, message: string | null): string {
  const state = i18n.t(`gridEditing.mark.${mark}`);
  return message && needsPerson(mark) ? i18n.t('gridEditing.markWithMessage', { state, message }) : state;
}

export const GridRow = memo(function GridRow({ index, top, columns, cellStyles, lastStuck, row, edits, selected, tabCol, range, editor, editorControls, actions, i18n }: GridRowProps) {
  // Row 0 is the header row, so a record's row is its index plus one and its aria-rowindex plus two.
  const gridRow = index + 1;
  const mark = rowMark(edits);
  const rowWords = mark && edits ? i18n.t(`gridEditing.rowState.${edits.kind}`, { state: markWords(i18n, mark, edits.message) }) : null;
  const classes = ['record-grid__row', 'record-grid__record'];
  if (index % 2 === 1) classes.push('record-grid__record--even');
  if (selected) classes.push('record-grid__record--selected');
  if (edits?.kind === 'delete') classes.push('record-grid__record--deleting');
  const cellClass = (col: number, extra: string) => `record-grid__cell${extra}${pinClass(col, lastStuck)}`;

  return (
    <div
      role="row"
      aria-rowindex={gridRow + 1}
      aria-busy={row ? undefined : true}
      aria-selected={row ? selected : undefined}
      className={classes.join(' ')}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" aria-colindex={1} className={cellClass(0, ' record-grid__select')} style={cellStyles[0]} tabIndex={tabCol === 0 ? 0 : -1} data-row={gridRow} data-col={0}>
        {row ? (
          <>
            {/* A click here leaves the focus on the cell, where the grid's keys work. */}
            <input type="checkbox" tabIndex={-1} checked={selected} onMouseDown={keepFocus} onChange={() => actions.toggle(index)} aria-label={i18n.t('gridEditing.selectRow', { row: gridRow })} />
            <button
              type="button"
              tabIndex={-1}
              className="record-grid__open"
              onMouseDown={keepFocus}
              onClick={() => actions.open(index)}
              aria-label={i18n.t('gridEditing.openRecord', { row: gridRow })}
              title={i18n.t('gridEditing.openRecord', { row: gridRow })}
            >
              <span aria-hidden="true">↗</span>
            </button>
            {mark ? (
              <span className={`record-grid__mark record-grid__mark--${mark}`} title={rowWords ?? undefined}>
                <span aria-hidden="true">{MARK_GLYPHS[mark]}</span>
                <span className="visually-hidden">{rowWords}</span>
              </span>
            ) : null}
          </>
        ) : null}
      </div>
      {columns.map((column, i) => {
        const col = i + 1;
        const field = column.editor?.field;
        const cell = cellMark(edits, field ?? column.key);
        const message = cell ? cellMessage(edits, field ?? column.key) : null;
        const words = cell ? markWords(i18n, cell, message) : null;
        const inRange = range !== null && col >= range.left && col <= range.right;
        const editing = editor !== null && editor.col === col;
        // The active cell, when it can be edited, waits for typing in an input of its own
        // (CellEditor.tsx), which holds the focus and the tab stop and becomes the editor.
        const typing = editing || (tabCol === col && column.editor !== undefined && row !== undefined);
        let extra = ` record-grid__cell--${column.kind}`;
        if (inRange) extra += ' record-grid__cell--in-range';
        if (cell) extra += ` record-grid__cell--${cell}`;
        if (editing) extra += ' record-grid__cell--editing';
        return (
          <div
            key={column.key}
            role="gridcell"
            aria-colindex={col + 1}
            aria-readonly={column.editor ? undefined : true}
            aria-invalid={cell === 'rejected' ? true : undefined}
            className={cellClass(col, extra)}
            style={cellStyles[col]}
            tabIndex={tabCol === col && !typing ? 0 : -1}
            data-row={gridRow}
            data-col={col}
            title={words ?? undefined}
          >
            {/* First, so that it stays the same element when editing starts. */}
            {typing ? <CellEditor column={column} state={editing ? editor : null} idleLabel={typingLabel(i18n, column, gridRow, row, words)} i18n={i18n} controls={editorControls} /> : null}
            {editing ? null : (
              <>
                {/* There while the row is read too, so its arrival only sets the text. */}
                <span className="record-grid__value">{row ? formatCell(column, row, i18n) : null}</span>
                {cell ? (
                  <span className={`record-grid__mark record-grid__mark--${cell}`}>
                    <span aria-hidden="true">{MARK_GLYPHS[cell]}</span>
                    <span className="visually-hidden">{`, ${words}`}</span>
                  </span>
                ) : null}
              </>
            )}
          </div>
        );
      })}
    </div>
  );
});
