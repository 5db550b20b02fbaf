// One change for every selected row: set a field the API lets an update change (the instructor
// picked by name), or move a date by whole days ("extend expiry by 30 days"). The back end checks
// every row first and queues all of them as one undo step, or none, with its reasons.
import { useId, useState, type FormEvent } from 'react';
import type { BridgeFailure, BulkResult, CallInput, GridResource, Selection } from '../../../shared/bridge';
import type { EditResource } from '../../../shared/editableFields';
import { FailureMessage } from '../components/FailureMessage';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { toFailure } from '../state/toFailure';
import { Dialog } from './Dialog';
import { FieldErrors } from './FieldErrors';
import { FieldInput } from './FieldInput';
import { apiValue, errorsFor, otherErrors, type FormValue } from './formValues';
import { bulkEditableFields } from './recordFields';

type DateChange = 'move' | 'set' | 'clear';

interface Props {
  resource: GridResource & EditResource;
  selection: Selection;
  count: number;
  onClose(): void;
  onDone(result: BulkResult): void;
}

export function BulkEditDialog({ resource, selection, count, onClose, onDone }: Props) {
  const { t, tn } = useI18n();
  const fields = bulkEditableFields(resource);
  const [fieldKey, setFieldKey] = useState(fields[0]?.key ?? '');
  const [value, setValue] = useState<FormValue>('');
  const [dateChange, setDateChange] = useState<DateChange>('move');
  const [days, setDays] = useState('30');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<BridgeFailure | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const spec = fields.find((f) => f.key === fieldKey);
  const id = useId();

  const change = (): CallInput<'records.bulkUpdate'>['change'] | null => {
    if (!spec) return null;
    if (spec.kind === 'date' && dateChange === 'move') {
      const n = Number(days);
      return Number.isInteger(n) && n !== 0 && Math.abs(n) <= 36_500 ? { field: spec.key, addDays: n } : null;
    }
    if (spec.kind === 'date' && dateChange === 'clear') return { field: spec.key, set: null };
    const set = apiValue(spec, value);
    return set === undefined ? null : { field: spec.key, set };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const next = change();
    if (!next) {
      setProblem(spec?.kind === 'date' && dateChange === 'move' ? t('gridTools.bulkEdit.badDays') : t('gridTools.bulkEdit.needsValue'));
      return;
    }
    setProblem(null);
    setBusy(true);
    setFailure(null);
    try {
      onDone(await bridge.invoke('records.bulkUpdate', { resource, selection, change: next }));
    } catch (error) {
      setFailure(toFailure(error));
      setBusy(false);
    }
  };

  const shownFailure = failure ? { ...failure, fieldErrors: otherErrors([fieldKey], failure.fieldErrors) } : null;
  return (
    <Dialog title={tn('gridTools.bulkEdit.title', count)} onClose={onClose} busy={busy}>
      <form className="records-dialog__form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-field`}>{t('gridTools.bulkEdit.field')}</label>
          <select
            id={`${id}-field`}
            value={fieldKey}
            onChange={(e) => {
              setFieldKey(e.target.value);
              setValue('');
              setProblem(null);
              setFailure(null);
            }}
          >
            {fields.map((f) => (
              <option key={f.key} value={f.key}>
                {t(f.label)}
              </option>
            ))}
          </select>
        </div>
        {spec?.kind === 'date' ? (
          <fieldset className="records-fieldset">
            <legend>{t('gridTools.bulkEdit.dateHow', { field: t(spec.label) })}</legend>
            <label className="records-choice">
              <input type="radio" name="date-change" checked={dateChange === 'move'} onChange={() => setDateChange('move')} /> {t('gridTools.bulkEdit.move')}
            </label>
            {dateChange === 'move' ? (
              <div className="field">
                <label htmlFor={`${id}-days`}>{t('gridTools.bulkEdit.days')}</label>
                <input id={`${id}-days`} type="number" step={1} min={-36_500} max={36_500} value={days} onChange={(e) => setDays(e.target.value)} />
                <p className="field__hint">{t('gridTools.bulkEdit.daysHint')}</p>
              </div>
            ) : null}
            <label className="records-choice">
              <input type="radio" name="date-change" checked={dateChange === 'set'} onChange={() => setDateChange('set')} /> {t('gridTools.bulkEdit.set')}
            </label>
            {dateChange === 'set' ? <FieldInput spec={spec} value={value} onChange={setValue} errors={errorsFor(spec.key, failure?.fieldErrors)} /> : null}
            <label className="records-choice">
              <input type="radio" name="date-change" checked={dateChange === 'clear'} onChange={() => setDateChange('clear')} /> {t('gridTools.bulkEdit.clear')}
            </label>
            {dateChange !== 'set' ? <FieldErrors messages={errorsFor(spec.key, failure?.fieldErrors)} label={t(spec.label)} /> : null}
          </fieldset>
        ) : spec ? (
          <FieldInput spec={spec} value={value} onChange={setValue} errors={errorsFor(spec.key, failure?.fieldErrors)} required answerRequired />
        ) : null}
        {problem ? (
          <p className="field__errors" role="alert">
            {problem}
          </p>
        ) : null}
        {shownFailure ? <FailureMessage lead="gridTools.bulkEdit.failed" failure={shownFailure} /> : null}
        <div className="records-dialog__actions">
          <button type="submit" className="button button--primary" aria-disabled={busy} disabled={!spec}>
            {tn('gridTools.bulkEdit.apply', count)}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t('gridTools.dialog.cancel')}
          </button>
          <span role="status" className="records-dialog__status">
            {busy ? t('gridTools.bulkEdit.queueing') : ''}
          </span>
        </div>
      </form>
    </Dialog>
  );
}
