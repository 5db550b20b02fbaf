// The tools above a grid: filter, columns, saved views, a new record, CSV in and out, undo and
// redo. The page keeps the state; each tool changes it through the page.
import { useState } from 'react';
import type { BridgeFailure, ColumnLayout, GridQueryInput, GridResource, SavedView } from '../../../shared/bridge';
import type { GridColumn } from '../grid/gridColumns';
import type { MessageKey } from '../i18n/createI18n';
import { useI18n } from '../i18n/useI18n';
import type { GridFilters } from '../routing/route';
import { ColumnChooser } from './ColumnChooser';
import { CreateRecordDialog } from './CreateRecordDialog';
import { Disclosure } from './Disclosure';
import { ExportCsvButton } from './ExportCsvButton';
import { FilterBuilder } from './FilterBuilder';
import { addFilter } from './gridFilters';
import { ImportCsvDialog } from './ImportCsvDialog';
import { SavedViews } from './SavedViews';
import { UndoRedoButtons } from './UndoRedoButtons';
import './RecordsToolbar.css';

interface Props {
  resource: GridResource;
  columns: readonly GridColumn[];
  layout: ColumnLayout;
  onLayoutChange(layout: ColumnLayout): void;
  filters: GridFilters;
  onFiltersChange(filters: GridFilters): void;
  search: string;
  sort: NonNullable<GridQueryInput['sort']>;
  /** The visible columns in the order shown, for an export. */
  shownColumns: string[];
  onApplyView(view: SavedView): void;
  onCreated(id: string): void;
  onNotice(message: string): void;
  onFailure(lead: MessageKey, failure: BridgeFailure): void;
}

export function RecordsToolbar(props: Props) {
  const { resource, columns, layout, onLayoutChange, filters, onFiltersChange, search, sort, shownColumns, onNotice, onFailure } = props;
  const { t, tn } = useI18n();
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const view: SavedView = { name: '', sort, filters, search, layout };

  return (
    <div className="records-toolbar" role="group" aria-label={t('gridTools.toolbar.label', { resource: t(`resource.${resource}`) })}>
      <Disclosure label={t('gridTools.filter.button')}>
        {(close) => (
          <FilterBuilder
            resource={resource}
            onAdd={(filter) => {
              onFiltersChange(addFilter(filters, filter));
              close();
            }}
          />
        )}
      </Disclosure>
      <Disclosure label={t('gridTools.columns.button')}>{() => <ColumnChooser columns={columns} layout={layout} onChange={onLayoutChange} />}</Disclosure>
      <SavedViews resource={resource} current={view} onApply={props.onApplyView} onNotice={onNotice} onFailure={onFailure} />
      <span className="records-toolbar__group">
        <button type="button" className="button" onClick={() => setDialog('create')}>
          {t(`gridTools.create.button.${resource}`)}
        </button>
        <button type="button" className="button" onClick={() => setDialog('import')}>
          {t('gridTools.import.button')}
        </button>
        <ExportCsvButton
          resource={resource}
          scope="view"
          selection={{ query: { filters, search: search.trim() || undefined } }}
          sort={sort}
          columns={shownColumns}
          label={t('gridTools.export.view')}
          onNotice={onNotice}
          onFailure={onFailure}
        />
      </span>
      <UndoRedoButtons onNotice={onNotice} onFailure={onFailure} />
      {dialog === 'create' ? (
        <CreateRecordDialog
          resource={resource}
          onClose={() => setDialog(null)}
          onCreated={(id) => {
            setDialog(null);
            onNotice(t(`gridTools.create.done.${resource}`));
            props.onCreated(id);
          }}
        />
      ) : null}
      {dialog === 'import' ? (
        <ImportCsvDialog
          resource={resource}
          onClose={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            onNotice(tn('gridTools.queued', result.queued));
          }}
        />
      ) : null}
    </div>
  );
}
