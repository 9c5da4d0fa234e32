import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../access/queries';
import { unwrap, type ApiClient } from '../api/client';
import { useApi } from '../app/platform';
import { hasLanguageChosenOnThisDevice, languages, rememberLanguage, type Language } from '../i18n/i18n';

/** Saves the language on the signed-in account: identity writes every mail to it in that language. */
export function saveAccountLanguage(api: ApiClient, language: Language): Promise<void> {
  return unwrap(api.PUT('/api/v1/me/language', { body: { language } }));
}

/**
 * Once per sign-in: the account's language wins over the device's. An account that never had one
 * takes the language chosen on this device (on the login page, say), so its mail follows it.
 */
export function useAccountLanguage(): void {
  const { data: me } = useMe();
  const api = useApi();
  const { i18n } = useTranslation();
  const settledFor = useRef<string | null>(null);
  useEffect(() => {
    if (me === undefined || settledFor.current === me.accountId) return;
    settledFor.current = me.accountId;
    const shown = i18n.language as Language;
    if (me.languageChosen) {
      if (me.language !== shown && languages.includes(me.language)) {
        rememberLanguage(me.language);
        void i18n.changeLanguage(me.language);
      }
    } else if (hasLanguageChosenOnThisDevice() && me.language !== shown) {
      // Not worth an error on screen: the device keeps its language either way.
      saveAccountLanguage(api, shown).catch(() => undefined);
    }
  }, [me, api, i18n]);
}
