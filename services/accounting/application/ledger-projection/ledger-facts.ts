import {
  type IntegrationEnvelope,
  type ManualEntryRecordedV1,
  ledgerEntryKinds,
  paymentMethods,
  type PractitionerRole,
} from '@osteo/contracts';
import { UnknownEventVersionError, UnprocessableMessageError } from '@osteo/messaging';
import type { ConsultationFact } from '../../domain/consultation-ledger';
import { isCalendarDate, type Posting } from '../../domain/ledger-line';

/**
 * What the ledger projection reads, checked against the contracts before it touches a ledger:
 * a line is a legal record, so an envelope that breaks its contract writes nothing.
 */
export type LedgerFact =
  | { readonly source: 'consultation'; readonly fact: ConsultationFact; readonly posting: Posting }
  | { readonly source: 'manual-entry'; readonly entry: ManualEntryRecordedV1; readonly posting: Posting };

/** No redelivery can repair it: the bus moves it to the dead-letter topic and goes on. */
export class MalformedLedgerFactError extends UnprocessableMessageError {
  constructor(envelope: IntegrationEnvelope, problem: string) {
    super('ACCOUNTING.MALFORMED_LEDGER_FACT', `${envelope.type} ${envelope.eventId} breaks its contract: ${problem}`);
    this.name = 'MalformedLedgerFactError';
  }
}

const practitionerRoles: readonly PractitionerRole[] = ['owner', 'colleague', 'substitute'];
const understoodVersions: readonly number[] = [1];

/** The ledger facts among records.events and accounting.events; null for every other event (a deleted patient changes no line). */
export function ledgerFactOf(envelope: IntegrationEnvelope): LedgerFact | null {
  switch (envelope.type) {
    case 'ConsultationCompleted':
    case 'ConsultationFeeCorrected':
    case 'ConsultationDeleted':
      requireUnderstoodVersion(envelope);
      requireFields(envelope, consultationFactFields[envelope.type]);
      return { source: 'consultation', fact: { type: envelope.type, data: envelope.data } as ConsultationFact, posting: postingOf(envelope) };
    case 'ManualEntryRecorded':
      requireUnderstoodVersion(envelope);
      requireFields(envelope, manualEntryFields);
      return { source: 'manual-entry', entry: envelope.data as ManualEntryRecordedV1, posting: postingOf(envelope) };
    default:
      return null;
  }
}

/**
 * A later version may mean something this code does not know: rather than misread now, it is
 * dead-lettered, to be replayed once accounting understands it, and the ledgers behind it go on.
 */
function requireUnderstoodVersion(envelope: IntegrationEnvelope): void {
  if (!understoodVersions.includes(envelope.version)) throw new UnknownEventVersionError(envelope, 'accounting', understoodVersions);
}

function postingOf(envelope: IntegrationEnvelope): Posting {
  const occurredAt = Date.parse(envelope.occurredAt);
  if (Number.isNaN(occurredAt)) throw new MalformedLedgerFactError(envelope, 'occurredAt is not a time');
  // Normalised to UTC so that ordering keys sort as strings whatever offset the publisher wrote.
  return { eventId: envelope.eventId, recordedAt: new Date(occurredAt).toISOString() };
}

type FieldCheck = (value: unknown) => boolean;

const id: FieldCheck = (value) => typeof value === 'string' && value.length > 0 && value.length <= 64;
const cents: FieldCheck = (value) => Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= 100_000_000;
const text = (maxLength: number): FieldCheck => (value) => typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength;
const oneOf = (allowed: readonly unknown[]): FieldCheck => (value) => allowed.includes(value);
const calendarDate: FieldCheck = (value) => typeof value === 'string' && isCalendarDate(value);
const basisPointsOrNull: FieldCheck = (value) => value === null || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10_000);

/** The records contract's schemas (libs/contracts/records), as far as the ledger relies on them. */
const consultationFactFields: Readonly<Record<ConsultationFact['type'], Readonly<Record<string, FieldCheck>>>> = {
  ConsultationCompleted: {
    consultationId: id,
    patientId: id,
    cabinetId: id,
    ownerId: id,
    practitionerId: id,
    practitionerRole: oneOf(practitionerRoles),
    patientName: text(200),
    date: calendarDate,
    feeCents: cents,
    paymentMethod: oneOf(paymentMethods),
    retrocessionBasisPoints: basisPointsOrNull,
  },
  ConsultationFeeCorrected: { consultationId: id, cabinetId: id, ownerId: id, feeCents: cents, paymentMethod: oneOf(paymentMethods) },
  ConsultationDeleted: { consultationId: id, cabinetId: id, ownerId: id, wasCompleted: (value) => typeof value === 'boolean' },
};
const manualEntryFields: Readonly<Record<string, FieldCheck>> = {
  entryId: id,
  holderId: id,
  cabinetId: id,
  date: calendarDate,
  kind: oneOf(ledgerEntryKinds),
  label: text(200),
  amountCents: cents,
  paymentMethod: oneOf(paymentMethods),
};

function requireFields(envelope: IntegrationEnvelope, fields: Readonly<Record<string, FieldCheck>>): void {
  const invalid = Object.entries(fields)
    .filter(([field, check]) => !check(envelope.data[field]))
    .map(([field]) => field);
  if (invalid.length > 0) throw new MalformedLedgerFactError(envelope, `invalid ${invalid.join(', ')}`);
}
