import type { AppointmentBookedV2, AppointmentCancelledV1, AppointmentMovedV1, IntegrationEnvelope } from '@osteo/contracts';
import type { RecordedEvent } from '@osteo/event-sourcing';
import { unreachable } from '@osteo/event-sourcing/decider';
import { integrationEnvelopeOf } from '@osteo/messaging';
import type { AgendaEvent } from '../../domain/agenda';
import type { AppointmentEvent } from '../../domain/appointment';

/**
 * Translates planning's events into its public contract (libs/contracts/planning), field by field
 * so that nothing else can slip out: neither the patient's name nor the reason of a visit leaves
 * planning (topics cannot be crypto-shredded: AppointmentBooked v2), and the agenda streams are
 * planning's own concurrency control.
 */
export function toPlanningPublicEvent(recorded: RecordedEvent): IntegrationEnvelope | null {
  const event = { type: recorded.type, data: recorded.data } as AppointmentEvent | AgendaEvent;
  switch (event.type) {
    case 'AppointmentBooked': {
      const { appointmentId, cabinetId, ownerId, practitionerId, patientId, start, end } = event.data;
      return integrationEnvelopeOf<'AppointmentBooked', AppointmentBookedV2>(recorded, 'AppointmentBooked', { appointmentId, cabinetId, ownerId, practitionerId, patientId, start, end }, 2);
    }
    case 'AppointmentMoved': {
      const { appointmentId, cabinetId, practitionerId, start, end } = event.data;
      return integrationEnvelopeOf<'AppointmentMoved', AppointmentMovedV1>(recorded, 'AppointmentMoved', { appointmentId, cabinetId, practitionerId, start, end });
    }
    case 'AppointmentCancelled': {
      const { appointmentId, cabinetId, practitionerId } = event.data;
      return integrationEnvelopeOf<'AppointmentCancelled', AppointmentCancelledV1>(recorded, 'AppointmentCancelled', { appointmentId, cabinetId, practitionerId });
    }
    case 'AppointmentReasonChanged':
    case 'AppointmentPatientDetailsErased':
    case 'AgendaSlotClaimed':
    case 'AgendaSlotReleased':
      return null;
    default:
      return unreachable(event);
  }
}
