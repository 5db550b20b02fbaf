// Picks one record (or several) of a resource by name instead of by id: a search box over the
// local copy and a list of the first matches, which the keyboard walks like any list box.
import { useEffect, useId, useState } from 'react';
import type { BridgeFailure, GridResource } from '../../../shared/bridge';
import { MAX_SEARCH_CHARS } from '../../../shared/contractLists';
import { FailureMessage } from '../components/FailureMessage';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { toFailure } from '../state/toFailure';
import { recordHint, recordLabel } from './recordLabel';
import { useRecordLabel } from './useRecordLabel';

const MATCHES = 20;
const SEARCH_AFTER_MS = 200;
/** The column each resource's matches are listed by. */
const LISTED_BY: Record<GridResource, string> = { courses: 'name', groups: 'name', students: 'family_name', users: 'family_name', enrollments: 'created_at' };

interface Match {
  id: string;
  label: string;
  hint: string;
}

function useRecordSearch(resource: GridResource, search: string): { matches: Match[]; failure: BridgeFailure | null } {
  const [state, setState] = useState<{ matches: Match[]; failure: BridgeFailure | null }>({ matches: [], failure: null });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      bridge.invoke(`${resource}.query`, { search: search.trim() || undefined, sort: [{ column: LISTED_BY[resource] }], offset: 0, limit: MATCHES }).then(
        (window) => {
          if (!current) return;
          const matches = window.rows.map((row) => ({ id: String(row['id']), label: recordLabel(resource, row), hint: recordHint(resource, row) }));
          setState({ matches, failure: null });
        },
        (error: unknown) => current && setState({ matches: [], failure: toFailure(error) }),
      );
    }, SEARCH_AFTER_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [resource, search]);
  return state;
}

interface SingleProps {
  resource: GridResource;
  label: string;
  value: string;
  onChange(id: string): void;
  required?: boolean;
  /** Ids of the elements that describe the field: its errors. */
  describedBy?: string;
  invalid?: boolean;
}

export function RecordPicker({ resource, label, value, onChange, required, describedBy, invalid }: SingleProps) {
  const { t } = useI18n();
  const id = useId();
  const [search, setSearch] = useState('');
  const { matches, failure } = useRecordSearch(resource, search);
  const chosen = useRecordLabel(resource, value || null);
  const listed = value && !matches.some((m) => m.id === value) ? [{ id: value, label: chosen ?? value, hint: '' }, ...matches] : matches;
  return (
    <div className="field record-picker">
      <label htmlFor={`${id}-search`}>
        {label}
        {required ? <span className="field__required"> {t('gridTools.form.required')}</span> : null}
      </label>
      <input id={`${id}-search`} type="search" value={search} placeholder={t('gridTools.picker.placeholder')} maxLength={MAX_SEARCH_CHARS} aria-describedby={describedBy} onChange={(e) => setSearch(e.target.value)} />
      <select
        aria-label={t('gridTools.picker.matches', { field: label })}
        size={5}
        value={value}
        aria-required={required || undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        {listed.map((m) => (
          <option key={m.id} value={m.id}>
            {m.hint ? `${m.label} — ${m.hint}` : m.label}
          </option>
        ))}
      </select>
      <p className="field__hint" aria-live="polite">
        {value ? t('gridTools.picker.chosen', { name: chosen ?? value }) : t('gridTools.picker.none')}
      </p>
      {failure ? <FailureMessage lead="gridTools.picker.failed" failure={failure} /> : null}
    </div>
  );
}

interface ManyProps {
  resource: GridResource;
  label: string;
  value: string[];
  onChange(ids: string[]): void;
  describedBy?: string;
  invalid?: boolean;
}

/** Several records: each one picked is listed under the box with a button to take it off again. */
export function RecordsPicker({ resource, label, value, onChange, describedBy, invalid }: ManyProps) {
  const { t } = useI18n();
  const id = useId();
  const [search, setSearch] = useState('');
  const { matches, failure } = useRecordSearch(resource, search);
  return (
    <div className="field record-picker">
      <label htmlFor={`${id}-search`}>{label}</label>
      <input id={`${id}-search`} type="search" value={search} placeholder={t('gridTools.picker.placeholder')} maxLength={MAX_SEARCH_CHARS} aria-describedby={describedBy} onChange={(e) => setSearch(e.target.value)} />
      <select
        aria-label={t('gridTools.picker.matches', { field: label })}
        size={5}
        value=""
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          const picked = e.target.value;
          if (picked && !value.includes(picked)) onChange([...value, picked]);
        }}
      >
        {matches.map((m) => (
          <option key={m.id} value={m.id} disabled={value.includes(m.id)}>
            {m.hint ? `${m.label} — ${m.hint}` : m.label}
          </option>
        ))}
      </select>
      {value.length ? (
        <ul className="record-picker__chosen" aria-label={t('gridTools.picker.chosenList', { field: label })}>
          {value.map((chosenId) => (
            <ChosenRecord key={chosenId} resource={resource} id={chosenId} onRemove={() => onChange(value.filter((v) => v !== chosenId))} />
          ))}
        </ul>
      ) : (
        <p className="field__hint">{t('gridTools.picker.none')}</p>
      )}
      {failure ? <FailureMessage lead="gridTools.picker.failed" failure={failure} /> : null}
    </div>
  );
}

function ChosenRecord({ resource, id, onRemove }: { resource: GridResource; id: string; onRemove(): void }) {
  const { t } = useI18n();
  const name = useRecordLabel(resource, id) ?? id;
  return (
    <li>
      <span>{name}</span>{' '}
      <button type="button" className="link-button" aria-label={t('gridTools.picker.remove', { name })} onClick={onRemove}>
        {t('gridTools.picker.removeShort')}
      </button>
    </li>
  );
}
