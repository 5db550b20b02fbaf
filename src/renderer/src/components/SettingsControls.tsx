// Theme and language pickers. They apply at once and are saved with settings.set; the first-run
// screen shows them too, so nobody has to add an account in a language they don't read.
import { useId } from 'react';
import type { Language } from '../../../shared/bridge';
import { LANGUAGES, THEMES } from '../../../shared/contractLists';
import { useI18n } from '../i18n/useI18n';
import { useSettings } from '../state/hooks';
import { stores } from '../state/stores';
import { FailureMessage } from './FailureMessage';
import './SettingsControls.css';

interface Props {
  layout: 'stacked' | 'inline';
}

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

export function SettingsControls({ layout }: Props) {
  const { t } = useI18n();
  const id = useId();
  const { theme, language } = useSettings((s) => s.settings);
  const error = useSettings((s) => s.error);
  const change = stores.settings.getState().change;

  return (
    <div className={`settings-controls settings-controls--${layout}`}>
      <fieldset className="settings-controls__themes">
        <legend>{t('settings.theme')}</legend>
        {THEMES.map((value) => (
          <label key={value} className="choice">
            <input type="radio" name={`${id}-theme`} value={value} checked={theme === value} onChange={() => void change({ theme: value })} />
            {t(`theme.${value}`)}
          </label>
        ))}
      </fieldset>
      <div className="field settings-controls__language">
        <label htmlFor={`${id}-language`}>{t('settings.language')}</label>
        <select
          id={`${id}-language`}
          value={language}
          onChange={(e) => {
            if (isLanguage(e.target.value)) void change({ language: e.target.value });
          }}
        >
          {LANGUAGES.map((value) => (
            <option key={value} value={value} lang={value}>
              {t(`language.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {error ? <FailureMessage lead="settings.saveFailed" failure={error} /> : null}
    </div>
  );
}
