// Online or offline, in words and not only by colour; a screen reader hears the change.
import { useI18n } from '../i18n/useI18n';
import { useConnection } from '../state/hooks';
import './ConnectionIndicator.css';

export function ConnectionIndicator() {
  const { t } = useI18n();
  const online = useConnection((s) => s.online);
  return (
    <p className={`connection ${online ? 'connection--online' : 'connection--offline'}`} role="status" data-testid="connection">
      <span className="connection__dot" aria-hidden="true" />
      {online ? t('connection.online') : t('connection.offline')}
      {online ? null : <span className="connection__hint">{t('connection.offlineHint')}</span>}
    </p>
  );
}
