import { MAX_AMOUNT_CENTS, MAX_LEDGER_LABEL_LENGTH } from '../bounds';
import type { IntegrationEnvelope } from '../envelope';
import type { JsonSchema, PublicEventContract } from '../json-schema';
import { paymentMethods, type PaymentMethod } from '../records';
import { Topics } from '../topics';

/**
 * What accounting tells the platform: what a holder writes by hand (ManualEntryRecorded), and
 * every line accounting writes in a ledger (LedgerLineWritten), so that a consumer sums figures
 * without re-implementing the ledger's rules. Stream id and key: `ledger-<holderId>`, so one
 * holder's lines stay in order.
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

export const ledgerLineCategories = ['consultation', 'retrocession', 'manual', 'correction'] as const;
export type LedgerLineCategory = (typeof ledgerLineCategories)[number];

/** The figures of the BNC return (form 2035) a ledger line counts in. */
export const ledgerFigures = ['receipts', 'retrocededFees', 'otherExpenses'] as const;
export type LedgerFigure = (typeof ledgerFigures)[number];

/**
 * A line accounting wrote in a holder's ledger: a consultation's fee, a retrocession (on the
 * owner's and on the substitute's side), a counter-entry of a corrected or deleted consultation,
 * a manual line. Lines are never edited nor removed. The envelope's eventId is derived from
 * `lineId`: the same line always comes with the same eventId, so consumers dedupe by it.
 * For any holder, cabinet and period, a figure is Σ figureCents of the lines of that figure, and
 * net = receipts − retrocededFees − otherExpenses: the ledger API's figures, to the cent.
 */
export type LedgerLineWrittenV1 = {
  readonly lineId: string;
  readonly holderId: string;
  readonly cabinetId: string;
  /** YYYY-MM-DD: the line's date in the ledger (a counter-entry is dated like the line it cancels). */
  readonly date: string;
  readonly kind: LedgerEntryKind;
  readonly category: LedgerLineCategory;
  /** Integer cents, > 0: `kind` gives the sign. */
  readonly amountCents: number;
  readonly paymentMethod: PaymentMethod;
  /** The other account of a retrocession (the substitute on the owner's side, the owner on the substitute's). */
  readonly counterpartyAccountId: string | null;
  readonly consultationId: string | null;
  /** On a consultation's lines only: the livre-journal names the patient (never the care). */
  readonly patientName: string | null;
  /** The line a counter-entry cancels; set if and only if category is `correction`. */
  readonly reversesLineId: string | null;
  /** The figure the line counts in; a counter-entry counts in the figure of the line it cancels. */
  readonly figure: LedgerFigure;
  /** What the line adds to its figure: +amountCents, or −amountCents for a counter-entry. */
  readonly figureCents: number;
  /** ISO-8601 instant: when the fact that wrote the line happened. */
  readonly recordedAt: string;
};

export type AccountingPublicEvent =
  | IntegrationEnvelope<'ManualEntryRecorded', ManualEntryRecordedV1>
  | IntegrationEnvelope<'LedgerLineWritten', LedgerLineWrittenV1>;
export type AccountingEventType = AccountingPublicEvent['type'];

const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };
/** A line's id: `<eventId>:<role>`, `<eventId>:reversal-of-<role>` or a manual entry's id. */
const lineId: JsonSchema = { type: 'string', minLength: 1, maxLength: 128 };
const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type as string, 'null'] });

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
  {
    type: 'LedgerLineWritten',
    version: 1,
    topic: Topics.accounting,
    description:
      'Accounting wrote a line in a holder\'s ledger (consultation fee, retrocession on either side, counter-entry of a correction or deletion, manual line). The eventId is stable per line: dedupe by it. Summing figureCents per figure gives the ledger\'s receipts, retroceded fees and other expenses.',
    dataSchema: {
      type: 'object',
      additionalProperties: false,
      required: [
        'lineId',
        'holderId',
        'cabinetId',
        'date',
        'kind',
        'category',
        'amountCents',
        'paymentMethod',
        'counterpartyAccountId',
        'consultationId',
        'patientName',
        'reversesLineId',
        'figure',
        'figureCents',
        'recordedAt',
      ],
      properties: {
        lineId,
        holderId: id,
        cabinetId: id,
        date: { type: 'string', format: 'date' },
        kind: { type: 'string', enum: ledgerEntryKinds },
        category: { type: 'string', enum: ledgerLineCategories },
        amountCents: { type: 'integer', minimum: 1, maximum: MAX_AMOUNT_CENTS },
        paymentMethod: { type: 'string', enum: paymentMethods },
        counterpartyAccountId: nullable(id),
        consultationId: nullable(id),
        patientName: { type: ['string', 'null'], minLength: 1, maxLength: MAX_LEDGER_LABEL_LENGTH, pattern: '\\S' },
        reversesLineId: nullable(lineId),
        figure: { type: 'string', enum: ledgerFigures },
        figureCents: { type: 'integer', minimum: -MAX_AMOUNT_CENTS, maximum: MAX_AMOUNT_CENTS },
        recordedAt: { type: 'string', format: 'date-time' },
      },
    },
  },
];
