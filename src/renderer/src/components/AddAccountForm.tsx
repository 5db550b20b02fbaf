// Name, address and API key of an Enlight account. accounts.add checks the key with the server
// before anything is saved; whatever the server answered is shown right under the form.
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/useI18n';
import { useApp } from '../state/hooks';
import { stores } from '../state/stores';
import { FailureMessage } from './FailureMessage';
import { KeychainWarning } from './KeychainWarning';
import './AddAccountForm.css';

interface Props {
  headingLevel: 'h1' | 'h2';
  onAdded?: () => void;
  onCancel?: () => void;
}

export function AddAccountForm({ headingLevel: Heading, onAdded, onCancel }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const checking = useApp((s) => s.busy === 'add');
  const otherBusy = useApp((s) => s.busy !== null && s.busy !== 'add');
  const failure = useApp((s) => (s.failure?.action === 'add' ? s.failure.error : null));
  const complete = name.trim() !== '' && baseUrl.trim() !== '' && apiKey.trim() !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!complete || checking) return;
    const added = await stores.app.getState().addAccount({ name, baseUrl, apiKey });
    if (added) {
      setApiKey('');
      onAdded?.();
    }
  };

  return (
    <form className="add-account" aria-labelledby={`${id}-heading`} onSubmit={submit} aria-describedby={failure ? `${id}-failure` : undefined}>
      <Heading id={`${id}-heading`} className="add-account__heading" tabIndex={-1}>
        {t('addAccount.heading')}
      </Heading>
      <KeychainWarning />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('addAccount.name')}</label>
        <input id={`${id}-name`} name="name" autoComplete="organization" aria-required="true" aria-describedby={`${id}-name-hint`} value={name} onChange={(e) => setName(e.target.value)} />
        <p className="field__hint" id={`${id}-name-hint`}>
          {t('addAccount.nameHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('addAccount.url')}</label>
        <input id={`${id}-url`} name="baseUrl" type="url" inputMode="url" autoComplete="url" spellCheck={false} aria-required="true" aria-describedby={`${id}-url-hint`} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
        <p className="field__hint" id={`${id}-url-hint`}>
          {t('addAccount.urlHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('addAccount.apiKey')}</label>
        <input id={`${id}-key`} name="apiKey" type="password" autoComplete="off" spellCheck={false} aria-required="true" aria-describedby={`${id}-key-hint`} value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
        <p className="field__hint" id={`${id}-key-hint`}>
          {t('addAccount.apiKeyHint')}
        </p>
      </div>
      <div className="add-account__actions">
        <button type="submit" className="button button--primary" disabled={!complete || checking || otherBusy}>
          {t('addAccount.submit')}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={checking}>
            {t('addAccount.cancel')}
          </button>
        ) : null}
        <span role="status" className="add-account__status">
          {checking ? t('addAccount.checking') : ''}
        </span>
      </div>
      {failure ? <FailureMessage id={`${id}-failure`} lead="addAccount.failed" failure={failure} /> : null}
    </form>
  );
}
