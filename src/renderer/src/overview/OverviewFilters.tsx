// The filters for the whole page: one group, one instructor, one course, or all of each.
import type { OverviewFilters as Filters } from '../../../shared/bridge';
import { useI18n } from '../i18n/useI18n';
import type { PickerResource } from './pickerOptions';
import { RecordPicker } from './RecordPicker';

const PICKERS: { key: keyof Filters; resource: PickerResource }[] = [
  { key: 'groupId', resource: 'groups' },
  { key: 'instructorId', resource: 'users' },
  { key: 'courseId', resource: 'courses' },
];

export function OverviewFilters({ filters, onChange }: { filters: Filters; onChange(filters: Filters): void }) {
  const { t } = useI18n();
  const narrowed = PICKERS.some(({ key }) => filters[key] !== undefined);
  return (
    <fieldset className="overview-filters">
      <legend>{t('overview.filters')}</legend>
      {PICKERS.map(({ key, resource }) => (
        <RecordPicker
          key={key}
          resource={resource}
          label={t(`overview.filter.${key}`)}
          value={filters[key]}
          onChange={(id) => {
            const next = { ...filters };
            if (id === undefined) delete next[key];
            else next[key] = id;
            onChange(next);
          }}
        />
      ))}
      <button type="button" className="button overview-filters__clear" disabled={!narrowed} onClick={() => onChange({})}>
        {t('overview.filter.clear')}
      </button>
    </fieldset>
  );
}
