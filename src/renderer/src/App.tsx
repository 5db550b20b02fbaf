// The window: the first-run screen until an account is open, then the frame around it.
import { FirstRun } from './components/FirstRun';
import { Shell } from './components/Shell';
import { useI18n } from './i18n/useI18n';
import { useApp, useSettings } from './state/hooks';
import { stores } from './state/stores';
import { useDocumentSettings } from './theme/useDocumentSettings';

export function App() {
  useDocumentSettings();
  const { t } = useI18n();
  const app = useApp((s) => s.app);
  const loadError = useApp((s) => s.loadError);
  const settingsLoaded = useSettings((s) => s.loaded);

  if (loadError && !app) {
    return (
      <main className="centered" id="content">
        <h1>{t('app.name')}</h1>
        <p role="alert">{t('app.unreachable', { message: loadError.message })}</p>
        <button type="button" className="button button--primary" onClick={() => void stores.app.getState().load()}>
          {t('app.retry')}
        </button>
      </main>
    );
  }
  if (!app || !settingsLoaded) {
    return (
      <main className="centered" id="content" aria-busy="true">
        <p role="status">{t('app.loading')}</p>
      </main>
    );
  }
  return app.current ? <Shell /> : <FirstRun />;
}
