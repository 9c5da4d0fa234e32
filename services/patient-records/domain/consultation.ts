import { BASIS_POINTS_PER_UNIT, isCalendarDate, MAX_AMOUNT_CENTS, paymentMethods, type PaymentMethod, type PractitionerRole } from '@osteo/contracts';
import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { isLaterThanEveryToday } from './calendar-day';
import { changedFields, emptiedFields } from './changed-fields';
import { ledgerNameOf, type PatientDetails } from './patient';

/**
 * A consultation of a patient: what the practitioner noted, then, once, the fee.
 *
 * The practitioner is the account that opened the consultation: the osteopath who sees the
 * patient writes it (secretaries cannot open one), and the fee is theirs, or, for a substitute,
 * shared with the owner at the substitute's rate. So only they complete it; anyone else who may
 * write the cabinet's records may still edit its notes, but emptying one that holds something
 * deletes it, and takes the right to delete (`mayDelete`, the policy's `consultation.delete`: the
 * owner's). Who may do what in the cabinet is the
 * access policy's call, made before the command reaches this decider; the decider keeps the rules
 * of the consultation itself.
 */
export type ClinicalNotes = {
  /** YYYY-MM-DD: the day of the consultation, and of its ledger line. */
  readonly date: string;
  readonly reason: string;
  readonly notes: string | null;
  readonly examination: string | null;
  readonly treatment: string | null;
};

export type ConsultationOpening = {
  readonly consultationId: string;
  readonly patientId: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly practitionerId: string;
  readonly date: string;
  readonly reason: string;
  readonly notes: string | null;
};

export type Fee = { readonly feeCents: number; readonly paymentMethod: PaymentMethod };

/**
 * How the practitioner stands in the cabinet when completing, as the access projection says
 * at that moment. A substitute brings the retrocession rate then in force (basis points), or null
 * when none is known: that is refused rather than guessed.
 */
export type PractitionerStanding =
  | { readonly role: Exclude<PractitionerRole, 'substitute'> }
  | { readonly role: 'substitute'; readonly retrocessionBasisPoints: number | null };

/** A fee as asked for: checked by the decider before it becomes a Fee. */
type ProposedFee = { readonly feeCents: number; readonly paymentMethod: string };

export type ConsultationCommand =
  | { readonly type: 'OpenConsultation'; readonly data: ConsultationOpening; readonly metadata: CommandMetadata }
  /**
   * Absent fields stay as they are; `null` clears an optional one, which only who `mayDelete`
   * (the access policy's `consultation.delete` for the caller) may do to a field holding something.
   */
  | {
      readonly type: 'ReviseConsultation';
      readonly data: { readonly changes: Partial<ClinicalNotes>; readonly mayDelete: boolean };
      readonly metadata: CommandMetadata;
    }
  | {
      readonly type: 'CompleteConsultation';
      readonly data: ProposedFee & {
        readonly byAccountId: string;
        readonly standing: PractitionerStanding;
        /** The patient's record as it reads now: the ledger names the patient so. */
        readonly patient: Pick<PatientDetails, 'firstName' | 'lastName'>;
      };
      readonly metadata: CommandMetadata;
    }
  | { readonly type: 'CorrectConsultationFee'; readonly data: ProposedFee; readonly metadata: CommandMetadata }
  | { readonly type: 'DeleteConsultation'; readonly data: Readonly<Record<string, never>>; readonly metadata: CommandMetadata };

type ConsultationIds = { readonly consultationId: string; readonly patientId: string; readonly cabinetId: string; readonly ownerId: string };

export type ConsultationEvent =
  | { readonly type: 'ConsultationOpened'; readonly data: ConsultationOpening }
  /** Only the fields that changed, with their new values. */
  | { readonly type: 'ConsultationRevised'; readonly data: { readonly consultationId: string; readonly patientId: string; readonly changes: Partial<ClinicalNotes> } }
  | {
      readonly type: 'ConsultationCompleted';
      /** Everything the ledger will ever need, fixed now: replaying it gives the same lines whatever changed since. */
      readonly data: ConsultationIds &
        Fee & {
          readonly practitionerId: string;
          readonly practitionerRole: PractitionerRole;
          readonly patientName: string;
          readonly date: string;
          readonly retrocessionBasisPoints: number | null;
        };
    }
  | { readonly type: 'ConsultationFeeCorrected'; readonly data: ConsultationIds & Fee & Partial<CompletionTerms> }
  | { readonly type: 'ConsultationDeleted'; readonly data: ConsultationIds & { readonly wasCompleted: boolean } };

