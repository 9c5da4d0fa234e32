import { parseEuros } from '../format/money';
import { entryKinds, paymentMethods, type EntryKind, type PaymentMethod } from './ledger-display';
import { isCalendarDay } from './period';

/** The API's limits for a manual line (libs/contracts/bounds.ts: MAX_LEDGER_LABEL_LENGTH, MAX_AMOUNT_CENTS). */
export const MAX_LABEL_LENGTH = 200;
export const MAX_AMOUNT_CENTS = 100_000_000;

export interface ManualEntryValues {
  readonly kind: EntryKind | '';
  readonly cabinetId: string;
  readonly date: string;
  readonly label: string;
  /** Euros as typed: `45`, `45,50`, `1 234,56`. */
  readonly amount: string;
  readonly paymentMethod: PaymentMethod | '';
}

export interface ManualEntryBody {
  readonly kind: EntryKind;
  readonly cabinetId: string;
  readonly date: string;
  readonly label: string;
  readonly amountCents: number;
  readonly paymentMethod: PaymentMethod;
}

export type ManualEntryField = keyof ManualEntryValues;

/** The catalog key (namespace `ledger`) of what is wrong with each field; empty when the line can be sent. */
export function manualEntryErrors(values: ManualEntryValues, writableCabinetIds: readonly string[]): Partial<Record<ManualEntryField, string>> {
  const errors: Partial<Record<ManualEntryField, string>> = {};
  if (!(entryKinds as readonly string[]).includes(values.kind)) errors.kind = 'entry.error.kind';
  if (!writableCabinetIds.includes(values.cabinetId)) errors.cabinetId = 'entry.error.cabinet';
  if (!isCalendarDay(values.date)) errors.date = 'entry.error.date';
  const label = values.label.trim();
  if (label === '') errors.label = 'entry.error.labelRequired';
  else if (label.length > MAX_LABEL_LENGTH) errors.label = 'entry.error.labelTooLong';
  const cents = parseEuros(values.amount);
  if (values.amount.trim() === '') errors.amount = 'entry.error.amountRequired';
  else if (cents === undefined) errors.amount = 'entry.error.amountFormat';
  else if (cents < 1) errors.amount = 'entry.error.amountPositive';
  else if (cents > MAX_AMOUNT_CENTS) errors.amount = 'entry.error.amountTooLarge';
  if (!(paymentMethods as readonly string[]).includes(values.paymentMethod)) errors.paymentMethod = 'entry.error.paymentMethod';
  return errors;
}

/** The request body, once `manualEntryErrors` found nothing. */
export function manualEntryBody(values: ManualEntryValues): ManualEntryBody {
  const amountCents = parseEuros(values.amount);
  if (amountCents === undefined || values.kind === '' || values.paymentMethod === '') throw new Error('manualEntryBody before validation');
  return { kind: values.kind, cabinetId: values.cabinetId, date: values.date, label: values.label.trim(), amountCents, paymentMethod: values.paymentMethod };
}

/** The form field a field named by the API's 400 belongs to. */
export function formFieldOfApiField(apiField: string): ManualEntryField | undefined {
  const fields: Record<string, ManualEntryField> = { kind: 'kind', cabinetId: 'cabinetId', date: 'date', label: 'label', amountCents: 'amount', paymentMethod: 'paymentMethod' };
  return fields[apiField];
}
