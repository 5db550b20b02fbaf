// The unsent edit of the active cell (or, on the selection column, of its row), beside the cell:
// its state in words, the server's own message when it refused the value, and what can be done —
// correct it, send it again, discard it — or, for a conflict, the value when it was edited here
// (base), the edit (mine) and the server's value now (theirs), to keep one of the last two.
// It shows by itself on a cell that needs the person; Shift+F10 moves focus into it, Escape back.
import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { RowEditState } from '../../../shared/bridge';
import type { I18n } from '../i18n/createI18n';
import { bridge } from '../state/stores';
import { cellMark, cellMessage, fieldConflict, needsPerson, rowMark } from './editMarks';
import { formatCell } from './formatCell';
import type { GridColumn } from './gridColumns';
import { userName } from './userDirectory';

export type IssueAction = 'correct' | 'retry' | 'discard' | 'mine' | 'theirs' | 'close';

interface Props {
  edits: RowEditState;
  /** The cell's column, or null for the row's edit as a whole. */
  column: GridColumn | null;
  /** The record's row number as the grid counts them (aria-rowindex less one). */
  row: number;
  focusInside: boolean;
  /** A field's name as its column heading says it. */
  fieldLabel(field: string): string;
  style: CSSProperties;
  i18n: I18n;
  onAction(action: IssueAction): void;
}

export function CellIssue({ edits, column, row, focusInside, fieldLabel, style, i18n, onAction }: Props) {
  const { t } = i18n;
  const headingId = useId();
  const box = useRef<HTMLDivElement>(null);
  const field = column ? (column.editor?.field ?? column.key) : undefined;
  const mark = column ? cellMark(edits, field) : rowMark(edits);
  const message = cellMessage(edits, field);
  const conflict = field ? fieldConflict(edits, field) : null;
  const names = useUserNames(column, conflict);

  useEffect(() => {
    if (focusInside) box.current?.querySelector<HTMLElement>('button')?.focus();
  }, [focusInside]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys here are the popover's: arrows must not move the grid's active cell behind it.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onAction('close');
    }
  };

  const shown = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('gridEditing.conflict.empty');
    if (!column) return String(value);
    if (column.editor?.kind === 'user') return names.get(String(value)) ?? String(value);
    return formatCell(column, { [column.key]: value }, i18n);
  };

  const button = (action: IssueAction, label: string) => (
    <button type="button" className="button" onClick={() => onAction(action)}>
      {label}
    </button>
  );

  return (
    <div ref={box} className="record-grid__issue" role="dialog" aria-labelledby={headingId} style={style} onKeyDown={onKeyDown}>
      <p id={headingId} className="record-grid__issue-heading">
        {column ? t('gridEditing.issue.heading', { column: t(column.label), row }) : t('gridEditing.issue.rowHeading', { row })}
        {mark ? ` — ${t(`gridEditing.mark.${mark}`)}` : ''}
      </p>
      {!mark ? <p>{t('gridEditing.issue.none')}</p> : null}
      {message && mark && needsPerson(mark) ? <p className="record-grid__issue-message">{message}</p> : null}
      {conflict && mark === 'conflict' ? (
        <dl className="record-grid__conflict">
          <dt>{t('gridEditing.conflict.base')}</dt>
          <dd>{shown(conflict.base)}</dd>
          <dt>{t('gridEditing.conflict.mine')}</dt>
          <dd>{shown(conflict.mine)}</dd>
          <dt>{t('gridEditing.conflict.theirs')}</dt>
          <dd>{shown(conflict.theirs)}</dd>
        </dl>
      ) : null}
      {mark === 'pending' || mark === 'stuck' || mark === 'rejected' || mark === 'deleted' || mark === 'ambiguous' ? (
        <p className="record-grid__issue-hint">{t('gridEditing.issue.discardHint', { fields: edits.fields.map(fieldLabel).join(', ') || edits.kind })}</p>
      ) : null}
      <div className="record-grid__issue-actions">
        {conflict && mark === 'conflict' ? (
          <>
            {button('mine', t('gridEditing.conflict.keepMine'))}
            {button('theirs', t('gridEditing.conflict.takeTheirs'))}
          </>
        ) : null}
        {mark === 'rejected' && column?.editor ? button('correct', t('gridEditing.issue.correct')) : null}
        {mark === 'rejected' || mark === 'stuck' || mark === 'ambiguous' ? button('retry', t('gridEditing.issue.retry')) : null}
        {mark && mark !== 'sending' && mark !== 'conflict' ? button('discard', t('gridEditing.issue.discard')) : null}
        {button('close', t('gridEditing.issue.close'))}
      </div>
      {!focusInside ? <p className="record-grid__issue-hint">{t('gridEditing.issue.keys')}</p> : null}
    </div>
  );
}

/** A conflict on a user field names users by id: their names, read once the chooser opens. */
function useUserNames(column: GridColumn | null, conflict: { base: unknown; mine: unknown; theirs: unknown } | null): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  const ids = conflict && column?.editor?.kind === 'user' ? [conflict.base, conflict.mine, conflict.theirs].filter((v): v is string => typeof v === 'string' && v !== '') : [];
  const key = ids.join(',');
  useEffect(() => {
    if (key === '') return;
    let current = true;
    bridge
      .invoke('users.query', { filters: [{ column: 'id', op: 'in', values: key.split(',') }], offset: 0, limit: 3 })
      .then((answer) => {
        if (current) setNames(new Map(answer.rows.map((r) => [String(r['id']), userName(r)])));
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [key]);
  return names;
}