export type ConsultationRecord = ConsultationOpening & Pick<ClinicalNotes, 'examination' | 'treatment'>;

/**
 * What places a completed consultation in the ledgers, fixed at completion, repeated on each fee
 * correction so that a consumer places it without the completion at hand (corrections recorded
 * before #14 lack it: they are published as ConsultationFeeCorrected v1).
 */
export type CompletionTerms = {
  /** The consultation's day, fixed once completed: the date of its ledger lines. */
  readonly date: string;
  readonly practitionerId: string;
  readonly practitionerRole: PractitionerRole;
  readonly retrocessionBasisPoints: number | null;
};

export type ConsultationState =
  | { readonly status: 'absent' }
  | ({ readonly status: 'open' } & ConsultationRecord)
  | ({ readonly status: 'completed'; readonly fee: Fee; readonly terms: CompletionTerms } & ConsultationRecord)
  | ({ readonly status: 'deleted' } & ConsultationIds);

export type LiveConsultation = Extract<ConsultationState, { status: 'open' | 'completed' }>;

export const consultationStreamId = (consultationId: string): string => `consultation-${consultationId}`;

function liveConsultation(state: ConsultationState): LiveConsultation {
  if (state.status === 'absent') throw new Rejection('not_found', 'CONSULTATION.NOT_FOUND', 'No such consultation');
  if (state.status === 'deleted') throw new Rejection('conflict', 'CONSULTATION.DELETED', 'This consultation was deleted');
  return state;
}

function checkNotes(notes: Partial<ClinicalNotes>, now: Date): void {
  if (notes.reason !== undefined && notes.reason.trim() === '') throw new Rejection('invalid', 'CONSULTATION.REASON_REQUIRED', 'reason must not be blank');
  if (notes.date === undefined) return;
  if (!isCalendarDate(notes.date)) throw new Rejection('invalid', 'CONSULTATION.INVALID_DATE', 'date must be a real calendar date as YYYY-MM-DD');
  if (isLaterThanEveryToday(notes.date, now)) throw new Rejection('invalid', 'CONSULTATION.DATE_IN_THE_FUTURE', 'date must not be in the future: a consultation records care given');
}

function checkedFee({ feeCents, paymentMethod }: ProposedFee): Fee {
  if (!Number.isInteger(feeCents) || feeCents < 1 || feeCents > MAX_AMOUNT_CENTS) {
    throw new Rejection('invalid', 'CONSULTATION.INVALID_FEE', `feeCents must be a whole number of cents from 1 to ${MAX_AMOUNT_CENTS}`);
  }
  if (!isPaymentMethod(paymentMethod)) {
    throw new Rejection('invalid', 'CONSULTATION.INVALID_PAYMENT_METHOD', `paymentMethod must be one of ${paymentMethods.join(', ')}`);
  }
  return { feeCents, paymentMethod };
}

function isPaymentMethod(value: string): value is PaymentMethod {
  return (paymentMethods as readonly string[]).includes(value);
}

/** The rate the ledger will settle the substitute's share at; null for an owner or a colleague. */
function retrocessionRate(standing: PractitionerStanding): number | null {
  if (standing.role !== 'substitute') return null;
  const rate = standing.retrocessionBasisPoints;
  if (rate === null) {
    throw new Rejection('conflict', 'CONSULTATION.RETROCESSION_RATE_UNKNOWN', 'No retrocession rate is in force for you in this cabinet: the owner must set one first');
  }
  if (!Number.isInteger(rate) || rate < 0 || rate > BASIS_POINTS_PER_UNIT) {
    throw new Rejection('invalid', 'CONSULTATION.INVALID_RETROCESSION_RATE', `A retrocession rate is 0 to ${BASIS_POINTS_PER_UNIT} basis points`);
  }
  return rate;
}

const idsOf = ({ consultationId, patientId, cabinetId, ownerId }: ConsultationIds): ConsultationIds => ({ consultationId, patientId, cabinetId, ownerId });

