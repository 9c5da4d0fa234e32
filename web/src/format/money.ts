/**
 * Money is integer cents on the API. A person reads and types euros in their language's format:
 * `1 234,56 €` in French, `€1,234.56` in English.
 */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatCents(cents: number, locale: string): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' });
    formatters.set(locale, formatter);
  }
  return formatter.format(cents / 100);
}

/**
 * Cents from what a person typed: `45`, `45,5`, `1 234,56`, `1234.56`; at most two decimals,
 * no sign. Undefined when it is not an amount (the form says so before anything is sent).
 * Integer arithmetic on the digits: no floating-point rounding.
 */
export function parseEuros(typed: string): number | undefined {
  const compact = typed.replace(/[\s\u00a0\u202f€]/g, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** Cents as a person types them back into a field: `1234,56` (French) or `1234.56`. */
export function centsToInput(cents: number, locale: string): string {
  const euros = Math.trunc(cents / 100);
  const rest = String(Math.abs(cents % 100)).padStart(2, '0');
  return `${euros}${locale === 'en' ? '.' : ','}${rest}`;
}
