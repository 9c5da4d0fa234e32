import type { IntegrationEnvelope, PaymentMethod } from '@osteo/contracts';
import { unreachable } from '@osteo/event-sourcing/decider';
import type { DocumentProjection } from '@osteo/messaging';
import type { ClinicalNotes, ConsultationEvent } from '../../domain/consultation';
import type { PatientEvent } from '../../domain/patient';

export type ConsultationListing = ClinicalNotes & {
  readonly consultationId: string;
  readonly practitionerId: string;
  readonly status: 'open' | 'completed';
  /** Null until completed. */
  readonly feeCents: number | null;
  readonly paymentMethod: PaymentMethod | null;
};

/**
 * One document per patient with all their consultations, for GET /patients/:id/consultations.
 * Kept per patient so that deleting the patient removes every consultation's notes with one
 * deletion; a patient has a few dozen consultations at most.
 */
export type PatientConsultations = {
  readonly _id: string;
  readonly patientId: string;
  readonly cabinetId: string;
  /** In the order they were opened. */
  readonly consultations: readonly ConsultationListing[];
};

export const PATIENT_CONSULTATIONS = 'patient_records_consultations';

/** The patient's registration makes the document and its deletion removes it; the consultations' events fill it. */
type FedBy = Extract<PatientEvent, { type: 'PatientRegistered' | 'PatientDeleted' }> | ConsultationEvent;

export const patientConsultationsProjection: DocumentProjection<PatientConsultations> = {
  name: 'patient-records.consultations',
  collection: PATIENT_CONSULTATIONS,
  handles: Object.keys({
    PatientRegistered: true,
    PatientDeleted: true,
    ConsultationOpened: true,
    ConsultationRevised: true,
    ConsultationCompleted: true,
    ConsultationFeeCorrected: true,
    ConsultationDeleted: true,
  } satisfies Record<FedBy['type'], true>),
  documentId: (envelope: IntegrationEnvelope) => String(envelope.data.patientId),
  evolve(patient, envelope) {
    const event = { type: envelope.type, data: envelope.data } as FedBy;
    if (event.type === 'PatientRegistered') return { _id: event.data.patientId, patientId: event.data.patientId, cabinetId: event.data.cabinetId, consultations: [] };
    // Consultations of a patient this read model no longer has (deleted) are not brought back.
    if (patient === null) return null;
    const { consultations } = patient;
    const changing = (consultationId: string, change: (listing: ConsultationListing) => ConsultationListing): PatientConsultations => ({
      ...patient,
      consultations: consultations.map((listing) => (listing.consultationId === consultationId ? change(listing) : listing)),
    });
    switch (event.type) {
      case 'PatientDeleted':
        return null;
      case 'ConsultationOpened': {
        const { consultationId, practitionerId, date, reason, notes } = event.data;
        const opened: ConsultationListing = { consultationId, practitionerId, date, reason, notes, examination: null, treatment: null, status: 'open', feeCents: null, paymentMethod: null };
        return { ...patient, consultations: [...consultations, opened] };
      }
      case 'ConsultationRevised':
        return changing(event.data.consultationId, (listing) => ({ ...listing, ...event.data.changes }));
      case 'ConsultationCompleted':
      case 'ConsultationFeeCorrected': {
        const { feeCents, paymentMethod } = event.data;
        return changing(event.data.consultationId, (listing) => ({ ...listing, status: 'completed', feeCents, paymentMethod }));
      }
      case 'ConsultationDeleted':
        return { ...patient, consultations: consultations.filter((listing) => listing.consultationId !== event.data.consultationId) };
      default:
        return unreachable(event);
    }
  },
};
