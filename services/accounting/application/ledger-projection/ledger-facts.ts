import type { IntegrationEnvelope, ManualEntryRecordedV1 } from '@osteo/contracts';
import { type ContractCheck, contractCheckOf, type ProjectedMessage, UnknownEventVersionError, UnprocessableMessageError } from '@osteo/messaging';
import type { ConsultationFact } from '../../domain/consultation-ledger';
import type { Posting } from '../../domain/ledger-line';

/**
 * What the ledger projection reads, checked against the contracts before it touches a ledger:
 * a line is a legal record, so an envelope that breaks its contract writes nothing. Read once per
 * envelope: a consultation fact keeps the envelope's stream position, for the projection runner.
 */
export type ConsultationFactMessage = ProjectedMessage & { readonly source: 'consultation'; readonly fact: ConsultationFact; readonly posting: Posting };
export type LedgerFact = ConsultationFactMessage | { readonly source: 'manual-entry'; readonly entry: ManualEntryRecordedV1; readonly posting: Posting };

/** No redelivery can repair it: the bus moves it to the dead-letter topic and goes on. */
export class MalformedLedgerFactError extends UnprocessableMessageError {
  constructor(envelope: IntegrationEnvelope, problem: string) {
    super('ACCOUNTING.MALFORMED_LEDGER_FACT', `${envelope.type} ${envelope.eventId} breaks its contract: ${problem}`);
    this.name = 'MalformedLedgerFactError';
  }
}

/**
 * The contracts of records.events and accounting.events the ledger reads, by the versions it
 * understands. ConsultationFeeCorrected v2 adds what places the correction; the ledger has it from
 * the completion already, so both versions read alike (the fee and payment method).
 */
const contractChecks: Readonly<Record<ConsultationFact['type'] | 'ManualEntryRecorded', Readonly<Record<number, ContractCheck>>>> = {
  ConsultationCompleted: { 1: contractCheckOf('ConsultationCompleted', 1) },
  ConsultationFeeCorrected: { 1: contractCheckOf('ConsultationFeeCorrected', 1), 2: contractCheckOf('ConsultationFeeCorrected', 2) },
  ConsultationDeleted: { 1: contractCheckOf('ConsultationDeleted', 1) },
  ManualEntryRecorded: { 1: contractCheckOf('ManualEntryRecorded', 1) },
};

/** The versions of the consultation facts the ledger reads, for the consultation ledgers' runner. */
export const understoodConsultationFactVersions: readonly number[] = [1, 2];

/** The ledger facts among records.events and accounting.events; null for every other event (a deleted patient changes no line). */
export function ledgerFactOf(envelope: IntegrationEnvelope): LedgerFact | null {
  switch (envelope.type) {
    case 'ConsultationCompleted':
    case 'ConsultationFeeCorrected':
    case 'ConsultationDeleted': {
      requireContract(envelope, contractChecks[envelope.type]);
      const { eventId, type, version, streamId, revision } = envelope;
      const fact = { type: envelope.type, data: envelope.data } as ConsultationFact;
      return { source: 'consultation', eventId, type, version, streamId, revision, fact, posting: postingOf(envelope) };
    }
    case 'ManualEntryRecorded':
      requireContract(envelope, contractChecks.ManualEntryRecorded);
      return { source: 'manual-entry', entry: envelope.data as ManualEntryRecordedV1, posting: postingOf(envelope) };
    // The ledger's own output, published for other systems: the line it reports is already written.
    case 'LedgerLineWritten':
      return null;
    default:
      return null;
  }
}

/**
 * A later version may mean something this code does not know: rather than misread now, it is
 * dead-lettered, to be replayed once accounting understands it, and the ledgers behind it go on.
 */
function requireContract(envelope: IntegrationEnvelope, checks: Readonly<Record<number, ContractCheck>>): void {
  const check = checks[envelope.version];
  if (check === undefined) throw new UnknownEventVersionError(envelope, 'accounting', Object.keys(checks).map(Number));
  const problem = check(envelope.data);
  if (problem !== null) throw new MalformedLedgerFactError(envelope, problem);
}

function postingOf(envelope: IntegrationEnvelope): Posting {
  const occurredAt = Date.parse(envelope.occurredAt);
  if (Number.isNaN(occurredAt)) throw new MalformedLedgerFactError(envelope, 'occurredAt is not a time');
  // Normalised to UTC so that ordering keys sort as strings whatever offset the publisher wrote.
  return { eventId: envelope.eventId, recordedAt: new Date(occurredAt).toISOString() };
}
