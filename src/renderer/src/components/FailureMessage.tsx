// A failed action, said plainly: what did not happen (in the UI language), what to do about it
// (by the error's code), and the back end's own words, which name the endpoint and the cause (or,
// for a failure on this computer, such as a full disk, what went wrong here).
import type { BridgeFailure } from '../../../shared/bridge';
import type { MessageKey } from '../i18n/createI18n';
import { useI18n } from '../i18n/useI18n';
import { failureKeys } from './failureKeys';
import './FailureMessage.css';

interface Props {
  lead: MessageKey;
  failure: BridgeFailure;
  id?: string;
}

export function FailureMessage({ lead, failure, id }: Props) {
  const { t } = useI18n();
  const { guidance, details } = failureKeys(failure.code);
  const fieldErrors = Object.entries(failure.fieldErrors ?? {});
  return (
    <div className="failure" role="alert" id={id}>
      <p className="failure__lead">
        {t(lead)} {guidance ? t(guidance) : null}
      </p>
      <p className="failure__details">{t(details, { message: failure.message })}</p>
      {fieldErrors.length > 0 ? (
        <ul className="failure__fields">
          {fieldErrors.map(([field, messages]) => (
            <li key={field}>
              <code>{field}</code>: {messages.join(' ')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
