import type {
  ConsultationCompletedV1,
  ConsultationDeletedV1,
  ConsultationFeeCorrectedV1,
  ConsultationFeeCorrectedV2,
  IntegrationEnvelope,
  PatientDeletedV1,
  PatientRegisteredV1,
  RecordsPublicEvent,
} from '@osteo/contracts';
import { unreachable } from '@osteo/event-sourcing/decider';
import type { RecordedEvent } from '@osteo/event-sourcing';
import { integrationEnvelopeOf } from '@osteo/messaging';
import type { ConsultationEvent } from '../../domain/consultation';
import type { PatientRecordOpened } from '../../domain/patient-access-log';
import type { PatientEvent } from '../../domain/patient';
import type { ReminderEvent } from '../../domain/reminder';

type PublicType = RecordsPublicEvent['type'];
type PublicData<T extends PublicType> = Extract<RecordsPublicEvent, { type: T }>['data'];

function envelope<T extends PublicType>(recorded: RecordedEvent, type: T, data: PublicData<T>): IntegrationEnvelope<T, PublicData<T>> {
  return integrationEnvelopeOf(recorded, type, data);
}

/**
 * What records.events says (libs/contracts/records): what the ledger needs, and which cabinet
 * each patient belongs to (a registration's ids, for planning). Each public field is copied by
 * name, so a field added to a domain event stays private until someone adds it here on purpose.
 * Identity, contact details, medical history, reasons, examinations, treatments, notes and the
 * access log are never published; every domain event type must be classified here before the
 * service compiles.
 */
export function toRecordsPublicEvent(recorded: RecordedEvent): IntegrationEnvelope | null {
  const event = { type: recorded.type, data: recorded.data } as PatientEvent | ConsultationEvent | PatientRecordOpened | ReminderEvent;
  switch (event.type) {
    case 'PatientUpdated':
    case 'PatientReminderPreferencesChanged':
    case 'ReminderSent':
    case 'ReminderFailed':
    case 'ConsultationOpened':
    case 'ConsultationRevised':
    case 'PatientRecordOpened':
      return null;
    case 'PatientRegistered': {
      const { patientId, cabinetId, ownerId } = event.data;
      const data: PatientRegisteredV1 = { patientId, cabinetId, ownerId };
      return envelope(recorded, 'PatientRegistered', data);
    }
    case 'ConsultationCompleted': {
      const { consultationId, patientId, cabinetId, ownerId, practitionerId, practitionerRole, patientName, date, feeCents, paymentMethod, retrocessionBasisPoints } = event.data;
      const data: ConsultationCompletedV1 = { consultationId, patientId, cabinetId, ownerId, practitionerId, practitionerRole, patientName, date, feeCents, paymentMethod, retrocessionBasisPoints };
      return envelope(recorded, 'ConsultationCompleted', data);
    }
    case 'ConsultationFeeCorrected': {
      const { consultationId, cabinetId, ownerId, feeCents, paymentMethod, date, practitionerId, practitionerRole, retrocessionBasisPoints } = event.data;
      const corrected: ConsultationFeeCorrectedV1 = { consultationId, cabinetId, ownerId, feeCents, paymentMethod };
      // Recorded before #14, a correction did not repeat the completion's terms: it stays version 1.
      if (date === undefined || practitionerId === undefined || practitionerRole === undefined || retrocessionBasisPoints === undefined) {
        return envelope(recorded, 'ConsultationFeeCorrected', corrected);
      }
      const data: ConsultationFeeCorrectedV2 = { ...corrected, date, practitionerId, practitionerRole, retrocessionBasisPoints };
      return integrationEnvelopeOf(recorded, 'ConsultationFeeCorrected', data, 2);
    }
    case 'ConsultationDeleted': {
      const { consultationId, cabinetId, ownerId, wasCompleted } = event.data;
      const data: ConsultationDeletedV1 = { consultationId, cabinetId, ownerId, wasCompleted };
      return envelope(recorded, 'ConsultationDeleted', data);
    }
    case 'PatientDeleted': {
      const { patientId, cabinetId, ownerId } = event.data;
      const data: PatientDeletedV1 = { patientId, cabinetId, ownerId };
      return envelope(recorded, 'PatientDeleted', data);
    }
    default:
      return unreachable(event);
  }
}
