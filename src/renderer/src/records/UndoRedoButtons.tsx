// Undo and redo of local edits, one step at a time (a bulk change or an import is one step), as
// the keyboard's Ctrl+Z and Ctrl+Y do inside the grid.
import { useState } from 'react';
import type { BridgeFailure } from '../../../shared/bridge';
import type { MessageKey } from '../i18n/createI18n';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { toFailure } from '../state/toFailure';

interface Props {
  onNotice(message: string): void;
  onFailure(lead: MessageKey, failure: BridgeFailure): void;
}

export function UndoRedoButtons({ onNotice, onFailure }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async (call: 'records.undo' | 'records.redo') => {
    setBusy(true);
    try {
      await bridge.invoke(call, {});
      onNotice(t(call === 'records.undo' ? 'gridTools.undo.done' : 'gridTools.redo.done'));
    } catch (error) {
      onFailure(call === 'records.undo' ? 'gridTools.undo.failed' : 'gridTools.redo.failed', toFailure(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="records-toolbar__group" role="group" aria-label={t('gridTools.undo.group')}>
      <button type="button" className="button" aria-disabled={busy} onClick={() => !busy && void run('records.undo')}>
        {t('gridTools.undo')}
      </button>
      <button type="button" className="button" aria-disabled={busy} onClick={() => !busy && void run('records.redo')}>
        {t('gridTools.redo')}
      </button>
    </span>
  );
}
