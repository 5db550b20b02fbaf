// One page filter: a list of the groups, instructors or courses in the local copy. Long lists get a
// search box, since a list of thousands is no way to find one.
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { coalesced } from '../state/coalesced';
import { PICKER_LIMIT, pickerOptions, type PickerOption, type PickerResource } from './pickerOptions';

interface Props {
  resource: PickerResource;
  label: string;
  value: string | undefined;
  onChange(id: string | undefined): void;
}

export function RecordPicker({ resource, label, value, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [search, setSearch] = useState('');
  const [list, setList] = useState<{ options: PickerOption[]; total: number } | null>(null);
  const [failed, setFailed] = useState(false);
  // The chosen record, remembered so it keeps its name while a search lists others.
  const [chosen, setChosen] = useState<PickerOption | null>(null);

  useEffect(() => {
    let current = true;
    const load = coalesced(async () => {
      try {
        const next = await pickerOptions(bridge, resource, search);
        if (current) {
          setList(next);
          setFailed(false);
        }
      } catch {
        if (current) setFailed(true);
      }
    });
    void load();
    // New records arrive with a sync or an edit; the list follows them.
    const off = bridge.on('data:changed', (change) => {
      if (change.resource === resource) void load();
    });
    return () => {
      current = false;
      off();
    };
  }, [resource, search]);

  const options = list?.options ?? [];
  const chosenMissing = value !== undefined && list !== null && !options.some((o) => o.id === value);
  const searchable = search !== '' || (list?.total ?? 0) > PICKER_LIMIT;
  return (
    <div className="field overview-picker">
      <label htmlFor={`${id}-select`}>{label}</label>
      {searchable ? (
        <input
          type="search"
          aria-label={`${t('overview.filter.search')}: ${label}`}
          aria-describedby={`${id}-hint`}
          placeholder={t('overview.filter.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      ) : null}
      <select id={`${id}-select`} value={value ?? ''} onChange={(event) => {
          const next = event.target.value;
          setChosen(options.find((o) => o.id === next) ?? null);
          onChange(next || undefined);
        }}
      >
        <option value="">{t('overview.filter.any')}</option>
        {chosenMissing ? <option value={value}>{chosen?.id === value ? chosen.label : t('overview.filter.unknown', { id: value })}</option> : null}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
      {searchable ? (
        <p className="field__hint" id={`${id}-hint`}>
          {t('overview.filter.searchHint', { count: PICKER_LIMIT })}
        </p>
      ) : null}
      {failed ? <p role="alert">{t('overview.filter.failed')}</p> : null}
    </div>
  );
}
