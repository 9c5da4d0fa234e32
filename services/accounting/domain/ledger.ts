import {
  isCalendarDate,
  type LedgerEntryKind,
  ledgerEntryKinds,
  type LedgerLineWrittenV1,
  MAX_AMOUNT_CENTS,
  MAX_LEDGER_LABEL_LENGTH,
  type PaymentMethod,
  paymentMethods,
} from '@osteo/contracts';
import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { type LedgerLine, orderingKeyOf, type Posting } from './ledger-line';

/**
 * A holder's ledger as a write model: the lines its holder writes by hand. Lines from
 * consultations are not decided here; they follow from records.events (consultation-ledger.ts).
 * The stream is the holder's, so entries are appended one after the other, in order.
 */

export type ManualEntry = {
  readonly entryId: string;
  readonly holderId: string;
  readonly cabinetId: string;
  readonly date: string;
  readonly kind: LedgerEntryKind;
  readonly label: string;
  readonly amountCents: number;
  readonly paymentMethod: PaymentMethod;
};

export type LedgerCommand = { readonly type: 'RecordManualEntry'; readonly data: ManualEntry; readonly metadata: CommandMetadata };

/**
 * `LedgerLineWritten`: a line the ledger wrote, appended by the ledger projection so that the
 * publisher puts it on accounting.events (docs/adr/0010-ledger-lines-published.md); no rule reads it.
 */
export type LedgerEvent =
  | { readonly type: 'ManualEntryRecorded'; readonly data: ManualEntry }
  | { readonly type: 'LedgerLineWritten'; readonly data: LedgerLineWrittenV1 };

/** Entries have no rule between them; the stream only has to stay its holder's. */
export type LedgerState = {
  /** Null until the first entry: a ledger exists once something was written in it. */
  readonly holderId: string | null;
};

export const ledgerStreamId = (holderId: string): string => `ledger-${holderId}`;

/** The rules of a line, checked again here: the HTTP layer rejects most of this first, with field names. */
function requireValidEntry(entry: ManualEntry): void {
  if (!ledgerEntryKinds.includes(entry.kind)) throw new Rejection('invalid', 'LEDGER.INVALID_KIND', `kind must be one of ${ledgerEntryKinds.join(', ')}`);
  if (!Number.isSafeInteger(entry.amountCents) || entry.amountCents < 1 || entry.amountCents > MAX_AMOUNT_CENTS) {
    throw new Rejection('invalid', 'LEDGER.INVALID_AMOUNT', `amountCents must be a whole number of cents from 1 to ${MAX_AMOUNT_CENTS}`);
  }
  if (!isCalendarDate(entry.date)) throw new Rejection('invalid', 'LEDGER.INVALID_DATE', 'date must be a real calendar date as YYYY-MM-DD');
  if (entry.label.trim() === '' || entry.label.length > MAX_LEDGER_LABEL_LENGTH) {
    throw new Rejection('invalid', 'LEDGER.INVALID_LABEL', `label must hold 1 to ${MAX_LEDGER_LABEL_LENGTH} characters`);
  }
  if (!paymentMethods.includes(entry.paymentMethod)) {
    throw new Rejection('invalid', 'LEDGER.INVALID_PAYMENT_METHOD', `paymentMethod must be one of ${paymentMethods.join(', ')}`);
  }
}

export const ledgerDecider: Decider<LedgerCommand, LedgerEvent, LedgerState> = {
  initialState: { holderId: null },

  decide(command, state) {
    switch (command.type) {
      case 'RecordManualEntry': {
        const entry = command.data;
        if (state.holderId !== null && state.holderId !== entry.holderId) {
          throw new Rejection('forbidden', 'LEDGER.NOT_HOLDER', 'Only its holder writes in a ledger');
        }
        requireValidEntry(entry);
        return [{ type: 'ManualEntryRecorded', data: entry }];
      }
      default:
        return unreachable(command.type);
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'ManualEntryRecorded':
      case 'LedgerLineWritten':
        return { holderId: event.data.holderId };
      default:
        return unreachable(event);
    }
  },
};

/** The ledger line a manual entry stands for. */
export const manualEntryLine = (entry: ManualEntry, posting: Posting): LedgerLine => ({
  ...entry,
  category: 'manual',
  recordedAt: posting.recordedAt,
  orderingKey: orderingKeyOf(posting.recordedAt, posting.eventId, 0),
});
