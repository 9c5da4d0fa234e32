import type { ReaderLanguage } from '../../application/ledger-language/ledger-catalog';
import type { Period } from '../../application/ledger/ledger-lines';
import type { StatementHeading } from '../../application/export-ledger/ledger-statement.query';
import type { Translate } from '../../application/ledger-language/ledger-catalog';

/**
 * How each language writes what exports show. French: 04/12/2026 and 1234,56 (1 234,56 in
 * print). English: ISO dates, 2026-12-04, which neither a British nor an American reader
 * misreads (04/12 means April to one, December to the other), and 1234.56 (1,234.56 in print).
 */
export function dateText(date: string, language: ReaderLanguage): string {
  if (language === 'en') return date;
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** Cents as decimal euros from integers only (no `cents / 100` float). */
export function amountText(cents: number, language: ReaderLanguage, options: { readonly grouped?: boolean } = {}): string {
  const magnitude = Math.abs(cents);
  const whole = String((magnitude - (magnitude % 100)) / 100);
  const fraction = String(magnitude % 100).padStart(2, '0');
  const separators = language === 'fr' ? { thousands: '\u00a0', decimal: ',' } : { thousands: ',', decimal: '.' };
  const shownWhole = options.grouped ? whole.replace(/\B(?=(\d{3})+$)/g, separators.thousands) : whole;
  return `${cents < 0 ? '-' : ''}${shownWhole}${separators.decimal}${fraction}`;
}

/** "mars 2026", "March 2026": a month of the yearly summary. */
export function monthText(month: string, language: ReaderLanguage): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
}

export function periodText(period: Period, language: ReaderLanguage, t: Translate): string {
  const day = (date: string) => dateText(date, language);
  if (period.from !== undefined && period.to !== undefined) return t('heading.between', { from: day(period.from), to: day(period.to) });
  if (period.from !== undefined) return t('heading.since', { from: day(period.from) });
  if (period.to !== undefined) return t('heading.until', { to: day(period.to) });
  return t('heading.everyDate');
}

export function cabinetsText({ cabinets }: Pick<StatementHeading, 'cabinets'>, t: Translate): string {
  if (cabinets === 'all') return t('scope.allCabinets');
  const names = cabinets.map((cabinet) => cabinet.name).join(', ');
  return cabinets.length === 1 ? t('heading.cabinet', { cabinet: names }) : t('heading.cabinets', { cabinets: names });
}
