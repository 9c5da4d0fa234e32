/**
 * Every word a person reads (the app loads these files one by one, see ./i18n.ts; this module
 * gathers them for the tests), per language and per area (one namespace per area of the menu).
 * French is the default; English is complete too (i18n/catalogs.spec.ts checks both hold the
 * same keys and that every error code the API can answer has a message).
 */
import accountsEn from './locales/en/accounts.json';
import agendaEn from './locales/en/agenda.json';
import commonEn from './locales/en/common.json';
import errorsEn from './locales/en/errors.json';
import ledgerEn from './locales/en/ledger.json';
import patientsEn from './locales/en/patients.json';
import cabinetsEn from './locales/en/cabinets.json';
import sessionEn from './locales/en/session.json';
import accountsFr from './locales/fr/accounts.json';
import agendaFr from './locales/fr/agenda.json';
import commonFr from './locales/fr/common.json';
import errorsFr from './locales/fr/errors.json';
import ledgerFr from './locales/fr/ledger.json';
import patientsFr from './locales/fr/patients.json';
import cabinetsFr from './locales/fr/cabinets.json';
import sessionFr from './locales/fr/session.json';

export { languages, type Language } from './i18n';

export const catalogs = {
  fr: { common: commonFr, errors: errorsFr, session: sessionFr, agenda: agendaFr, patients: patientsFr, ledger: ledgerFr, accounts: accountsFr, cabinets: cabinetsFr },
  en: { common: commonEn, errors: errorsEn, session: sessionEn, agenda: agendaEn, patients: patientsEn, ledger: ledgerEn, accounts: accountsEn, cabinets: cabinetsEn },
} as const;

export type Namespace = keyof (typeof catalogs)['fr'];
export const namespaces = Object.keys(catalogs.fr) as Namespace[];
