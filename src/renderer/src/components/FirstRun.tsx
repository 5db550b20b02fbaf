// The screen of a new installation: add a real account, or open the built-in demo organisation.
import { useI18n } from '../i18n/useI18n';
import { useApp } from '../state/hooks';
import { stores } from '../state/stores';
import { AddAccountForm } from './AddAccountForm';
import { FailureMessage } from './FailureMessage';
import { SettingsControls } from './SettingsControls';
import './FirstRun.css';

export function FirstRun() {
  const { t } = useI18n();
  const opening = useApp((s) => s.busy === 'demo');
  const busy = useApp((s) => s.busy !== null);
  const failure = useApp((s) => (s.failure?.action === 'demo' ? s.failure.error : null));

  return (
    <main className="first-run" id="content">
      <header className="first-run__header">
        <h1>{t('firstRun.heading')}</h1>
        <p className="first-run__intro">{t('firstRun.intro')}</p>
      </header>
      <div className="first-run__choices">
        <section className="card">
          <AddAccountForm headingLevel="h2" />
        </section>
        <section className="card first-run__demo" aria-labelledby="first-run-demo">
          <h2 id="first-run-demo">{t('firstRun.demoHeading')}</h2>
          <p>{t('firstRun.demoText')}</p>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void stores.app.getState().openDemo()}>
            {t('firstRun.openDemo')}
          </button>
          <p role="status" className="first-run__status">
            {opening ? t('firstRun.openingDemo') : ''}
          </p>
          {failure ? <FailureMessage lead="firstRun.demoFailed" failure={failure} /> : null}
        </section>
      </div>
      <footer className="first-run__footer">
        <SettingsControls layout="inline" />
      </footer>
    </main>
  );
}
