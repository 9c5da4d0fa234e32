import type { IntegrationEnvelope } from '@osteo/contracts';
import { unreachable } from '@osteo/event-sourcing/decider';
import type { DocumentProjection } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';
import type { AppointmentEvent } from '../../domain/appointment';

/**
 * Planning's read model of appointments, fed by its own event store (./appointments.reactor.ts), not
 * by planning.events, which no longer carries the patient's name: what the agenda shows, never the
 * reason. Times are UTC instants in `toISOString` form, so the range queries compare them as strings.
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

type ListedEvent = Extract<AppointmentEvent, { type: 'AppointmentBooked' | 'AppointmentMoved' | 'AppointmentCancelled' | 'AppointmentPatientDetailsErased' }>;
/** A change of reason is not listed: the agenda never shows it. */
const handledTypes: Record<ListedEvent['type'], true> = { AppointmentBooked: true, AppointmentMoved: true, AppointmentCancelled: true, AppointmentPatientDetailsErased: true };

export const appointmentsProjection: DocumentProjection<AppointmentListing> = {
  name: 'planning.appointments',
  collection: PLANNING_APPOINTMENTS,
  handles: Object.keys(handledTypes),
  documentId: (envelope: IntegrationEnvelope) => String(envelope.data.appointmentId),
  evolve(listing, envelope) {
    const event = { type: envelope.type, data: envelope.data } as ListedEvent;
    switch (event.type) {
      case 'AppointmentBooked': {
        const { appointmentId, cabinetId, practitionerId, patientName, patientId, start, end } = event.data;
        return { _id: appointmentId, appointmentId, cabinetId, practitionerId, patientName, patientId, start, end, status: 'booked' };
      }
      case 'AppointmentMoved':
        return listing && { ...listing, start: event.data.start, end: event.data.end };
      case 'AppointmentCancelled':
        return listing && { ...listing, status: 'cancelled' };
      // The booking now reads erased from the store too, so a rebuild agrees.
      case 'AppointmentPatientDetailsErased':
        return listing && { ...listing, patientName: ERASED };
      default:
        return unreachable(event);
    }
  },
};
