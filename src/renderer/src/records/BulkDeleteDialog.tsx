// Cancels (courses, enrollments) or deletes (groups, users) every selected row, after one
// question that says how many. They go as one undo step, and reach Enlight with the outbox.
import { useState } from 'react';
import type { BridgeFailure, BulkResult, GridResource, Selection } from '../../../shared/bridge';
import { FailureMessage } from '../components/FailureMessage';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { toFailure } from '../state/toFailure';
import { Dialog } from './Dialog';

export type DeletableResource = Exclude<GridResource, 'students'>;

interface Props {
  resource: DeletableResource;
  selection: Selection;
  count: number;
  onClose(): void;
  onDone(result: BulkResult): void;
}

export function BulkDeleteDialog({ resource, selection, count, onClose, onDone }: Props) {
  const { t, tn } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<BridgeFailure | null>(null);

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      onDone(await bridge.invoke('records.bulkDelete', { resource, selection }));
    } catch (error) {
      setFailure(toFailure(error));
      setBusy(false);
    }
  };

  return (
    <Dialog title={tn(`gridTools.bulkDelete.title.${resource}`, count)} onClose={onClose} busy={busy}>
      <p>{tn('gridTools.bulkDelete.explain', count)}</p>
      {failure ? <FailureMessage lead="gridTools.bulkDelete.failed" failure={failure} /> : null}
      <div className="records-dialog__actions">
        <button type="button" className="button button--danger" aria-disabled={busy} onClick={() => !busy && void confirm()}>
          {tn(`gridTools.bulkDelete.confirm.${resource}`, count)}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onClose} data-autofocus>
          {t('gridTools.bulkDelete.keep')}
        </button>
        <span role="status" className="records-dialog__status">
          {busy ? t('gridTools.bulkEdit.queueing') : ''}
        </span>
      </div>
    </Dialog>
  );
}
