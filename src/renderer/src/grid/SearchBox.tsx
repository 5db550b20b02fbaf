// The grid's search: names and emails, matched by the back end's full-text index as you type.
import { useId } from 'react';
import { MAX_SEARCH_CHARS } from '../../../shared/contractLists';
import { useI18n } from '../i18n/useI18n';
import './SearchBox.css';

export function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="grid-search">
      <label htmlFor={id}>{t('grid.search')}</label>
      <input id={id} type="search" value={value} placeholder={t('grid.searchPlaceholder')} maxLength={MAX_SEARCH_CHARS} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
