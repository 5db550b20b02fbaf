// The input of a cell being edited. Every kind of value is typed as text, as in a spreadsheet, and
// read by parseCellText when saved; choices, yes/no and users are offered as suggestions. The grid
// keeps the draft, so nothing typed is lost when the row scrolls away or the back end refuses it.
// Enter saves and moves down (Shift+Enter up), Tab saves and moves right (Shift+Tab left), Escape
// cancels; every other key is the input's own (its Ctrl+Z included).
//
// The active cell, when it can be edited, holds this input before editing starts too: empty,
// invisible, and where the keyboard's focus is. A browser turns the input method (Chinese,
// Japanese, Korean, dead keys) off on anything that does not take text, so on a focused cell the
// first key of 你好 arrived as a plain "n". Here the composition starts in this input, which then
// becomes the editor in place: the same element, so focus never moves (moving it in the middle of
// a composition cancels or splits it). Until then its keys are the grid's, which stay as they were.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
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
  /** Editing starts in the active cell with this text: a composition has begun, or text came without a key the grid reads. */
  onStart(text: string): void;
  onDraft(draft: string): void;
  onCommit(move: EditorMove | null, leaving: boolean): void;
  onCancel(): void;
}

export const editorErrorId = (session: number) => `record-grid-editor-error-${session}`;

/**
 * `state` is the editing under way, or null while the active cell waits for typing (`idleLabel`
 * then names the cell and its value for a screen reader).
 */
export function CellEditor({ column, state, idleLabel, i18n, controls }: { column: GridColumn; state: EditorState | null; idleLabel: string; i18n: I18n; controls: EditorControls }) {
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const composing = useRef(false);
  /** Editing was started by the composition under way: undone if that is given up with nothing typed. */
  const startedByComposition = useRef(false);
  const suggestions = useSuggestions(column, state ? state.draft : null, i18n);
  const session = state?.session;

  // As editing starts: the caret after what is there (Enter and F2 edit the value), and the focus
  // here should it be elsewhere (a conflict's "Correct it" button). Never during a composition,
  // which a moved caret would cut short.
  useLayoutEffect(() => {
    const element = input.current;
    if (session === undefined || !element || composing.current) return;
    if (document.activeElement !== element) element.focus({ preventScroll: true });
    element.setSelectionRange(element.value.length, element.value.length);
  }, [session]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Waiting for typing, the keys are the grid's.
    if (!state) return;
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

  // One element whether editing or not (see the top of this file): only its props change.
  return (
    <>
      <input
        ref={input}
        className={state ? 'record-grid__editor' : 'record-grid__typing'}
        type="text"
        value={state ? state.draft : ''}
        tabIndex={0}
        onCompositionStart={() => {
          composing.current = true;
          startedByComposition.current = !state;
          if (!state) controls.onStart('');
        }}
        onCompositionEnd={(e) => {
          composing.current = false;
          if (startedByComposition.current && e.currentTarget.value === '') controls.onCancel();
          startedByComposition.current = false;
        }}
        // Waiting for typing, what reaches the input is text the grid did not read as a key (it
        // starts editing with a typed character itself, kept from reaching here): an on-screen
        // keyboard's, say.
        onChange={(e) => (state ? controls.onDraft(e.target.value) : controls.onStart(e.target.value))}
        onKeyDown={onKeyDown}
        // Clicking elsewhere saves, as in a spreadsheet; switching to another window does not.
        onBlur={() => {
          if (state && document.hasFocus()) controls.onCommit(null, true);
        }}
        spellCheck={false}
        autoComplete="off"
        aria-label={state ? i18n.t('gridEditing.editorLabel', { column: i18n.t(column.label), row: state.row }) : idleLabel}
        aria-invalid={state?.error ? true : undefined}
        aria-describedby={state?.error ? editorErrorId(state.session) : undefined}
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

/**
 * What the column offers as the person types: its choices, yes and no, or the users matching the
 * draft; nothing before editing starts (`draft` null).
 */
function useSuggestions(column: GridColumn, draft: string | null, i18n: I18n): Suggestion[] {
  const editor = column.editor;
  const [users, setUsers] = useState<Suggestion[]>([]);
  const kind = draft === null ? undefined : editor?.kind;
  useEffect(() => {
    if (kind !== 'user' || draft === null) return;
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
