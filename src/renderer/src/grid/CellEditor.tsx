// The input of a cell being edited. Every kind of value is typed as text, as in a spreadsheet, and
// read by parseCellText when saved; choices, yes/no and users are offered as suggestions. The grid
// keeps the draft, so nothing typed is lost when the row scrolls away or the back end refuses it.
// Enter saves and moves down (Shift+Enter up), Tab saves and moves right (Shift+Tab left), Escape
// cancels; every other key is the input's own (its Ctrl+Z included).
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { I18n } from '../i18n/createI18n';
import { bridge } from '../state/stores';
import type { GridColumn } from './gridColumns';
import { suggestUsers, userName } from './userDirectory';

export type EditorMove = 'down' | 'up' | 'right' | 'left';

export interface EditorState {
  /** Tells one editing apart from the next, so a late answer never lands in another. */
  session: number;
  row: number;
  col: number;
  draft: string;
  /** Shown next to the cell: a value the column does not take, or the back end's refusal. */
  error: string | null;
}

export interface EditorControls {
  onDraft(draft: string): void;
  onCommit(move: EditorMove | null, leaving: boolean): void;
  onCancel(): void;
}

export const editorErrorId = (session: number) => `record-grid-editor-error-${session}`;

export function CellEditor({ column, state, i18n, controls }: { column: GridColumn; state: EditorState; i18n: I18n; controls: EditorControls }) {
  const listId = useId();
  const suggestions = useSuggestions(column, state.draft, i18n);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The grid's keys stop here: inside the input, arrows move the caret and Ctrl+Z undoes typing.
    event.stopPropagation();
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      controls.onCommit(event.shiftKey ? 'up' : 'down', false);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      controls.onCommit(event.shiftKey ? 'left' : 'right', false);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      controls.onCancel();
    }
  };

  return (
    <>
      <input
        className="record-grid__editor"
        type="text"
        value={state.draft}
        // Focus moves here as editing starts, with the caret after what is there.
        autoFocus
        onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
        onChange={(e) => controls.onDraft(e.target.value)}
        onKeyDown={onKeyDown}
        // Clicking elsewhere saves, as in a spreadsheet; switching to another window does not.
        onBlur={() => {
          if (document.hasFocus()) controls.onCommit(null, true);
        }}
        spellCheck={false}
        autoComplete="off"
        aria-label={i18n.t('gridEditing.editorLabel', { column: i18n.t(column.label), row: state.row })}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? editorErrorId(state.session) : undefined}
        list={suggestions.length > 0 ? listId : undefined}
      />
      {suggestions.length > 0 ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s.value} value={s.value} label={s.label} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

interface Suggestion {
  value: string;
  label?: string;
}

/** What the column offers as the person types: its choices, yes and no, or the users matching the draft. */
function useSuggestions(column: GridColumn, draft: string, i18n: I18n): Suggestion[] {
  const editor = column.editor;
  const [users, setUsers] = useState<Suggestion[]>([]);
  const kind = editor?.kind;
  useEffect(() => {
    if (kind !== 'user') return;
    let current = true;
    // A short pause, so that typing a name asks once rather than once per letter.
    const timer = setTimeout(() => {
      suggestUsers(bridge, draft)
        .then((rows) => {
          if (!current) return;
          const names = rows.map(userName);
          // Two users of one name are offered by email, which tells them apart.
          setUsers(rows.map((row, i) => ({ value: names.indexOf(names[i]!) !== names.lastIndexOf(names[i]!) ? String(row['email'] ?? '') : names[i]!, label: String(row['email'] ?? '') })));
        })
        .catch(() => {
          if (current) setUsers([]);
        });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [kind, draft]);
  if (kind === 'choice') return (editor?.choices ?? []).map((value) => ({ value }));
  if (kind === 'flag') return [{ value: i18n.t('value.yes') }, { value: i18n.t('value.no') }];
  if (kind === 'user') return users;
  return [];
}
