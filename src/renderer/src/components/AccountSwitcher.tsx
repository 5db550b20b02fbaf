// Which account the window shows. Choosing another opens it (accounts.open); the demo organisation
// is always one choice away, and the last option goes to the form for adding an account.
import { useId } from 'react';
import { useI18n } from '../i18n/useI18n';
import { hrefFor } from '../routing/route';
import { navigate } from '../routing/useRoute';
import { useApp } from '../state/hooks';
import { stores } from '../state/stores';
import { FailureMessage } from './FailureMessage';
import './AccountSwitcher.css';

// Option values carry their kind, so no account name can be mistaken for "demo" or "add".
const DEMO = 'demo';
const ADD = 'add';
const accountValue = (name: string) => `account:${name}`;

export function AccountSwitcher() {
  const { t } = useI18n();
  const id = useId();
  const app = useApp((s) => s.app);
  const busy = useApp((s) => s.busy !== null);
  const failure = useApp((s) => (s.failure?.action === 'open' || s.failure?.action === 'demo' ? s.failure.error : null));
  const current = app?.current;
  if (!app || !current) return null;

  const selected = current.demo ? DEMO : accountValue(current.name);
  const choose = (value: string) => {
    if (value === selected) return;
    if (value === ADD) navigate(hrefFor({ screen: 'add-account' }));
    else if (value === DEMO) void stores.app.getState().openDemo();
    else void stores.app.getState().openAccount(value.slice(accountValue('').length));
  };

  return (
    <div className="account-switcher">
      <label htmlFor={id}>{t('account.label')}</label>
      <select id={id} value={selected} disabled={busy} onChange={(e) => choose(e.target.value)}>
        {app.accounts.map((account) => (
          <option key={account.name} value={accountValue(account.name)}>
            {account.name}
          </option>
        ))}
        <option value={DEMO}>{t('account.demo')}</option>
        <option value={ADD}>{t('account.add')}</option>
      </select>
      {failure ? (
        <div className="account-switcher__failure">
          <FailureMessage lead="account.openFailed" failure={failure} />
        </div>
      ) : null}
    </div>
  );
}
