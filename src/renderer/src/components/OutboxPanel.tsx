// How many edits are still on their way to the server, and which of them wait for the user.
import { useI18n } from '../i18n/useI18n';
import { useOutbox } from '../state/hooks';
import { OUTBOX_PANEL_ID } from '../overview/openOutboxPanel';
import './OutboxPanel.css';

const ROWS = ['pending', 'waiting', 'stuck', 'rejected', 'conflict', 'ambiguous'] as const;

export function OutboxPanel() {
  const { t } = useI18n();
  const summary = useOutbox((s) => s.summary);
  const sending = useOutbox((s) => s.sending);
  const sendNow = useOutbox((s) => s.sendNow);
  if (!summary) return null;
  const { counts } = summary;
  return (
    <section className="outbox" id={OUTBOX_PANEL_ID} tabIndex={-1} aria-labelledby="outbox-heading" data-testid="outbox">
      <h2 id="outbox-heading" className="outbox__heading">
        {t('outbox.heading')}
      </h2>
      {counts.total === 0 ? (
        <p className="outbox__empty">{t('outbox.empty')}</p>
      ) : (
        <>
          <ul className="outbox__counts">
            {ROWS.filter((state) => counts[state] > 0).map((state) => (
              <li key={state} className={`outbox__count outbox__count--${state}`}>
                {t(`outbox.${state}`, { count: counts[state] })}
              </li>
            ))}
          </ul>
          <button type="button" className="outbox__send" disabled={sending} onClick={() => void sendNow().catch(() => {})}>
            {t('outbox.sendNow')}
          </button>
        </>
      )}
    </section>
  );
}
