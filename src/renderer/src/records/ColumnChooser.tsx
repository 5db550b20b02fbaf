// Which columns the grid shows, in what order, and which are pinned to its left edge: a list of
// every column with a checkbox and buttons, so all of it works from the keyboard (dragging in the
// grid is the mouse's way to the same layout).
import { useId, useLayoutEffect, useRef } from 'react';
import type { ColumnLayout } from '../../../shared/bridge';
import { DEFAULT_LAYOUT, hideColumn, pinColumn, showColumn } from '../grid/columnLayout';
import type { GridColumn } from '../grid/gridColumns';
import { useI18n } from '../i18n/useI18n';
import { chooserColumns, moveColumnBy, shownCount } from './layoutEdits';

interface Props {
  columns: readonly GridColumn[];
  layout: ColumnLayout;
  onChange(layout: ColumnLayout): void;
}

export function ColumnChooser({ columns, layout, onChange }: Props) {
  const { t } = useI18n();
  const listed = chooserColumns(columns, layout);
  const shown = shownCount(columns, layout);
  const id = useId();
  // A moved row is re-placed in the list, which can take focus off its button: it is put back.
  const refocus = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!refocus.current) return;
    const [key, dir] = refocus.current.split('\n') as [string, 'up' | 'down'];
    refocus.current = null;
    const button = document.getElementById(`${id}-${key}-${dir}`) as HTMLButtonElement | null;
    const other = document.getElementById(`${id}-${key}-${dir === 'up' ? 'down' : 'up'}`);
    (button && !button.disabled ? button : other)?.focus();
  });
  const move = (key: string, by: -1 | 1) => {
    refocus.current = `${key}\n${by === -1 ? 'up' : 'down'}`;
    onChange(moveColumnBy(columns, layout, key, by));
  };
  return (
    <div className="column-chooser">
      <p className="field__hint">{t('gridTools.columns.hint')}</p>
      <ul className="column-chooser__list">
        {listed.map(({ column, hidden, pinned, place }) => {
          const name = t(column.label);
          return (
            <li key={column.key} className="column-chooser__item" data-testid={`column-${column.key}`}>
              <label className="column-chooser__name">
                <input
                  type="checkbox"
                  checked={!hidden}
                  // The grid always keeps one column.
                  disabled={!hidden && shown === 1}
                  onChange={(e) => onChange(e.target.checked ? showColumn(columns, layout, column.key) : hideColumn(columns, layout, column.key))}
                />{' '}
                {name}
                {pinned ? <span className="column-chooser__pinned"> {t('gridTools.columns.pinnedMark')}</span> : null}
              </label>
              {hidden ? null : (
                <span className="column-chooser__buttons">
                  <button id={`${id}-${column.key}-up`} type="button" className="button button--small" aria-label={t('gridTools.columns.up', { column: name })} disabled={place === 0} onClick={() => move(column.key, -1)}>
                    ↑
                  </button>
                  <button id={`${id}-${column.key}-down`} type="button" className="button button--small" aria-label={t('gridTools.columns.down', { column: name })} disabled={place === shown - 1} onClick={() => move(column.key, 1)}>
                    ↓
                  </button>
                  <button type="button" className="button button--small" aria-pressed={pinned} aria-label={t('gridTools.columns.pin', { column: name })} onClick={() => onChange(pinColumn(columns, layout, column.key, !pinned))}>
                    {t('gridTools.columns.pinShort')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" className="button" onClick={() => onChange(DEFAULT_LAYOUT)}>
        {t('gridTools.columns.reset')}
      </button>
    </div>
  );
}
