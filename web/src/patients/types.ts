/**
 * What the patient-records routes answer. The generated schema (api/schema.d.ts) describes their
 * request bodies but not yet their answers, so these mirror the service's DTOs
 * (services/patient-records/interface/patient-records.dto.ts) and the query hooks cast to them.
 */
export const paymentMethods = ['cash', 'cheque', 'card', 'transfer', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** One line of a practice's patient list (GET /cabinets/:id/patients). */
export interface PatientListing {
  readonly patientId: string;
  readonly cabinetId: string;
  readonly firstName: string;
  readonly lastName: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
}

/** A patient's record (GET /patients/:id). */
export interface PatientRecord extends PatientListing {
  readonly phone: string | null;
  readonly email: string | null;
  readonly medicalHistory: string | null;
}

/** One consultation of a record (GET /patients/:id/consultations), newest first. */
export interface Consultation {
  readonly consultationId: string;
  /** The osteopath who opened it: only they complete it. */
  readonly practitionerId: string;
  readonly status: 'open' | 'completed';
  /** YYYY-MM-DD */
  readonly date: string;
  readonly reason: string;
  readonly notes: string | null;
  readonly examination: string | null;
  readonly treatment: string | null;
  readonly feeCents: number | null;
  readonly paymentMethod: PaymentMethod | null;
}

/** One opening of a record (GET /patients/:id/access-log), oldest first. */
export interface RecordOpening {
  readonly accountId: string;
  /** Given when the service knows the reader's name (not every version does). */
  readonly displayName?: string | null;
  readonly role: 'owner' | 'colleague' | 'substitute';
  readonly view: 'record' | 'consultations';
  /** ISO 8601 */
  readonly at: string;
}

/** Who practises in a practice (GET /cabinets/:id/practitioners): names for ids. */
export interface Practitioner {
  readonly accountId: string;
  readonly displayName: string | null;
  readonly role: 'owner' | 'colleague' | 'substitute';
}
