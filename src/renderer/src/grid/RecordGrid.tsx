// One resource's records as a WAI-ARIA grid that behaves like a spreadsheet: a header row that
// sorts, moves and resizes its columns, and a virtualized body over every matching record whose
// rows are read window by window as they scroll into view. One cell is the tab stop; the keys are
// listed in gridKeys.ts (and under the grid, in GridKeyboardHelp). Editing a cell, pasting a block,
// filling down, emptying a range, undo and redo go to the back end through the bridge; each cell
// shows the state of its unsent edit, and a cell that needs the person offers what can be done.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type CSSProperties, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { rowSortingFeature, tableFeatures, useTable, type ColumnDef, type SortingState, type Updater } from '@tanstack/react-table';
import type { ColumnLayout, GridResource } from '../../../shared/bridge';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { toFailure } from '../state/toFailure';
import { editorErrorId, type EditorControls, type EditorMove, type EditorState } from './CellEditor';
import { CellIssue, type IssueAction } from './CellIssue';
import { clampRange, rangeBetween, rangeColumns, rangeRows, type CellRange } from './cellRange';
import { cellText } from './cellValue';
import { clampWidth, moveColumn, placeColumns, resizeColumn } from './columnLayout';
import { cellMark, needsPerson, rowMark } from './editMarks';
import { clearRange, copyRange, fillDown, pasteText, saveCell, undoOrRedo, type ActionResult, type GridActionContext } from './gridActions';
import type { GridColumn } from './gridColumns';
import { gridGeometry, ROW_HEIGHT, scrollLeftToShow } from './gridGeometry';
import { gridCommand, type CellPosition, type GridCommand } from './gridKeys';
import { GridHeaderRow, type HeaderActions, type SelectAllState } from './GridHeaderRow';
import { GridKeyboardHelp } from './GridKeyboardHelp';
import { GridRow, type RowActions } from './GridRow';
import { isSelected, NO_SELECTION, selectedCount, toggleRow, type RowSelection } from './rowSelection';
import { RowKeys } from './rowKeys';
import type { RowWindows } from './RowWindows';
import { useRowRange } from './useRowRange';
import './RecordGrid.css';

/** The sticky header row sits above the first record, inside the same scroller; 8 records are rendered beyond each edge of the view. */
const ROW_LAYOUT = { rowHeight: ROW_HEIGHT, headerHeight: ROW_HEIGHT, overscan: 8 };

const features = tableFeatures({ rowSortingFeature });
export type GridFeatures = typeof features;
type Record_ = Record<string, unknown>;
/** The rows are RowWindows', read window by window: the table only knows the columns and the sort. */
const NO_ROWS: Record_[] = [];

export interface RecordGridProps {
  resource: GridResource;
  /** Every column the resource offers (GRID_COLUMNS[resource]); the layout says which show. */
  columns: GridColumn[];
  layout: ColumnLayout;
  onLayoutChange(layout: ColumnLayout): void;
  windows: RowWindows;
  total: number;
  sorting: SortingState;
  onSortingChange(sorting: SortingState): void;
  labelledBy: string;
  selection: RowSelection;
  onSelectionChange(selection: RowSelection): void;
  /** Opens the record's detail pane. */
  onOpenRecord(id: string): void;
}

const samePosition = (a: CellPosition | null, b: CellPosition) => a !== null && a.row === b.row && a.col === b.col;

