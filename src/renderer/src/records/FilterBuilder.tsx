// Builds one filter: a field of the grid's resource, a comparison that suits it, and a value in
// the control its kind calls for (a day, yes/no, a list of choices, a record picked by name).
import { useId, useState, type FormEvent } from 'react';
import type { FilterOp, GridResource } from '../../../shared/bridge';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/createI18n';
import { buildFilter, filterOps, needsValue, opLabel, type GridFilter } from './gridFilters';
import { choiceLabel, fieldSpec, FILTER_FIELDS } from './recordFields';
import { RecordPicker } from './RecordPicker';

interface Props {
  resource: GridResource;
  onAdd(filter: GridFilter): void;
}

export function FilterBuilder({ resource, onAdd }: Props) {
  const { t } = useI18n();
  const id = useId();
  const fields = FILTER_FIELDS[resource].map(fieldSpec);
  const [fieldKey, setFieldKey] = useState(fields[0]?.key ?? '');
  const field = fieldSpec(fieldKey);
  const ops = filterOps(field);
  const [op, setOp] = useState<FilterOp>(ops[0] ?? 'eq');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const chooseField = (key: string) => {
    setFieldKey(key);
    setOp(filterOps(fieldSpec(key))[0] ?? 'eq');
    setValue('');
    setProblem(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildFilter(field, op, value);
    if (!built.ok) {
      setProblem(built.problem);
      return;
    }
    setProblem(null);
    setValue('');
    onAdd(built.filter);
  };

  const valueLabel = t('gridTools.filter.value');
  const problemId = `${id}-problem`;
  const valueProps = { 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem ? problemId : undefined };
  let valueInput = null;
  if (needsValue(op)) {
    switch (field.kind) {
      case 'date':
        valueInput = <input id={`${id}-value`} type="date" value={value} onChange={(e) => setValue(e.target.value)} {...valueProps} />;
        break;
      case 'flag':
        valueInput = (
          <select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} {...valueProps}>
            <option value="">{t('gridTools.value.choose')}</option>
            <option value="true">{t('value.yes')}</option>
            <option value="false">{t('value.no')}</option>
          </select>
        );
        break;
      case 'choice':
        valueInput = (
          <select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} {...valueProps}>
            <option value="">{t('gridTools.value.choose')}</option>
            {(field.choices ?? []).map((choice) => (
              <option key={choice} value={choice}>
                {choiceLabel(field, choice, t)}
              </option>
            ))}
          </select>
        );
        break;
      case 'money':
        valueInput = <input id={`${id}-value`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} {...valueProps} />;
        break;
      case 'record':
      case 'records':
        valueInput = null;
        break;
      default:
        valueInput = <input id={`${id}-value`} value={value} maxLength={500} onChange={(e) => setValue(e.target.value)} {...valueProps} />;
    }
  }

  return (
    <form className="filter-builder" noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-field`}>{t('gridTools.filter.field')}</label>
        <select id={`${id}-field`} value={fieldKey} onChange={(e) => chooseField(e.target.value)}>
          {fields.map((f) => (
            <option key={f.key} value={f.key}>
              {t(f.label)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-op`}>{t('gridTools.filter.op')}</label>
        <select id={`${id}-op`} value={op} onChange={(e) => setOp(e.target.value as FilterOp)}>
          {ops.map((o) => (
            <option key={o} value={o}>
              {t(opLabel(field, o))}
            </option>
          ))}
        </select>
      </div>
      {needsValue(op) && (field.kind === 'record' || field.kind === 'records') && field.refersTo ? (
        <RecordPicker resource={field.refersTo} label={valueLabel} value={value} onChange={setValue} describedBy={problem ? problemId : undefined} invalid={problem !== null} />
      ) : valueInput ? (
        <div className="field">
          <label htmlFor={`${id}-value`}>{valueLabel}</label>
          {valueInput}
        </div>
      ) : null}
      <div className="filter-builder__actions">
        <button type="submit" className="button button--primary">
          {t('gridTools.filter.add')}
        </button>
      </div>
      {problem ? (
        <p className="field__errors" id={problemId} role="alert">
          {t(problem)}
        </p>
      ) : null}
    </form>
  );
}
