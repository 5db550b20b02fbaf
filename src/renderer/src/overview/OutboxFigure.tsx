// An outbox figure: edits in one state. The edits are not grid rows, so it opens the outbox panel.
import { useI18n } from '../i18n/useI18n';
import { openOutboxPanel } from './openOutboxPanel';

export function OutboxFigure({ name, label, count }: { name: string; label: string; count: number }) {
  const { number } = useI18n();
  return (
    <button type="button" className={`overview-figure overview-figure--${name}`} data-outbox-figure={name} data-attention={count > 0 && name !== 'pending' ? 'true' : undefined} onClick={openOutboxPanel}>
      <span className="overview-figure__value">{number(count)}</span>
      <span className="overview-figure__label">{label}</span>
    </button>
  );
}