export function RecordGrid(props: RecordGridProps) {
  const { resource, columns, layout, onLayoutChange, windows, total, sorting, onSortingChange, labelledBy, selection, onSelectionChange, onOpenRecord } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<CellPosition>({ row: 0, col: 0 });
  const [anchor, setAnchor] = useState<CellPosition | null>(null);
  const [editor, setEditorState] = useState<EditorState | null>(null);
  const editorRef = useRef<EditorState | null>(null);
  const sessions = useRef(0);
  const committing = useRef<number | null>(null);
  // The popover of the active cell's edit: opened with Shift+F10 (focus inside), or closed with Escape.
  const [issueFocus, setIssueFocus] = useState<CellPosition | null>(null);
  const [issueClosed, setIssueClosed] = useState<CellPosition | null>(null);
  const [status, setStatus] = useState({ text: '', n: 0 });
  const [liveWidths, setLiveWidths] = useState<Record<string, number>>({});
  const [scrollLeft, setScrollLeft] = useState(0);
  const actions = useRef(Promise.resolve());
  const focusActive = useRef(false);
  const rowKeys = useRef<RowKeys | null>(null);

  const placed = useMemo(() => placeColumns(columns, layout), [columns, layout]);
  const fields = useMemo(() => placed.map((p) => p.column), [placed]);
  const geometry = useMemo(() => gridGeometry(placed, liveWidths), [placed, liveWidths]);
  const cellStyles = useMemo(() => geometry.lefts.map((left, col): CSSProperties | undefined => (col < geometry.stuck ? { left } : undefined)), [geometry]);
  const lastCol = fields.length;

  const setEditor = (next: EditorState | null) => {
    editorRef.current = next;
    setEditorState(next);
  };
  const announce = (text: string) => setStatus((s) => ({ text, n: s.n + 1 }));

  const tableColumns = useMemo(
    () => fields.map((c): ColumnDef<GridFeatures, Record_> => ({ id: c.key, accessorKey: c.key, header: t(c.label), enableSorting: c.sortable })),
    [fields, t],
  );
  const table = useTable({
    features,
    columns: tableColumns,
    data: NO_ROWS,
    state: { sorting },
    // Sorting runs in SQLite; the table only keeps which column and which way.
    manualSorting: true,
    enableMultiSort: false,
    sortDescFirst: false,
    onSortingChange: (updater: Updater<SortingState>) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
  });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  const rows = useRowRange(scroller, total, ROW_LAYOUT);
  const { first, last, scrollToTop, scrollToRow } = rows;
  // The records rendered (from 0), in list order.
  const shown = useMemo(() => Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i), [first, last]);

  useEffect(() => {
    if (total > 0) windows.show(first, last);
  }, [windows, total, first, last]);

  // A new sort, search or filter is a new list: start again at its top, with nothing half done.
  useEffect(() => {
    scrollToTop();
    setAnchor(null);
    setEditor(null);
  }, [windows, scrollToTop]);

  // The active cell stays inside the grid when the list shrinks or a column is hidden.
  const at: CellPosition = { row: Math.min(active.row, total), col: Math.min(active.col, lastCol) };
  const activeRendered = at.row === 0 || (at.row - 1 >= first && at.row - 1 <= last);
  // With the active row scrolled away, its column's header keeps the grid's one tab stop.
  const tabStop: CellPosition = activeRendered ? at : { row: 0, col: at.col };
  const range: CellRange = clampRange(rangeBetween(anchor, at), total, lastCol);
  const showRange = anchor !== null && at.row > 0 && at.col > 0;
  const rangeLeft = range.left;
  const rangeRight = range.right;
  const rowRange = useMemo(() => ({ left: rangeLeft, right: rangeRight }), [rangeLeft, rangeRight]);
  // The active row and the edited one are never handed to another record: their focus and their
  // editor belong to the record.
  rowKeys.current ??= new RowKeys();
  const keys = rowKeys.current.assign(shown, (index) => index === at.row - 1 || index === (editor?.row ?? 0) - 1);

  useLayoutEffect(() => {
    if (!focusActive.current || !activeRendered || editorRef.current) return;
    const grid = scroller.current;
    const cell = grid?.querySelector<HTMLElement>(`[data-row="${at.row}"][data-col="${at.col}"]`);
    if (!grid || !cell) return;
    focusActive.current = false;
    // An editable cell's focus is in its input waiting for typing (CellEditor.tsx).
    (cell.querySelector<HTMLElement>(':scope > .record-grid__typing') ?? cell).focus({ preventScroll: true });
    const left = scrollLeftToShow(geometry, at.col, grid.scrollLeft, grid.clientWidth);
    if (left !== null) grid.scrollLeft = left;
  });

  // A focused cell that has just got its input waiting for typing (made active by a click, or its
  // row read since) hands the focus on to it.
  useLayoutEffect(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused.dataset['col'] !== undefined && scroller.current?.contains(focused)) {
      focused.querySelector<HTMLElement>(':scope > .record-grid__typing')?.focus({ preventScroll: true });
    }
  });

  const context = (): GridActionContext => ({ bridge, resource, windows, columns: fields, total, i18n });

  const moveTo = (to: CellPosition) => {
    focusActive.current = true;
    setActive(to);
    setIssueFocus(null);
    if (to.row === 0) scrollToTop();
    else scrollToRow(to.row - 1);
  };

  // Block actions run one after another in the order their keys were pressed (Ctrl+Z three times
  // undoes three steps), each announced when it is done.
  const runAction = (action: () => Promise<ActionResult>) => {
    announce(t('gridEditing.working'));
    actions.current = actions.current.then(async () => {
      try {
        const result = await action();
        announce(result.message);
        if (result.range) {
          setAnchor({ row: result.range.bottom, col: result.range.right });
          moveTo({ row: result.range.top, col: result.range.left });
        }
      } catch (error) {
        announce(t('gridEditing.actionFailed', { message: toFailure(error).message }));
      }
    });
  };

  const needsRecordCell = (): boolean => {
    if (at.row > 0 && at.col > 0) return true;
    announce(t('gridEditing.chooseCell'));
    return false;
  };

  const selectionWords = (next: RowSelection): string => {
    if (next.kind === 'all' && next.except.size === 0) return t('gridEditing.allSelected', { count: total });
    const count = selectedCount(next, total);
    return count === 0 ? t('gridEditing.noneSelected') : i18n.tn('gridEditing.selected', count);
  };
  const changeSelection = (next: RowSelection) => {
    onSelectionChange(next);
    announce(selectionWords(next));
  };

  const toggleAt = (index: number) => {
    const row = windows.rowAt(index);
    if (!row) return announce(t('gridEditing.rowLoading'));
    changeSelection(toggleRow(selection, String(row['id'])));
  };
  const openAt = (index: number) => {
    const row = windows.rowAt(index);
    if (!row) return announce(t('gridEditing.rowLoading'));
    onOpenRecord(String(row['id']));
  };
  const toggleAll = () => changeSelection(selectedCount(selection, total) > 0 ? NO_SELECTION : { kind: 'all', except: new Set() });

  const issueAt = (position: CellPosition) => {
    if (position.row < 1) return null;
    const edits = windows.editsAt(position.row - 1);
    if (!edits) return null;
    const column = position.col > 0 ? (fields[position.col - 1] ?? null) : null;
    const mark = column ? cellMark(edits, column.editor?.field ?? column.key) : rowMark(edits);
    return mark ? { edits, column, mark } : null;
  };

  const startEdit = (text?: string) => {
    if (!needsRecordCell()) return;
    const column = fields[at.col - 1]!;
    if (!column.editor) return announce(t('gridEditing.readOnlyCell', { column: t(column.label) }));
    const row = windows.rowAt(at.row - 1);
    if (!row) return announce(t('gridEditing.rowLoading'));
    // Enter on a conflict opens its base / mine / theirs chooser rather than the editor.
    if (text === undefined && issueAt(at)?.mark === 'conflict') {
      setIssueFocus(at);
      return;
    }
    setIssueFocus(null);
    sessions.current += 1;
    setEditor({ session: sessions.current, row: at.row, col: at.col, draft: text ?? cellText(column, row, i18n), error: null });
  };

  const moveAfterEdit = (from: EditorState, move: EditorMove) => {
    const to = {
      down: { row: Math.min(total, from.row + 1), col: from.col },
      up: { row: Math.max(1, from.row - 1), col: from.col },
      right: { row: from.row, col: Math.min(lastCol, from.col + 1) },
      left: { row: from.row, col: Math.max(1, from.col - 1) },
    }[move];
    setAnchor(null);
    moveTo(to);
  };

  /** Saves the editor's draft; `leaving` when focus went elsewhere (a click): then nothing moves. */
  const commitEdit = async (move: EditorMove | null, leaving: boolean) => {
    const e = editorRef.current;
    // One save per editing: a second Enter while a user's name is looked up waits for the first.
    if (!e || committing.current === e.session) return;
    const column = fields[e.col - 1];
    const row = windows.rowAt(e.row - 1);
    if (!column || !row) return setEditor(null);
    committing.current = e.session;
    const result = await saveCell(context(), row, column, e.draft, () => {
      // The value is good: the editor closes and the grid moves on while the back end queues it.
      if (editorRef.current?.session !== e.session) return;
      setEditor(null);
      if (move) moveAfterEdit(e, move);
      else if (!leaving) focusActive.current = true;
    }, windows.editsAt(e.row - 1));
    committing.current = null;
    if (result.ok) return;
    const open = editorRef.current;
    if (!result.refused) {
      // Not a value for the column: the editor stays, with the message beside it.
      if (open?.session === e.session) setEditor({ ...open, error: result.message });
      return;
    }
    if (open) {
      // The person is already editing another cell: say what was refused rather than take it over.
      announce(t('gridEditing.notSaved', { column: t(column.label), row: e.row, message: result.message }));
      return;
    }
    // Refused by the back end: the editor opens again where it was, with everything typed.
    sessions.current += 1;
    setAnchor(null);
    setActive({ row: e.row, col: e.col });
    scrollToRow(e.row - 1);
    setEditor({ ...e, session: sessions.current, error: result.message });
  };

  const cancelEdit = () => {
    setEditor(null);
    focusActive.current = true;
  };

  const onIssueAction = async (action: IssueAction) => {
    const issue = issueAt(at);
    const position = at;
    setIssueFocus(null);
    focusActive.current = true;
    if (action === 'close') {
      setIssueClosed(position);
      return;
    }
    if (!issue) return;
    if (action === 'correct') return startEdit();
    const { seq } = issue.edits;
    const field = issue.column?.editor?.field ?? issue.column?.key;
    try {
      if (action === 'retry') await bridge.invoke('outbox.retry', { seq });
      else if (action === 'discard') await bridge.invoke('outbox.discard', { seq });
      else if (field) await bridge.invoke('outbox.resolve', { seq, field, choice: action });
      announce(t(action === 'retry' ? 'gridEditing.retried' : action === 'discard' ? 'gridEditing.discarded' : action === 'mine' ? 'gridEditing.resolvedMine' : 'gridEditing.resolvedTheirs'));
    } catch (error) {
      announce(t('gridEditing.actionFailed', { message: toFailure(error).message }));
    }
    void windows.refresh();
  };

  const run = (command: GridCommand) => {
    switch (command.kind) {
      case 'move':
        setAnchor(null);
        return moveTo(command.to);
      case 'extend': {
        const from = anchor ?? (at.row > 0 && at.col > 0 ? at : { row: Math.max(1, at.row), col: Math.max(1, at.col) });
        setAnchor(from);
        const to = { row: Math.max(1, command.to.row), col: Math.max(1, command.to.col) };
        moveTo(to);
        const next = rangeBetween(from, to);
        return announce(t('gridEditing.range', { rows: rangeRows(next), columns: rangeColumns(next) }));
      }
      case 'edit':
        return startEdit(command.text);
      case 'clear':
        if (needsRecordCell()) runAction(() => clearRange(context(), range));
        return;
      case 'toggleRow':
        return toggleAt(at.row - 1);
      case 'toggleAll':
        return toggleAll();
      case 'selectAll':
        return changeSelection({ kind: 'all', except: new Set() });
      case 'sort': {
        const header = headers[at.col - 1];
        if (header?.column.getCanSort()) header.column.toggleSorting();
        return;
      }
      case 'open':
        return openAt(at.row - 1);
      case 'copy':
        if (needsRecordCell()) runAction(() => copyRange(context(), range, (text) => navigator.clipboard.writeText(text)));
        return;
      case 'fill':
        if (needsRecordCell()) runAction(() => fillDown(context(), range));
        return;
      case 'undo':
      case 'redo':
        return runAction(() => undoOrRedo(context(), command.kind));
      case 'resize': {
        const column = fields[at.col - 1];
        if (!column) return;
        const width = clampWidth((geometry.widths[at.col] ?? column.width) + command.delta);
        onLayoutChange(resizeColumn(layout, column.key, width));
        return announce(t('gridEditing.columnWidth', { column: t(column.label), width }));
      }
      case 'menu':
        if (at.row < 1) return;
        if (!issueAt(at)) return announce(t('gridEditing.issue.none'));
        setIssueClosed(null);
        return setIssueFocus(at);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in the editor or the popover are theirs (they stop them); the rest are the grid's.
    if (editorRef.current) return;
    // A key the input method takes (keyCode 229, whatever `key` says) starts a composition in the
    // active cell's input (CellEditor.tsx), not a grid command.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'Escape' && anchor) {
      setAnchor(null);
      return;
    }
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const command = gridCommand(event, at, { lastRow: total, lastCol, pageRows });
    if (!command) return;
    event.preventDefault();
    run(command);
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    // The active cell's input waiting for typing is the grid's (a block pasted from a spreadsheet).
    if (editorRef.current || !(event.target instanceof HTMLElement) || event.target.closest('input:not(.record-grid__typing), .record-grid__issue')) return;
    event.preventDefault();
    const text = event.clipboardData.getData('text/plain');
    if (needsRecordCell()) runAction(() => pasteText(context(), text, range));
  };

  // A click or a screen reader's focus moves the active cell too.
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    // A cell, or the input of one waiting for typing.
    const cell = event.target.closest<HTMLElement>('[data-row][data-col]');
    if (!cell || (cell !== event.target && !event.target.classList.contains('record-grid__typing'))) return;
    const row = Number(cell.dataset['row']);
    const col = Number(cell.dataset['col']);
    // A click lands on the cell (its input lets clicks through): the keyboard's focus goes on to the
    // input, so that an input method works there (a cell made active gets it as it draws, below).
    if (cell === event.target) cell.querySelector<HTMLElement>(':scope > .record-grid__typing')?.focus({ preventScroll: true });
    if (Number.isInteger(row) && Number.isInteger(col) && (row !== at.row || col !== at.col)) {
      setActive({ row, col });
      setIssueFocus(null);
    }
  };

  // Shift+click extends the range; a click on a row's checkbox or button makes its row active.
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const cell = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-row][data-col]') : null;
    if (!cell) return;
    const position = { row: Number(cell.dataset['row']), col: Number(cell.dataset['col']) };
    if (event.shiftKey && position.row > 0 && position.col > 0) setAnchor(anchor ?? (at.row > 0 && at.col > 0 ? at : position));
    else setAnchor(null);
    if (event.target !== cell) {
      setActive(position);
      focusActive.current = true;
    }
  };

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    const cell = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('[data-row][data-col]') : null;
    if (cell && Number(cell.dataset['row']) > 0 && Number(cell.dataset['col']) > 0 && !editorRef.current) startEdit();
  };

  // The rows and the header get stable callbacks, so memoised rows draw again only when theirs change.
  const latest = useRef({ toggleAt, openAt, startEdit, commitEdit, cancelEdit, toggleAll, layout, columns, onLayoutChange, announce, t });
  latest.current = { toggleAt, openAt, startEdit, commitEdit, cancelEdit, toggleAll, layout, columns, onLayoutChange, announce, t };
  const rowActions = useMemo<RowActions>(() => ({ toggle: (i) => latest.current.toggleAt(i), open: (i) => latest.current.openAt(i) }), []);
  const editorControls = useMemo<EditorControls>(
    () => ({
      onStart: (text) => {
        if (!editorRef.current) latest.current.startEdit(text);
      },
      onDraft: (draft) => {
        const e = editorRef.current;
        if (e) setEditor({ ...e, draft });
      },
      onCommit: (move, leaving) => void latest.current.commitEdit(move, leaving),
      onCancel: () => latest.current.cancelEdit(),
    }),
    [],
  );
  const headerActions = useMemo<HeaderActions>(
    () => ({
      toggleAll: () => latest.current.toggleAll(),
      resize: (key, width, done) => {
        if (!done) return setLiveWidths({ [key]: clampWidth(width) });
        setLiveWidths({});
        const { layout: current, onLayoutChange: change } = latest.current;
        change(resizeColumn(current, key, width));
      },
      resetWidth: (key) => {
        const { layout: current, onLayoutChange: change } = latest.current;
        const widths = { ...current.widths };
        delete widths[key];
        change({ ...current, widths });
      },
      move: (key, place) => {
        const { layout: current, columns: all, onLayoutChange: change, announce: say, t: tr } = latest.current;
        change(moveColumn(all, current, key, place));
        const column = all.find((c) => c.key === key);
        if (column) say(tr('gridEditing.columnMoved', { column: tr(column.label), place: place + 1 }));
      },
      rowX: (clientX) => {
        const grid = scroller.current;
        return grid ? clientX - grid.getBoundingClientRect().left + grid.scrollLeft : clientX;
      },
    }),
    [],
  );

  const count = selectedCount(selection, total);
  const selectAll: SelectAllState = selection.kind === 'all' && selection.except.size === 0 && total > 0 ? 'all' : count > 0 ? 'some' : 'none';

  // The popover of the active cell's edit, and the editor's message, sit just under the cell.
  const { scrollTop, viewHeight } = rows;
  const under = (position: CellPosition): CSSProperties | null => {
    const top = (position.row + 1) * ROW_HEIGHT - scrollTop;
    if (top < ROW_HEIGHT || (viewHeight > 0 && top > viewHeight)) return null;
    const left = (geometry.lefts[position.col] ?? 0) - (position.col < geometry.stuck ? 0 : scrollLeft);
    return { top, left: Math.max(0, left) };
  };
  const issue = editor ? null : issueAt(at);
  // An edit that needs the person shows its popover by itself when its cell is active.
  const showIssue = issue && (samePosition(issueFocus, at) || (needsPerson(issue.mark) && !samePosition(issueClosed, at)));
  const issueStyle = showIssue ? under(at) : null;
  const editorErrorStyle = editor?.error ? under(editor) : null;

  return (
    <div className="record-grid-frame">
      <div
        ref={scroller}
        className="record-grid"
        role="grid"
        aria-labelledby={labelledBy}
        aria-rowcount={total + 1}
        aria-colcount={lastCol + 1}
        aria-multiselectable="true"
        style={{ ['--grid-template' as string]: geometry.template, ['--grid-width' as string]: `${geometry.width}px`, ['--grid-row-height' as string]: `${ROW_HEIGHT}px` }}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onPaste={onPaste}
        onPointerDown={onPointerDown}
        onDoubleClick={onDoubleClick}
        onScroll={(e) => {
          if (e.currentTarget.scrollLeft !== scrollLeft) setScrollLeft(e.currentTarget.scrollLeft);
        }}
      >
        <div className="record-grid__canvas" style={{ height: rows.totalHeight, width: geometry.width }}>
          <GridHeaderRow headers={headers} columns={fields} geometry={geometry} cellStyles={cellStyles} tabStop={tabStop} selectAll={selectAll} actions={headerActions} i18n={i18n} />
          <div role="rowgroup">
            {shown.map((index, i) => {
              const row = windows.rowAt(index);
              const gridRow = index + 1;
              return (
                <GridRow
                  key={keys[i]}
                  index={index}
                  top={ROW_LAYOUT.headerHeight + index * ROW_HEIGHT}
                  columns={fields}
                  cellStyles={cellStyles}
                  lastStuck={geometry.stuck - 1}
                  row={row}
                  edits={windows.editsAt(index)}
                  selected={row !== undefined && isSelected(selection, String(row['id']))}
                  tabCol={tabStop.row === gridRow ? tabStop.col : -1}
                  range={showRange && gridRow >= range.top && gridRow <= range.bottom ? rowRange : null}
                  editor={editor?.row === gridRow ? editor : null}
                  editorControls={editorControls}
                  actions={rowActions}
                  i18n={i18n}
                />
              );
            })}
          </div>
        </div>
      </div>
      {issue && issueStyle ? (
        <CellIssue
          key={`${at.row}:${at.col}:${issue.edits.seq}`}
          edits={issue.edits}
          column={issue.column}
          row={at.row}
          focusInside={samePosition(issueFocus, at)}
          fieldLabel={(field) => {
            const owner = columns.find((c) => c.editor?.field === field) ?? columns.find((c) => c.key === field);
            return owner ? t(owner.label) : field;
          }}
          style={issueStyle}
          i18n={i18n}
          onAction={(action) => void onIssueAction(action)}
        />
      ) : null}
      {editor?.error ? (
        <p id={editorErrorId(editor.session)} className="record-grid__editor-error" role="alert" style={editorErrorStyle ?? { display: 'none' }}>
          {editor.error}
        </p>
      ) : null}
      <p className="record-grid__status" role="status">
        <span key={status.n}>{status.text}</span>
      </p>
      <GridKeyboardHelp i18n={i18n} />
    </div>
  );
}
