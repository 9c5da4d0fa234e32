/**
 * How ledger lines and totals read on screen: catalog keys for the API's words (kind, category,
 * payment method), what marks a counter-entry, the tone of a balance, the per-cabinet totals in
 * a stable order.
 */
export const entryKinds = ['income', 'expense'] as const;
export type EntryKind = (typeof entryKinds)[number];

export const entryCategories = ['consultation', 'retrocession', 'manual', 'correction'] as const;
export type EntryCategory = (typeof entryCategories)[number];

export const paymentMethods = ['cash', 'cheque', 'card', 'transfer', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** Catalog keys (namespace `ledger`); a value the API adds later reads as "other" rather than as a raw code. */
export function kindKey(kind: string): string {
  return (entryKinds as readonly string[]).includes(kind) ? `kind.${kind}` : 'kind.unknown';
}

export function categoryKey(category: string): string {
  return (entryCategories as readonly string[]).includes(category) ? `category.${category}` : 'category.unknown';
}

export function paymentMethodKey(method: string): string {
  return (paymentMethods as readonly string[]).includes(method) ? `payment.${method}` : 'payment.other';
}

/** A counter-entry cancels an earlier line (a corrected fee, a deleted consultation). */
export function isCounterEntry(entry: { readonly category: string }): boolean {
  return entry.category === 'correction';
}

export type BalanceTone = 'positive' | 'negative' | 'zero';

export function balanceTone(netCents: number): BalanceTone {
  return netCents > 0 ? 'positive' : netCents < 0 ? 'negative' : 'zero';
}

export interface Totals {
  readonly incomeCents: number;
  readonly expenseCents: number;
  readonly netCents: number;
}

export interface CabinetTotalsRow extends Totals {
  readonly cabinetId: string;
  readonly name: string;
}

/** The per-cabinet totals with the cabinet's name, by name (unknown cabinets last). */
export function cabinetTotalsRows(
  totalsByCabinet: readonly (Totals & { readonly cabinetId: string })[],
  cabinetName: (cabinetId: string) => string | undefined,
  unknownName: string,
  locale: string,
): CabinetTotalsRow[] {
  return totalsByCabinet
    .map((totals) => ({ ...totals, name: cabinetName(totals.cabinetId) ?? unknownName, known: cabinetName(totals.cabinetId) !== undefined }))
    .sort((a, b) => Number(b.known) - Number(a.known) || a.name.localeCompare(b.name, locale) || a.cabinetId.localeCompare(b.cabinetId))
    .map(({ known: _known, ...row }) => row);
}

/** Totals of rows computed the way the API does (the DAS2 table's last line). */
export function sumOf<T>(rows: readonly T[], amount: (row: T) => number): number {
  return rows.reduce((sum, row) => sum + amount(row), 0);
}
