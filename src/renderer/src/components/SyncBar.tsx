// The sync bar: what the last sync achieved, the live figures of the one running (pages, records,
// time left, waits for the server's rate limit, a request being tried again), and the buttons to
// start and stop one.
import { useState } from 'react';
import type { MessageKey } from '../i18n/createI18n';
import { useI18n } from '../i18n/useI18n';
import { useSync } from '../state/hooks';
import { stores } from '../state/stores';
import { FailureMessage } from './FailureMessage';
import { SyncResourceProgress } from './SyncResourceProgress';
import './SyncBar.css';

const OUTCOME: Record<'partial' | 'failed' | 'stopped', MessageKey> = {
  partial: 'sync.outcome.partial',
  failed: 'sync.outcome.failed',
  stopped: 'sync.outcome.stopped',
};

export function SyncBar() {
  const { t, dateTime, duration } = useI18n();
  const status = useSync((s) => s.status);
  const progress = useSync((s) => s.progress);
  const stopping = useSync((s) => s.stopping);
  const failure = useSync((s) => s.failure);
  const running = status?.running ?? false;
  const [detailsOpen, setDetailsOpen] = useState(false);
  // While a sync runs its figures are the point; afterwards they fold away behind a button.
  const showSteps = running || detailsOpen;
  const hasSteps = progress !== null && progress.resources.length > 0;
  const outcome = !running && status?.lastOutcome && status.lastOutcome !== 'complete' ? status.lastOutcome : null;

  return (
    <section className="sync-bar" aria-label={t('sync.label')} data-running={running}>
      <div className="sync-bar__summary">
        <p role="status" className="sync-bar__status">
          {running ? t('sync.running') : status?.lastCompleteAt ? t('sync.lastComplete', { time: dateTime(status.lastCompleteAt) }) : status ? t('sync.never') : ''}
        </p>
        {outcome ? (
          <div className="sync-bar__outcome">
            <p>{t(OUTCOME[outcome])}</p>
            {status && status.lastErrors.length > 0 ? (
              <ul>
                {status.lastErrors.map((e) => (
                  <li key={`${e.step}:${e.message}`}>{e.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {hasSteps && !running ? (
          <button type="button" className="link-button sync-bar__toggle" aria-expanded={detailsOpen} aria-controls="sync-steps" onClick={() => setDetailsOpen(!detailsOpen)}>
            {t('sync.details')}
          </button>
        ) : null}
        <div className="sync-bar__actions">
          <button type="button" className="button button--primary" disabled={running || status === null} onClick={() => void stores.sync.getState().start()}>
            {t('sync.start')}
          </button>
          {running ? (
            <button type="button" className="button" disabled={stopping} onClick={() => void stores.sync.getState().stop()}>
              {stopping ? t('sync.stopping') : t('sync.stop')}
            </button>
          ) : null}
        </div>
      </div>
      {hasSteps ? (
        <ul className="sync-bar__steps" id="sync-steps" data-testid="sync-progress" hidden={!showSteps}>
          {progress.resources.map((r) => (
            <SyncResourceProgress key={r.resource} progress={r} />
          ))}
        </ul>
      ) : null}
      {running && progress?.retrying ? (
        // A sync that seems to stand still says why: a bad connection, a server not answering.
        <p className="sync-bar__retrying" role="status">
          {t(`sync.retrying.${progress.retrying.reason}`, { endpoint: progress.retrying.endpoint, attempt: progress.retrying.attempt, of: progress.retrying.of, status: progress.retrying.status ?? '' })}
        </p>
      ) : null}
      {progress && progress.rateLimitWaits > 0 ? (
        <p className="sync-bar__rate-limit">{t('sync.rateLimit', { count: progress.rateLimitWaits, duration: duration(progress.rateLimitWaitedMs) })}</p>
      ) : null}
      {failure ? <FailureMessage lead={failure.action === 'start' ? 'sync.startFailed' : 'sync.stopFailed'} failure={failure.error} /> : null}
    </section>
  );
}