export const consultationDecider: Decider<ConsultationCommand, ConsultationEvent, ConsultationState> = {
  initialState: { status: 'absent' },

  decide(command, state) {
    switch (command.type) {
      case 'OpenConsultation':
        if (state.status !== 'absent') throw new Rejection('conflict', 'CONSULTATION.ALREADY_EXISTS', 'This consultation already exists');
        checkNotes(command.data, command.metadata.now);
        return [{ type: 'ConsultationOpened', data: command.data }];

      case 'ReviseConsultation': {
        const consultation = liveConsultation(state);
        checkNotes(command.data.changes, command.metadata.now);
        const changes = changedFields<ClinicalNotes>(consultation, command.data.changes);
        if (changes.date !== undefined && consultation.status === 'completed') {
          // The ledger line carries the day given at completion; the two must not drift apart.
          throw new Rejection('conflict', 'CONSULTATION.DATE_FIXED_ONCE_COMPLETED', 'The date of a completed consultation can no longer change');
        }
        const emptied = emptiedFields<ClinicalNotes>(consultation, changes);
        if (emptied.length > 0 && !command.data.mayDelete) {
          throw new Rejection('forbidden', 'CONSULTATION.DELETION_RESERVED_TO_OWNER', `Only the cabinet's owner may empty ${emptied.join(', ')}: that deletes part of the record`);
        }
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'ConsultationRevised', data: { consultationId: consultation.consultationId, patientId: consultation.patientId, changes } }];
      }

      case 'CompleteConsultation': {
        const consultation = liveConsultation(state);
        if (consultation.status === 'completed') throw new Rejection('conflict', 'CONSULTATION.ALREADY_COMPLETED', 'This consultation is already completed');
        if (command.data.byAccountId !== consultation.practitionerId) {
          throw new Rejection('forbidden', 'CONSULTATION.NOT_PRACTITIONER', 'Only the practitioner who opened this consultation may complete it');
        }
        const fee = checkedFee(command.data);
        const { standing, patient } = command.data;
        return [
          {
            type: 'ConsultationCompleted',
            data: {
              ...idsOf(consultation),
              practitionerId: consultation.practitionerId,
              practitionerRole: standing.role,
              patientName: ledgerNameOf(patient),
              date: consultation.date,
              ...fee,
              retrocessionBasisPoints: retrocessionRate(standing),
            },
          },
        ];
      }

      case 'CorrectConsultationFee': {
        const consultation = liveConsultation(state);
        if (consultation.status !== 'completed') throw new Rejection('conflict', 'CONSULTATION.NOT_COMPLETED', 'Only the fee of a completed consultation can be corrected');
        const fee = checkedFee(command.data);
        if (fee.feeCents === consultation.fee.feeCents && fee.paymentMethod === consultation.fee.paymentMethod) return [];
        return [{ type: 'ConsultationFeeCorrected', data: { ...idsOf(consultation), ...fee, ...consultation.terms } }];
      }

      case 'DeleteConsultation': {
        // Deleting again what is deleted changes nothing (two deletions racing both succeed).
        if (state.status === 'deleted') return [];
        const consultation = liveConsultation(state);
        return [{ type: 'ConsultationDeleted', data: { ...idsOf(consultation), wasCompleted: consultation.status === 'completed' } }];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ConsultationOpened':
        return { status: 'open', ...event.data, examination: null, treatment: null };
      case 'ConsultationRevised':
        return state.status === 'open' || state.status === 'completed' ? { ...state, ...event.data.changes } : state;
      case 'ConsultationCompleted': {
        if (state.status !== 'open') return state;
        const { feeCents, paymentMethod, date, practitionerId, practitionerRole, retrocessionBasisPoints } = event.data;
        return { ...state, status: 'completed', fee: { feeCents, paymentMethod }, terms: { date, practitionerId, practitionerRole, retrocessionBasisPoints } };
      }
      case 'ConsultationFeeCorrected':
        return state.status === 'completed' ? { ...state, fee: { feeCents: event.data.feeCents, paymentMethod: event.data.paymentMethod } } : state;
      case 'ConsultationDeleted':
        return { status: 'deleted', ...idsOf(event.data) };
      default:
        return unreachable(event);
    }
  },
};
