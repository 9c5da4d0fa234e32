import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi, useSessionState } from '../app/platform';
import { languages, rememberLanguage, type Language } from '../i18n/i18n';
import { saveAccountLanguage } from '../session/account-language';

/** On every screen; signed in, the choice is the account's too (its mail follows it). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  const api = useApi();
  const session = useSessionState();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(value) => {
        rememberLanguage(value as Language);
        void i18n.changeLanguage(value);
        // The screen follows at once whatever the answer; a refused save leaves the account's as it was.
        if (session.status === 'authenticated') saveAccountLanguage(api, value as Language).catch(() => undefined);
      }}
      data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );
}
