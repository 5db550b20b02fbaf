// One step's line in the sync bar. A bar only where the total is known (from the last complete
// pass); before the first, counting up is the honest picture.
import type { ResourceProgress } from '../../../shared/syncProgress';
import type { MessageKey } from '../i18n/createI18n';
import { en } from '../i18n/en';
import { useI18n } from '../i18n/useI18n';

const isMessageKey = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(en, key);

export function SyncResourceProgress({ progress: p }: { progress: ResourceProgress }) {
  const { t, duration } = useI18n();
  const stepKey = `sync.step.${p.resource}`;
  // A step the back end adds later still shows, under its own name, until it gets a translation.
  const name = isMessageKey(stepKey) ? t(stepKey) : p.resource;
  const showEta = p.etaSeconds !== null && (p.phase === 'listing' || p.phase === 'details');
  return (
    <li className={`sync-step sync-step--${p.phase}`} data-step={p.resource}>
      <span className="sync-step__name">{name}</span>
      <span className="sync-step__phase">{t(`sync.phase.${p.phase}`)}</span>
      <span className="sync-step__bar">
        {p.expected !== null && p.expected > 0 ? <progress max={p.expected} value={Math.min(p.records, p.expected)} aria-label={t('sync.progressFor', { resource: name })} /> : null}
      </span>
      <span>{t('sync.pages', { pages: p.pages })}</span>
      <span>{p.expected !== null ? t('sync.recordsOfExpected', { records: p.records, expected: p.expected }) : t('sync.records', { records: p.records })}</span>
      <span>{showEta && p.etaSeconds !== null ? t('sync.eta', { duration: duration(p.etaSeconds * 1000) }) : null}</span>
      {p.error ? <span className="sync-step__error">{p.error}</span> : null}
    </li>
  );
}
