import type { ConsultationCompletedV1, ConsultationDeletedV1, ConsultationFeeCorrectedV1, PaymentMethod, PractitionerRole } from '@osteo/contracts';
import { unreachable } from '@osteo/event-sourcing/decider';
import { type LedgerEntryCategory, type LedgerLine, oppositeKind, orderingKeyOf, type Posting } from './ledger-line';
import { retrocededCents } from './retrocession';

/**
 * The ledger rules of one consultation (PRODUCT.md, "Retrocession"): what its completion, a
 * correction of its fee and its deletion write in the ledgers of the owner, the substitute or
 * the colleague. Pure: the same facts in the same order always write the same lines, with the
 * same ids, which is what makes processing a fact twice harmless.
 */
export type ConsultationFact =
  | { readonly type: 'ConsultationCompleted'; readonly data: ConsultationCompletedV1 }
  | { readonly type: 'ConsultationFeeCorrected'; readonly data: ConsultationFeeCorrectedV1 }
  | { readonly type: 'ConsultationDeleted'; readonly data: ConsultationDeletedV1 };

/** A consultation's lines by what they stand for; at most one of each is in force at a time. */
export type ConsultationLineRole = 'fee' | 'retrocession-paid' | 'retrocession-received';

export type ConsultationLedger = {
  readonly consultationId: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly practitionerId: string;
  readonly practitionerRole: PractitionerRole;
  readonly patientName: string;
  /** YYYY-MM-DD: the date of every line the consultation writes, corrections included. */
  readonly date: string;
  /** The rate in force at completion, carried by the event; 0 unless a substitute performed it. */
  readonly retrocessionBasisPoints: number;
  readonly feeCents: number;
  /** What the owner retrocedes of the current fee; 0 unless a substitute performed it. */
  readonly retrocededCents: number;
  readonly paymentMethod: PaymentMethod;
  readonly status: 'live' | 'deleted';
  /** Every line written for the consultation, in writing order. */
  readonly lines: readonly LedgerLine[];
  /** The lines in force: those of the last completion or correction; none once deleted. */
  readonly liveLines: readonly { readonly role: ConsultationLineRole; readonly entryId: string }[];
};

/**
 * The consultation's ledger after `fact`; null while it was never completed. A fact that changes
 * nothing returns the ledger as it was.
 */
export function evolveConsultationLedger(ledger: ConsultationLedger | null, fact: ConsultationFact, posting: Posting): ConsultationLedger | null {
  switch (fact.type) {
    case 'ConsultationCompleted':
      // A consultation is completed once (records' rule); its fee changes by correction only.
      return ledger ?? completedConsultation(fact.data, posting);

    case 'ConsultationFeeCorrected': {
      if (ledger === null || ledger.status === 'deleted') return ledger;
      const { feeCents, paymentMethod } = fact.data;
      if (feeCents === ledger.feeCents && paymentMethod === ledger.paymentMethod) return ledger;
      const reversals = counterEntriesOf(ledger, posting);
      const corrected = { ...ledger, feeCents, paymentMethod, retrocededCents: retrocededCents(feeCents, ledger.retrocessionBasisPoints) };
      const replacements = linesOf(corrected, posting, reversals.length);
      return {
        ...corrected,
        lines: [...ledger.lines, ...reversals, ...replacements.map(({ line }) => line)],
        liveLines: replacements.map(({ role, line }) => ({ role, entryId: line.entryId })),
      };
    }

    case 'ConsultationDeleted':
      // A consultation deleted before completion never wrote a line: there is nothing to cancel.
      if (ledger === null || ledger.status === 'deleted') return ledger;
      return { ...ledger, status: 'deleted', lines: [...ledger.lines, ...counterEntriesOf(ledger, posting)], liveLines: [] };

    default:
      return unreachable(fact);
  }
}

