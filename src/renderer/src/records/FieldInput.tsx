// One field of a form, with the input its kind calls for and the back end's messages about it
// right under it (and tied to it, so a screen reader reads them with the field).
import { useId } from 'react';
import { MAX_FIELD_CHARS } from '../../../shared/contractLists';
import { useI18n } from '../i18n/useI18n';
import { FieldErrors } from './FieldErrors';
import type { FormValue } from './formValues';
import { choiceLabel, type FieldSpec } from './recordFields';
import { RecordPicker, RecordsPicker } from './RecordPicker';

interface Props {
  spec: FieldSpec;
  value: FormValue | undefined;
  onChange(value: FormValue): void;
  errors: string[];
  required?: boolean;
  /** A flag must be answered yes or no (bulk changes); otherwise it may be left to the server. */
  answerRequired?: boolean;
}

export function FieldInput({ spec, value, onChange, errors, required = false, answerRequired = false }: Props) {
  const { t } = useI18n();
  const id = useId();
  const label = t(spec.label);
  const errorId = `${id}-errors`;
  const invalid = errors.length > 0;
  const describedBy = invalid ? errorId : undefined;
  const text = typeof value === 'string' ? value : '';
  const errorList = <FieldErrors messages={errors} label={label} id={errorId} />;

  if (spec.kind === 'record' && spec.refersTo) {
    return (
      <div>
        <RecordPicker resource={spec.refersTo} label={label} value={text} onChange={onChange} required={required} describedBy={describedBy} invalid={invalid} />
        {errorList}
      </div>
    );
  }
  if (spec.kind === 'records' && spec.refersTo) {
    return (
      <div>
        <RecordsPicker resource={spec.refersTo} label={label} value={Array.isArray(value) ? value : []} onChange={onChange} describedBy={describedBy} invalid={invalid} />
        {errorList}
      </div>
    );
  }

  const common = {
    id,
    'aria-required': required || undefined,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };
  let input;
  switch (spec.kind) {
    case 'longText':
      input = <textarea {...common} rows={3} maxLength={MAX_FIELD_CHARS} value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'password':
      input = <input {...common} type="password" autoComplete="new-password" maxLength={200} value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'date':
      input = <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'money':
      input = <input {...common} inputMode="decimal" value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'flag':
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{answerRequired ? t('gridTools.value.choose') : t('gridTools.value.serverDefault')}</option>
          <option value="true">{t('value.yes')}</option>
          <option value="false">{t('value.no')}</option>
        </select>
      );
      break;
    case 'choice':
      input = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('gridTools.value.choose')}</option>
          {(spec.choices ?? []).map((choice) => (
            <option key={choice} value={choice}>
              {choiceLabel(spec, choice, t)}
            </option>
          ))}
        </select>
      );
      break;
    default:
      input = <input {...common} type={spec.key.endsWith('email') ? 'email' : 'text'} maxLength={MAX_FIELD_CHARS} value={text} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="field__required"> {t('gridTools.form.required')}</span> : null}
      </label>
      {input}
      {errorList}
    </div>
  );
}
