import { BASIS_POINTS_PER_UNIT, MAX_AMOUNT_CENTS, MAX_LEDGER_LABEL_LENGTH } from '../bounds';
import type { IntegrationEnvelope } from '../envelope';
import type { JsonSchema, PublicEventContract } from '../json-schema';
import { Topics } from '../topics';

/**
 * What patient-records tells the platform: what the ledger needs, and which cabinet each patient
 * belongs to (planning refuses an appointment naming another cabinet's patient). Clinical content
 * (reason, examination, treatment, notes, medical history) and the patient's identity and contact
 * never leave patient-records, except the name a ledger line must print. Stream id and key:
 * `consultation-<consultationId>` (consultation events), `patient-<patientId>` (patient events).
 */
export const paymentMethods = ['cash', 'cheque', 'card', 'transfer', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** Who performed the consultation, as the access policy saw them at completion. */
export type PractitionerRole = 'owner' | 'colleague' | 'substitute';

export type ConsultationCompletedV1 = {
  readonly consultationId: string;
  readonly patientId: string;
  readonly cabinetId: string;
  /** The cabinet's owner. */
  readonly ownerId: string;
  /** An accountId: who performed it and receives the fee (or its retroceded share). */
  readonly practitionerId: string;
  readonly practitionerRole: PractitionerRole;
  /** As given on the patient record: the ledger names the patient (livre-journal). */
  readonly patientName: string;
  /** The consultation's day (YYYY-MM-DD): the ledger line's date. */
  readonly date: string;
  /** Integer cents, > 0. */
  readonly feeCents: number;
  readonly paymentMethod: PaymentMethod;
  /** The substitute's retrocession rate in force at completion, in basis points; null otherwise. */
  readonly retrocessionBasisPoints: number | null;
};

/** The owner corrected the fee (or payment method) of a completed consultation: the ledger writes counter-entries, then the corrected lines. */
export type ConsultationFeeCorrectedV1 = {
  readonly consultationId: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly feeCents: number;
  readonly paymentMethod: PaymentMethod;
};

/**
 * Version 2: the same, with what a consumer needs to place the correction without the completion
 * at hand: the consultation's date (that of its ledger lines), its practitioner and their role, and
 * the retrocession rate in force since completion. Published for corrections recorded since #14;
 * those recorded before are published as version 1, which consumers keep reading.
 */
export type ConsultationFeeCorrectedV2 = ConsultationFeeCorrectedV1 & {
  /** YYYY-MM-DD: fixed at completion. */
  readonly date: string;
  readonly practitionerId: string;
  readonly practitionerRole: PractitionerRole;
  /** The substitute's rate in force at completion, in basis points; null for anyone else. */
  readonly retrocessionBasisPoints: number | null;
};

/** The owner deleted a consultation: completed ones get counter-entries, never erased lines. */
export type ConsultationDeletedV1 = { readonly consultationId: string; readonly cabinetId: string; readonly ownerId: string; readonly wasCompleted: boolean };

/** A patient record was opened in a cabinet: ids only, never who the patient is. */
export type PatientRegisteredV1 = { readonly patientId: string; readonly cabinetId: string; readonly ownerId: string };

export type PatientDeletedV1 = { readonly patientId: string; readonly cabinetId: string; readonly ownerId: string };

export type RecordsPublicEvent =
  | IntegrationEnvelope<'ConsultationCompleted', ConsultationCompletedV1>
  | IntegrationEnvelope<'ConsultationFeeCorrected', ConsultationFeeCorrectedV2>
  | IntegrationEnvelope<'ConsultationFeeCorrected', ConsultationFeeCorrectedV1>
  | IntegrationEnvelope<'ConsultationDeleted', ConsultationDeletedV1>
  | IntegrationEnvelope<'PatientRegistered', PatientRegisteredV1>
  | IntegrationEnvelope<'PatientDeleted', PatientDeletedV1>;

const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };
const cents: JsonSchema = { type: 'integer', minimum: 1, maximum: MAX_AMOUNT_CENTS };
const method: JsonSchema = { type: 'string', enum: paymentMethods };
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });

export const recordsEventContracts: readonly PublicEventContract[] = [
  {
    type: 'ConsultationCompleted',
    version: 1,
    topic: Topics.records,
    description: 'A consultation was completed with its fee: accounting writes the ledger lines (and the retrocession for a substitute) from this one event.',
    dataSchema: object({
      consultationId: id,
      patientId: id,
      cabinetId: id,
      ownerId: id,
      practitionerId: id,
      practitionerRole: { type: 'string', enum: ['owner', 'colleague', 'substitute'] },
      // Not blank (a character other than white space): the ledger prints it.
      patientName: { type: 'string', minLength: 1, maxLength: MAX_LEDGER_LABEL_LENGTH, pattern: '\\S' },
      date: { type: 'string', format: 'date' },
      feeCents: cents,
      paymentMethod: method,
      retrocessionBasisPoints: { type: ['integer', 'null'], minimum: 0, maximum: BASIS_POINTS_PER_UNIT },
    }),
  },
  {
    type: 'ConsultationFeeCorrected',
    version: 2,
    topic: Topics.records,
    description:
      'The fee or payment method of a completed consultation was corrected, with what places it: the consultation\'s date, its practitioner and role, and the retrocession rate in force (basis points; null unless a substitute performed it).',
    dataSchema: object({
      consultationId: id,
      cabinetId: id,
      ownerId: id,
      feeCents: cents,
      paymentMethod: method,
      date: { type: 'string', format: 'date' },
      practitionerId: id,
      practitionerRole: { type: 'string', enum: ['owner', 'colleague', 'substitute'] },
      retrocessionBasisPoints: { type: ['integer', 'null'], minimum: 0, maximum: BASIS_POINTS_PER_UNIT },
    }),
  },
  {
    type: 'ConsultationFeeCorrected',
    version: 1,
    topic: Topics.records,
    description: 'Version 1, published for corrections recorded before version 2 existed: the fee or payment method of a completed consultation was corrected. Consumers still read it.',
    dataSchema: object({ consultationId: id, cabinetId: id, ownerId: id, feeCents: cents, paymentMethod: method }),
  },
  {
    type: 'ConsultationDeleted',
    version: 1,
    topic: Topics.records,
    description: 'The owner deleted a consultation; if it was completed, its ledger lines get counter-entries.',
    dataSchema: object({ consultationId: id, cabinetId: id, ownerId: id, wasCompleted: { type: 'boolean' } }),
  },
  {
    type: 'PatientRegistered',
    version: 1,
    topic: Topics.records,
    description:
      'A patient record was registered in a cabinet: its ids only (no name, birth date, contact or history). Planning learns from it which cabinet a patientId belongs to.',
    dataSchema: object({ patientId: id, cabinetId: id, ownerId: id }),
  },
  {
    type: 'PatientDeleted',
    version: 1,
    topic: Topics.records,
    description: 'The owner deleted a patient record. Ledger lines naming the patient stay: they are legal records.',
    dataSchema: object({ patientId: id, cabinetId: id, ownerId: id }),
  },
];