function completedConsultation(completion: ConsultationCompletedV1, posting: Posting): ConsultationLedger {
  // The contract leaves the rate null for anyone but a substitute; a substitute's fee is never retroceded at an unknown rate.
  const retrocessionBasisPoints = completion.practitionerRole === 'substitute' ? (completion.retrocessionBasisPoints ?? 0) : 0;
  const terms = {
    consultationId: completion.consultationId,
    cabinetId: completion.cabinetId,
    ownerId: completion.ownerId,
    practitionerId: completion.practitionerId,
    practitionerRole: completion.practitionerRole,
    patientName: completion.patientName,
    date: completion.date,
    retrocessionBasisPoints,
    feeCents: completion.feeCents,
    retrocededCents: retrocededCents(completion.feeCents, retrocessionBasisPoints),
    paymentMethod: completion.paymentMethod,
  };
  const written = linesOf(terms, posting, 0);
  return {
    ...terms,
    status: 'live',
    lines: written.map(({ line }) => line),
    liveLines: written.map(({ role, line }) => ({ role, entryId: line.entryId })),
  };
}

type ConsultationTerms = Omit<ConsultationLedger, 'status' | 'lines' | 'liveLines'>;

/**
 * The lines a consultation with these terms stands for. A substitute's consultation is the
 * owner's receipt (the substitute works under the owner's name), of which the owner pays back
 * the retroceded share: an expense for the owner, a receipt for the substitute. Anyone else's
 * consultation is one receipt of their own. A share of 0 writes no line: amounts are positive.
 */
function linesOf(terms: ConsultationTerms, posting: Posting, firstIndex: number): { readonly role: ConsultationLineRole; readonly line: LedgerLine }[] {
  const roles: ConsultationLineRole[] =
    terms.practitionerRole === 'substitute' && terms.retrocededCents > 0 ? ['fee', 'retrocession-paid', 'retrocession-received'] : ['fee'];
  return roles.map((role, index) => ({
    role,
    line: {
      entryId: `${posting.eventId}:${role}`,
      cabinetId: terms.cabinetId,
      date: terms.date,
      patientName: terms.patientName,
      consultationId: terms.consultationId,
      recordedAt: posting.recordedAt,
      orderingKey: orderingKeyOf(posting.recordedAt, posting.eventId, firstIndex + index),
      ...lineFor(role, terms),
    },
  }));
}

/**
 * A consultation's lines store no label: their facts (category, patient, role in the entry id)
 * are rendered in the reader's language when read (application/ledger-language/).
 */
function lineFor(role: ConsultationLineRole, terms: ConsultationTerms): Pick<LedgerLine, 'holderId' | 'kind' | 'category' | 'amountCents' | 'paymentMethod' | 'counterpartyAccountId'> {
  switch (role) {
    case 'fee':
      return {
        holderId: terms.practitionerRole === 'substitute' ? terms.ownerId : terms.practitionerId,
        kind: 'income',
        category: 'consultation',
        amountCents: terms.feeCents,
        paymentMethod: terms.paymentMethod,
      };
    // How the owner settles with the substitute is not known when the consultation is completed:
    // the patient's payment method would be wrong here, so the retrocession lines say `other`.
    case 'retrocession-paid':
      return {
        holderId: terms.ownerId,
        kind: 'expense',
        category: 'retrocession',
        amountCents: terms.retrocededCents,
        paymentMethod: 'other',
        counterpartyAccountId: terms.practitionerId,
      };
    case 'retrocession-received':
      return {
        holderId: terms.practitionerId,
        kind: 'income',
        category: 'retrocession',
        amountCents: terms.retrocededCents,
        paymentMethod: 'other',
        counterpartyAccountId: terms.ownerId,
      };
    default:
      return unreachable(role);
  }
}

const REVERSAL_OF = ':reversal-of-';
const categoryOfRole: Readonly<Record<ConsultationLineRole, LedgerEntryCategory>> = {
  fee: 'consultation',
  'retrocession-paid': 'retrocession',
  'retrocession-received': 'retrocession',
};

/**
 * What a consultation's line stands for, read from its id (`<event>:<role>`, or
 * `<event>:reversal-of-<role>` for a counter-entry); null for a line no consultation wrote.
 */
