import type { AccountingEventType, IntegrationEnvelope } from '@osteo/contracts';
import type { RecordedEvent } from '@osteo/event-sourcing';
import { integrationEnvelopeOf } from '@osteo/messaging';
import type { LedgerEvent } from '../../domain/ledger';

/**
 * The ledger's events are accounting's public contract as they stand (primitive fields;
 * libs/contracts/accounting pins the shape). A new domain event type does not compile here
 * until it is classified.
 */
const published: Record<LedgerEvent['type'], AccountingEventType> = {
  ManualEntryRecorded: 'ManualEntryRecorded',
  // Appended by the ledger projection in its public form already (ledger-line-outbox.ts).
  LedgerLineWritten: 'LedgerLineWritten',
};

export function toAccountingPublicEvent(recorded: RecordedEvent): IntegrationEnvelope | null {
  const type = (published as Record<string, AccountingEventType | undefined>)[recorded.type];
  if (type === undefined) return null;
  return integrationEnvelopeOf(recorded, type, recorded.data);
}
