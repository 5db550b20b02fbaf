// Exports rows as a CSV file: the grid's whole current view (its filters, search and sort, with
// the visible columns in the order shown), or only the selected rows. The back end writes the CSV
// from the local copy; the page saves it as a file.
import { useState } from 'react';
import type { BridgeFailure, GridQueryInput, GridResource, Selection } from '../../../shared/bridge';
import type { MessageKey } from '../i18n/createI18n';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { toFailure } from '../state/toFailure';
import { downloadFile } from '../components/downloadFile';
import { csvBlob, csvFileName } from './csvFile';

interface Props {
  resource: GridResource;
  scope: 'view' | 'selection';
  selection: Selection;
  sort: GridQueryInput['sort'];
  columns: string[];
  label: string;
  onNotice(message: string): void;
  onFailure(lead: MessageKey, failure: BridgeFailure): void;
}

export function ExportCsvButton({ resource, scope, selection, sort, columns, label, onNotice, onFailure }: Props) {
  const { t, tn } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { csv, rows } = await bridge.invoke('records.exportCsv', { resource, selection, sort, columns });
      const fileName = csvFileName(resource, scope, new Date());
      downloadFile(csvBlob(csv), fileName);
      onNotice(tn('gridTools.export.done', rows, { file: fileName }));
    } catch (error) {
      onFailure('gridTools.export.failed', toFailure(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button" aria-disabled={busy} disabled={columns.length === 0} onClick={() => !busy && void run()}>
      {busy ? t('gridTools.export.busy') : label}
    </button>
  );
}
