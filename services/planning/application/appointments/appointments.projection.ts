import type { IntegrationEnvelope, PlanningPublicEvent } from '@osteo/contracts';
import { unreachable } from '@osteo/event-sourcing/decider';
import type { DocumentProjection } from '@osteo/messaging';

/**
 * Planning's read model of appointments, fed by its own public events (planning.events): what the
 * agenda shows, never the reason. Times are UTC instants in `toISOString` form, so the range
 * queries compare them as strings.
 */
export type AppointmentListing = {
  readonly _id: string;
  readonly appointmentId: string;
  readonly cabinetId: string;
  readonly practitionerId: string;
  readonly patientName: string;
  readonly patientId: string | null;
  readonly start: string;
  readonly end: string;
  readonly status: 'booked' | 'cancelled';
};

export const PLANNING_APPOINTMENTS = 'planning_appointments';

/** Every planning event type: a new one fails to compile here until the projection handles it. */
const handledTypes: Record<PlanningPublicEvent['type'], true> = { AppointmentBooked: true, AppointmentMoved: true, AppointmentCancelled: true };

export const appointmentsProjection: DocumentProjection<AppointmentListing> = {
  name: 'planning.appointments',
  collection: PLANNING_APPOINTMENTS,
  handles: Object.keys(handledTypes),
  documentId: (envelope: IntegrationEnvelope) => String(envelope.data.appointmentId),
  evolve(listing, envelope) {
    const event = envelope as PlanningPublicEvent;
    switch (event.type) {
      case 'AppointmentBooked': {
        const { appointmentId, cabinetId, practitionerId, patientName, patientId, start, end } = event.data;
        return { _id: appointmentId, appointmentId, cabinetId, practitionerId, patientName, patientId, start, end, status: 'booked' };
      }
      case 'AppointmentMoved':
        return listing && { ...listing, start: event.data.start, end: event.data.end };
      case 'AppointmentCancelled':
        return listing && { ...listing, status: 'cancelled' };
      default:
        return unreachable(event);
    }
  },
};
