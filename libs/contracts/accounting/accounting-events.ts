import { MAX_AMOUNT_CENTS, MAX_LEDGER_LABEL_LENGTH } from '../bounds';
import type { IntegrationEnvelope } from '../envelope';
import type { JsonSchema, PublicEventContract } from '../json-schema';
import { paymentMethods, type PaymentMethod } from '../records';
import { Topics } from '../topics';

/**
 * What accounting tells the platform. Lines written from completed consultations are derived
 * from records.events by every reader alike, so only what a holder writes by hand is a fact of
 * accounting's own. Stream id and key: `ledger-<holderId>`, so one holder's entries stay in order.
 */
export const ledgerEntryKinds = ['income', 'expense'] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

/** A holder wrote an income or expense line in their own ledger. Amounts are positive; `kind` gives the sign. */
export type ManualEntryRecordedV1 = {
  readonly entryId: string;
  readonly holderId: string;
  /** A cabinet where the holder practises. */
  readonly cabinetId: string;
  /** YYYY-MM-DD: the line's date in the ledger. */
  readonly date: string;
  readonly kind: LedgerEntryKind;
  readonly label: string;
  /** Integer cents, > 0. */
  readonly amountCents: number;
  readonly paymentMethod: PaymentMethod;
};

export type AccountingPublicEvent = IntegrationEnvelope<'ManualEntryRecorded', ManualEntryRecordedV1>;
export type AccountingEventType = AccountingPublicEvent['type'];

const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };

export const accountingEventContracts: readonly PublicEventContract[] = [
  {
    type: 'ManualEntryRecorded',
    version: 1,
    topic: Topics.accounting,
    description: 'A ledger holder recorded a manual income or expense line in their own ledger.',
    dataSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['entryId', 'holderId', 'cabinetId', 'date', 'kind', 'label', 'amountCents', 'paymentMethod'],
      properties: {
        entryId: id,
        holderId: id,
        cabinetId: id,
        date: { type: 'string', format: 'date' },
        kind: { type: 'string', enum: ledgerEntryKinds },
        label: { type: 'string', minLength: 1, maxLength: MAX_LEDGER_LABEL_LENGTH, pattern: '\\S' },
        amountCents: { type: 'integer', minimum: 1, maximum: MAX_AMOUNT_CENTS },
        paymentMethod: { type: 'string', enum: paymentMethods },
      },
    },
  },
];
