import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs, languages, namespaces, type Language } from './catalogs';

const LANGUAGE_KEY = 'osteo.language';

/** French unless the person chose English on this device (a preference, not a secret). */
export function preferredLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANGUAGE_KEY);
  return languages.includes(stored as Language) ? (stored as Language) : 'fr';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
}

/**
 * One i18next instance for the app. Keys are flat strings (`login.title`) and API error codes
 * (`APPOINTMENT.DOUBLE_BOOKING`) are keys too, so dots never nest.
 */
export function createI18n(language: Language = preferredLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    supportedLngs: [...languages],
    ns: [...namespaces],
    defaultNS: 'common',
    keySeparator: false,
    nsSeparator: ':',
    interpolation: { escapeValue: false },
    resources: catalogs,
    initAsync: false,
    returnNull: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return instance;
}
