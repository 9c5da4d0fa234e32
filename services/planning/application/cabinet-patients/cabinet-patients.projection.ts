import type { IntegrationEnvelope, RecordsPublicEvent } from '@osteo/contracts';
import { unreachable } from '@osteo/event-sourcing/decider';
import type { DocumentProjection } from '@osteo/messaging';

/**
 * Which cabinet each patient record belongs to, from records.events: ids only, all planning
 * needs to refuse an appointment naming another cabinet's patient. A deleted patient stays as a
 * tombstone rather than being removed: its guard then stays too, so a replay of the registration
 * cannot bring it back, and a booking for it is refused at once instead of waiting for news.
 */
export type CabinetPatient = {
  readonly _id: string;
  readonly patientId: string;
  readonly cabinetId: string;
  readonly status: 'registered' | 'deleted';
};

export const PLANNING_PATIENTS = 'planning_patients';

type PatientFact = Extract<RecordsPublicEvent, { type: 'PatientRegistered' | 'PatientDeleted' }>;
const handledTypes: Record<PatientFact['type'], true> = { PatientRegistered: true, PatientDeleted: true };

export const cabinetPatientsProjection: DocumentProjection<CabinetPatient> = {
  // A stored name (consumer group, checkpoint), written before the code took the word "cabinet" (docs/adr/0004-one-word-cabinet.md).
  name: 'planning.practice-patients',
  collection: PLANNING_PATIENTS,
  handles: Object.keys(handledTypes),
  documentId: (envelope: IntegrationEnvelope) => String(envelope.data.patientId),
  evolve(_patient, envelope) {
    const event = envelope as PatientFact;
    const { patientId, cabinetId } = event.data;
    switch (event.type) {
      case 'PatientRegistered':
        return { _id: patientId, patientId, cabinetId, status: 'registered' };
      // Also for a patient registered before registrations were published: it is known deleted.
      case 'PatientDeleted':
        return { _id: patientId, patientId, cabinetId, status: 'deleted' };
      default:
        return unreachable(event);
    }
  },
};
