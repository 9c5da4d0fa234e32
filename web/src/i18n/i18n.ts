import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The languages of the catalogs; French is the default. The catalogs themselves: ./catalogs.ts. */
export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

const LANGUAGE_KEY = 'osteo.language';

/** French unless the person chose English on this device (a preference, not a secret). */
export function preferredLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANGUAGE_KEY);
  return languages.includes(stored as Language) ? (stored as Language) : 'fr';
}

/** Whether someone switched language on this device (else it shows French by default). */
export function hasLanguageChosenOnThisDevice(): boolean {
  return typeof localStorage !== 'undefined' && languages.includes(localStorage.getItem(LANGUAGE_KEY) as Language);
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
}

/**
 * Each catalog (one per language and area) is its own chunk, loaded when a screen of that area
 * first asks for it: the login page loads the French `common`, `errors` and `session` only.
 */
const catalogChunks: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    import(`./locales/${language}/${namespace}.json`).then(
      (catalog: { default: Record<string, string> }) => callback(null, catalog.default),
      (error: Error) => callback(error, false),
    );
  },
};

/**
 * One i18next instance for the app. Keys are flat strings (`login.title`) and API error codes
 * (`APPOINTMENT.DOUBLE_BOOKING`) are keys too, so dots never nest. Resolves once the catalogs
 * every screen needs are loaded.
 */
export async function createI18n(language: Language = preferredLanguage()): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance
    .use(catalogChunks)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: false,
      supportedLngs: [...languages],
      ns: ['common', 'errors'],
      defaultNS: 'common',
      keySeparator: false,
      nsSeparator: ':',
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: true },
    });
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return instance;
}
