// The grid's filters, each as a chip that says it in words and a button that takes it off.
import type { GridResource } from '../../../shared/bridge';
import { useI18n } from '../i18n/useI18n';
import type { GridFilters } from '../routing/route';
import { describeFilter } from './describeFilter';
import type { GridFilter } from './gridFilters';
import { fieldSpec } from './recordFields';
import { useRecordLabel } from './useRecordLabel';

interface Props {
  filters: GridFilters;
  onRemove(index: number): void;
  onClear(): void;
}

export function FilterChips({ filters, onRemove, onClear }: Props) {
  const { t } = useI18n();
  if (!filters.length) return null;
  return (
    <div className="filter-chips">
      <ul aria-label={t('gridTools.chips.label')}>
        {filters.map((filter, index) => (
          <FilterChip key={`${index}:${JSON.stringify(filter)}`} filter={filter} onRemove={() => onRemove(index)} />
        ))}
      </ul>
      {filters.length > 1 ? (
        <button type="button" className="link-button" onClick={onClear}>
          {t('gridTools.chips.clear')}
        </button>
      ) : null}
    </div>
  );
}

function FilterChip({ filter, onRemove }: { filter: GridFilter; onRemove(): void }) {
  const i18n = useI18n();
  const refersTo: GridResource | undefined = fieldSpec(filter.column).refersTo;
  const id = typeof filter.value === 'string' ? filter.value : null;
  const name = useRecordLabel(refersTo, id);
  const text = describeFilter(filter, i18n, (value) => (value === id ? name : null));
  return (
    <li className="filter-chip" data-testid="filter-chip">
      <span>{text}</span>
      <button type="button" className="filter-chip__remove" aria-label={i18n.t('gridTools.chip.remove', { filter: text })} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
