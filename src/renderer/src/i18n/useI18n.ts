// The i18n of the language the user chose; components re-render when it changes.
import { useMemo } from 'react';
import { useSettings } from '../state/hooks';
import { createI18n, type I18n } from './createI18n';

export function useI18n(): I18n {
  const language = useSettings((s) => s.settings.language);
  return useMemo(() => createI18n(language), [language]);
}