export function consultationLineOf(line: Pick<LedgerLine, 'entryId'>): { readonly role: ConsultationLineRole; readonly reversal: boolean } | null {
  const reversalAt = line.entryId.lastIndexOf(REVERSAL_OF);
  const reversal = reversalAt >= 0;
  const role = reversal ? line.entryId.slice(reversalAt + REVERSAL_OF.length) : line.entryId.slice(line.entryId.lastIndexOf(':') + 1);
  return Object.hasOwn(categoryOfRole, role) && line.entryId.includes(':') ? { role: role as ConsultationLineRole, reversal } : null;
}

/** A line as a fact wrote it, with the line it cancels when it is a counter-entry. */
export type WrittenLine = { readonly line: LedgerLine; readonly reversesLineId: string | null };

/**
 * The lines the facts with these event ids wrote in the consultation's ledger, in writing order,
 * each counter-entry paired with the line it cancels: the line of its role in force before it.
 * Line ids start with the id of the event that wrote them (`<event>:<role>`), so a fact
 * delivered again names the same lines.
 */
export function linesWrittenBy(ledger: Pick<ConsultationLedger, 'consultationId' | 'lines'>, eventIds: ReadonlySet<string>): WrittenLine[] {
  const inForce = new Map<ConsultationLineRole, string>();
  const written: WrittenLine[] = [];
  for (const line of ledger.lines) {
    const read = consultationLineOf(line);
    if (read === null) throw new Error(`Consultation ${ledger.consultationId}: line ${line.entryId} is no consultation line`);
    const reversesLineId = read.reversal ? inForce.get(read.role) : null;
    if (reversesLineId === undefined) throw new Error(`Consultation ${ledger.consultationId}: counter-entry ${line.entryId} cancels no line in force`);
    if (read.reversal) inForce.delete(read.role);
    else inForce.set(read.role, line.entryId);
    if (eventIds.has(line.entryId.slice(0, line.entryId.lastIndexOf(':')))) written.push({ line, reversesLineId });
  }
  return written;
}

/**
 * The category of the line a counter-entry cancels, read from its id (`<event>:reversal-of-<role>`,
 * written below): a correction reduces the figure of what it corrects, never adds to the other side.
 */
export function categoryCorrectedBy(counterEntry: Pick<LedgerLine, 'entryId'>): LedgerEntryCategory {
  const at = counterEntry.entryId.lastIndexOf(REVERSAL_OF);
  const role = at < 0 ? undefined : (counterEntry.entryId.slice(at + REVERSAL_OF.length) as ConsultationLineRole);
  const category = role !== undefined && Object.hasOwn(categoryOfRole, role) ? categoryOfRole[role] : undefined;
  if (category === undefined) throw new Error(`Counter-entry ${counterEntry.entryId} names no line it cancels`);
  return category;
}

/**
 * One counter-entry per line in force: the same holder, cabinet, amount and date, the opposite
 * kind, category `correction`. Dated like the line it cancels, so that any period holding a
 * line also holds its cancellation and its totals are exact; `recordedAt` tells when it was written.
 */
function counterEntriesOf(ledger: ConsultationLedger, posting: Posting): LedgerLine[] {
  const linesById = new Map(ledger.lines.map((line) => [line.entryId, line]));
  return ledger.liveLines.map(({ role, entryId }, index) => {
    const cancelled = linesById.get(entryId);
    if (cancelled === undefined) throw new Error(`Consultation ${ledger.consultationId}: line ${entryId} is in force but was never written`);
    // A line written before #13 carries an English label: its counter-entry does not copy it.
    const { label: _storedLabel, ...facts } = cancelled;
    return {
      ...facts,
      entryId: `${posting.eventId}${REVERSAL_OF}${role}`,
      kind: oppositeKind(cancelled.kind),
      category: 'correction',
      recordedAt: posting.recordedAt,
      orderingKey: orderingKeyOf(posting.recordedAt, posting.eventId, index),
    };
  });
}
