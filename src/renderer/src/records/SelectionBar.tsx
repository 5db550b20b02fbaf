// The selected rows and what can be done with all of them at once. "Select all M matching" selects
// every row the filters and search match, loaded or not (the back end resolves it as a query);
// a change, a cancellation or an export then applies to exactly those rows.
import { useState } from 'react';
import type { BridgeFailure, BulkResult, GridQueryInput, GridResource } from '../../../shared/bridge';
import { canDelete } from '../../../shared/editableFields';
import { NO_SELECTION, selectedCount, toSelectionInput, type RowSelection } from '../grid/rowSelection';
import type { MessageKey } from '../i18n/createI18n';
import { useI18n } from '../i18n/useI18n';
import { BulkDeleteDialog, type DeletableResource } from './BulkDeleteDialog';
import { BulkEditDialog } from './BulkEditDialog';
import { ExportCsvButton } from './ExportCsvButton';

interface Props {
  resource: GridResource;
  selection: RowSelection;
  onSelectionChange(selection: RowSelection): void;
  /** How many rows match the grid's query now. */
  total: number;
  query: Pick<GridQueryInput, 'filters' | 'search'>;
  sort: GridQueryInput['sort'];
  /** The visible columns in the order shown, for an export. */
  columns: string[];
  onNotice(message: string): void;
  onFailure(lead: MessageKey, failure: BridgeFailure): void;
}

export function SelectionBar({ resource, selection, onSelectionChange, total, query, sort, columns, onNotice, onFailure }: Props) {
  const { t, tn } = useI18n();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const count = selectedCount(selection, total);
  const input = toSelectionInput(selection, query);
  const allSelected = selection.kind === 'all' && selection.except.size === 0;
  const deletable: DeletableResource | null = resource !== 'students' && canDelete(resource) ? resource : null;

  const done = (result: BulkResult, clear: boolean) => {
    setDialog(null);
    if (clear) onSelectionChange(NO_SELECTION);
    onNotice(tn('gridTools.queued', result.queued));
  };

  return (
    <div className="selection-bar" role="region" aria-label={t('gridTools.selection.label')}>
      <span className="selection-bar__count" aria-live="polite" data-testid="selected-count">
        {tn('gridTools.selection.count', count)}
      </span>
      {total > 0 && !allSelected ? (
        <button type="button" className="link-button" onClick={() => onSelectionChange({ kind: 'all', except: new Set() })}>
          {tn('gridTools.selection.all', total)}
        </button>
      ) : null}
      {count > 0 ? (
        <button type="button" className="link-button" onClick={() => onSelectionChange(NO_SELECTION)}>
          {t('gridTools.selection.clear')}
        </button>
      ) : null}
      {input && count > 0 ? (
        <span className="records-toolbar__group">
          <button type="button" className="button" onClick={() => setDialog('edit')}>
            {t('gridTools.bulkEdit.open')}
          </button>
          {deletable ? (
            <button type="button" className="button" onClick={() => setDialog('delete')}>
              {tn(`gridTools.bulkDelete.open.${deletable}`, count)}
            </button>
          ) : null}
          <ExportCsvButton resource={resource} scope="selection" selection={input} sort={sort} columns={columns} label={t('gridTools.export.selection')} onNotice={onNotice} onFailure={onFailure} />
        </span>
      ) : null}
      {dialog === 'edit' && input ? <BulkEditDialog resource={resource} selection={input} count={count} onClose={() => setDialog(null)} onDone={(r) => done(r, false)} /> : null}
      {dialog === 'delete' && input && deletable ? <BulkDeleteDialog resource={deletable} selection={input} count={count} onClose={() => setDialog(null)} onDone={(r) => done(r, true)} /> : null}
    </div>
  );
}
