import type { Area } from '../access/spaces';

/** Where each area of the menu lives (French paths: they show in the address bar). */
export const areaPaths: Readonly<Record<Area, string>> = {
  agenda: '/agenda',
  patients: '/patients',
  ledger: '/comptabilite',
  accounts: '/comptes-specifiques',
  cabinets: '/cabinets',
};
