import type { components } from '../api/schema';

/**
 * What the patient-records routes answer, as the generated schema (api/schema.d.ts) describes
 * them, under the names the screens use.
 */
type Schemas = components['schemas'];

export const paymentMethods = ['cash', 'cheque', 'card', 'transfer', 'other'] as const satisfies readonly Schemas['ConsultationFeeDto']['paymentMethod'][];
export type PaymentMethod = (typeof paymentMethods)[number];

/** One line of a cabinet's patient list (GET /cabinets/:id/patients); birthDate YYYY-MM-DD. */
export type PatientListing = Readonly<Schemas['PatientListingDto']>;

/** A patient's record (GET /patients/:id). */
export type PatientRecord = Readonly<Schemas['PatientRecordDto']>;

/** One consultation of a record (GET /patients/:id/consultations); only its practitioner completes it. */
export type Consultation = Readonly<Schemas['ConsultationListingDto']>;

/** One opening of a record (GET /patients/:id/access-log), oldest first. */
export type RecordOpening = Readonly<Schemas['RecordOpeningDto']> & {
  /** The reader's name, should the log give it one day (today: the account id only). */
  readonly displayName?: string | null;
};

/** Who practises in a cabinet (GET /cabinets/:id/practitioners): names for ids. */
export type Practitioner = Readonly<Schemas['PractitionerViewDto']>;
