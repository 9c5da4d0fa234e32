import type { LedgerEntryKind, PaymentMethod } from '@osteo/contracts';

/**
 * `consultation`: a completed consultation's fee; `retrocession`: the share of a substitute's fee
 * the owner pays them; `manual`: written by the holder; `correction`: a counter-entry cancelling
 * a line that a fee correction or a deletion superseded.
 */
export type LedgerEntryCategory = 'consultation' | 'retrocession' | 'manual' | 'correction';

/**
 * One line of a holder's livre-journal. Written once, never edited nor removed: a correction is
 * a counter-entry. It names the patient, never the care (medical secrecy).
 */
export type LedgerLine = {
  readonly entryId: string;
  readonly holderId: string;
  readonly cabinetId: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly kind: LedgerEntryKind;
  readonly category: LedgerEntryCategory;
  /** Integer cents, > 0: `kind` gives the sign. */
  readonly amountCents: number;
  /**
   * The holder's own words, on manual lines only. Other lines are labelled from their facts in
   * the reader's language when read; those written before #13 still carry an English label.
   */
  readonly label?: string;
  readonly paymentMethod: PaymentMethod;
  readonly patientName?: string;
  readonly consultationId?: string;
  /** The other account of a retrocession: the substitute on the owner's side, the owner on the substitute's. */
  readonly counterpartyAccountId?: string;
  /** ISO-8601 (UTC): when the fact that wrote the line happened, not when a reader processed it. */
  readonly recordedAt: string;
  /** Orders the lines of one date: by `recordedAt`, then by position among the lines one fact wrote. */
  readonly orderingKey: string;
};

/** The identity and time of the fact being written down: its lines' ids and order derive from them. */
export type Posting = {
  readonly eventId: string;
  /** ISO-8601, UTC. */
  readonly recordedAt: string;
};

export const oppositeKind = (kind: LedgerEntryKind): LedgerEntryKind => (kind === 'income' ? 'expense' : 'income');

/** The line's amount with its sign: what it adds to its holder's net. */
export const signedCents = (line: Pick<LedgerLine, 'kind' | 'amountCents'>): number => (line.kind === 'income' ? line.amountCents : -line.amountCents);

/**
 * Orders lines within a date. `recordedAt` is normalised UTC ISO-8601, so it sorts as a string;
 * the event id breaks ties between facts of the same millisecond, the index keeps one fact's
 * lines in the order it wrote them (a counter-entry before the line that replaces it).
 */
export const orderingKeyOf = (recordedAt: string, eventId: string, index: number): string => `${recordedAt}|${eventId}|${String(index).padStart(2, '0')}`;
