// Importing a CSV file: the back end checks every line first and the person sees them all, each
// bad one marked with its reasons, before anything is queued; then only the good lines are
// queued, as one undo step. A file that is not CSV at all says why and queues nothing.
import { useId, useState } from 'react';
import type { BridgeFailure, BulkResult, GridResource, ImportPreview } from '../../../shared/bridge';
import { FailureMessage } from '../components/FailureMessage';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { toFailure } from '../state/toFailure';
import { Dialog } from './Dialog';

/** The largest file the back end takes (its csvText limit, in characters). */
const MAX_CHARS = 50_000_000;

interface Props {
  resource: GridResource;
  onClose(): void;
  onDone(result: BulkResult): void;
}

type Step = { kind: 'choose' } | { kind: 'checking' } | { kind: 'preview'; csv: string; preview: ImportPreview; fileName: string } | { kind: 'queueing'; csv: string; preview: ImportPreview; fileName: string };

export function ImportCsvDialog({ resource, onClose, onDone }: Props) {
  const { t, tn } = useI18n();
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [failure, setFailure] = useState<{ lead: 'gridTools.import.failed' | 'gridTools.import.applyFailed'; failure: BridgeFailure } | null>(null);
  const busy = step.kind === 'checking' || step.kind === 'queueing';

  const check = async (file: File) => {
    const tooLarge = () => {
      setFailure({ lead: 'gridTools.import.failed', failure: { code: 'too-large', message: t('gridTools.import.tooLarge') } });
      setStep({ kind: 'choose' });
    };
    setFailure(null);
    // A UTF-8 character takes at most 4 bytes: a file larger than this is too long whatever it holds.
    if (file.size > MAX_CHARS * 4) return tooLarge();
    setStep({ kind: 'checking' });
    try {
      const csv = await file.text();
      if (csv.length > MAX_CHARS) return tooLarge();
      const preview = await bridge.invoke('records.importPreview', { resource, csv });
      setStep({ kind: 'preview', csv, preview, fileName: file.name });
    } catch (error) {
      setFailure({ lead: 'gridTools.import.failed', failure: toFailure(error) });
      setStep({ kind: 'choose' });
    }
  };

  const apply = async () => {
    if (step.kind !== 'preview') return;
    setFailure(null);
    setStep({ ...step, kind: 'queueing' });
    try {
      onDone(await bridge.invoke('records.importApply', { resource, csv: step.csv }));
    } catch (error) {
      setFailure({ lead: 'gridTools.import.applyFailed', failure: toFailure(error) });
      setStep({ ...step, kind: 'preview' });
    }
  };

  const preview = step.kind === 'preview' || step.kind === 'queueing' ? step.preview : null;
  return (
    <Dialog title={t('gridTools.import.title', { resource: t(`resource.${resource}`) })} onClose={onClose} busy={busy} wide>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('gridTools.import.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void check(file);
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('gridTools.import.hint')}
        </p>
      </div>
      <p role="status" className="records-dialog__status">
        {step.kind === 'checking' ? t('gridTools.import.checking') : step.kind === 'queueing' ? t('gridTools.bulkEdit.queueing') : ''}
      </p>
      {failure ? <FailureMessage lead={failure.lead} failure={failure.failure} /> : null}
      {preview ? (
        <>
          <p>{t('gridTools.import.summary', { valid: preview.valid, invalid: preview.invalid })}</p>
          <div className="import-preview">
            <table>
              <caption className="visually-hidden">{t('gridTools.import.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('gridTools.import.line')}</th>
                  <th scope="col">{t('gridTools.import.kind')}</th>
                  {preview.columns.map((column) => (
                    <th scope="col" key={column}>
                      {column}
                    </th>
                  ))}
                  <th scope="col">{t('gridTools.import.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} className={row.errors.length ? 'import-preview__bad' : undefined} aria-invalid={row.errors.length ? true : undefined}>
                    <th scope="row">{row.line}</th>
                    <td>{t(`gridTools.import.kind.${row.kind}`)}</td>
                    {preview.columns.map((column) => (
                      <td key={column}>{cellText(row.fields[column])}</td>
                    ))}
                    <td>
                      {row.errors.length ? (
                        <ul className="import-preview__errors">
                          {row.errors.map((message) => (
                            <li key={message}>{message}</li>
                          ))}
                        </ul>
                      ) : (
                        t('gridTools.import.ok')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.valid === 0 ? <p>{t('gridTools.import.nothingValid')}</p> : null}
        </>
      ) : null}
      <div className="records-dialog__actions">
        {preview && preview.valid > 0 ? (
          <button type="button" className="button button--primary" aria-disabled={busy} onClick={() => !busy && void apply()}>
            {tn('gridTools.import.apply', preview.valid)}
          </button>
        ) : null}
        <button type="button" className="button" disabled={busy} onClick={onClose}>
          {t('gridTools.dialog.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
