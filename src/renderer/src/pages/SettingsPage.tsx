// Settings: theme and language (applied at once and saved), and the version for support.
import { SettingsControls } from '../components/SettingsControls';
import { useI18n } from '../i18n/useI18n';
import { useApp } from '../state/hooks';
import './SettingsPage.css';

export function SettingsPage() {
  const { t } = useI18n();
  const version = useApp((s) => s.app?.version ?? '');
  return (
    <section aria-labelledby="page-heading" className="settings-page">
      <h1 id="page-heading" tabIndex={-1}>
        {t('settings.heading')}
      </h1>
      <SettingsControls layout="stacked" />
      <p className="settings-page__version">{t('app.version', { version })}</p>
    </section>
  );
}
