// The grid's keys, one click away under it: people who come from Excel look for them here.
import type { I18n, MessageKey } from '../i18n/createI18n';

const KEYS: MessageKey[] = [
  'gridEditing.keys.move',
  'gridEditing.keys.range',
  'gridEditing.keys.edit',
  'gridEditing.keys.clear',
  'gridEditing.keys.select',
  'gridEditing.keys.open',
  'gridEditing.keys.clipboard',
  'gridEditing.keys.undo',
  'gridEditing.keys.issue',
  'gridEditing.keys.resize',
  'gridEditing.keys.leave',
];

export function GridKeyboardHelp({ i18n }: { i18n: I18n }) {
  return (
    <details className="record-grid__keys">
      <summary>{i18n.t('gridEditing.keys.heading')}</summary>
      <ul>
        {KEYS.map((key) => (
          <li key={key}>{i18n.t(key)}</li>
        ))}
      </ul>
    </details>
  );
}
