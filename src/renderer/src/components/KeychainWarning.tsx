// Shown wherever a key is about to be entered when the OS keychain is missing: the key will not
// outlive this session, and the user should know before typing it.
import { useI18n } from '../i18n/useI18n';
import { useApp } from '../state/hooks';

export function KeychainWarning() {
  const { t } = useI18n();
  const app = useApp((s) => s.app);
  if (!app || app.keychain) return null;
  return (
    <div className="notice notice--warning" role="note" data-testid="keychain-warning">
      <p>{t('keychain.missing')}</p>
      {app.keychainWarning ? <p className="notice__details">{app.keychainWarning}</p> : null}
    </div>
  );
}
