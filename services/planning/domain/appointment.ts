import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';
import type { TimeSlot } from './time-slot';

/**
 * An appointment in a cabinet: a practitioner, the patient's name as the agenda shows it, a time
 * slot, and a reason that never leaves planning. It can move until it is cancelled, and a
 * cancelled appointment stays cancelled.
 *
 * That no two appointments of a practitioner overlap is the agenda's rule (./agenda.ts): one
 * appointment cannot see the others.
 */
export type AppointmentTerms = TimeSlot & {
  readonly appointmentId: string;
  readonly cabinetId: string;
  /** The cabinet's owner, whom the published event names for the services that work per owner. */
  readonly ownerId: string;
  /** An accountId: the osteopath who sees the patient. */
  readonly practitionerId: string;
  readonly patientName: string;
  readonly patientId: string | null;
  /** Why the patient comes: clinical, so kept in planning's own events only. */
  readonly reason: string | null;
};

/** The longest appointment taken: a full working day. Anything longer is a typing mistake. */
export const MAX_APPOINTMENT_DURATION_MS = 12 * 60 * 60 * 1000;

export type AppointmentCommand =
  | { readonly type: 'BookAppointment'; readonly data: AppointmentTerms; readonly metadata: CommandMetadata }
  | {
      /** One command for every change, so a request changing the time and the reason is all or nothing. Absent: unchanged. */
      readonly type: 'ChangeAppointment';
      readonly data: { readonly start?: string; readonly end?: string; readonly reason?: string | null };
      readonly metadata: CommandMetadata;
    }
  | { readonly type: 'CancelAppointment'; readonly data: Readonly<Record<string, never>>; readonly metadata: CommandMetadata }
  /** The patient's record was deleted: the agenda must stop showing what was typed about them. */
  | { readonly type: 'ErasePatientDetails'; readonly data: Readonly<Record<string, never>>; readonly metadata: CommandMetadata };

export type AppointmentEvent =
  | { readonly type: 'AppointmentBooked'; readonly data: AppointmentTerms }
  | {
      readonly type: 'AppointmentMoved';
      readonly data: TimeSlot & { readonly appointmentId: string; readonly cabinetId: string; readonly practitionerId: string };
    }
  /** `patientId` names whose key encrypts the reason (application/personal-data): the booking's. */
  | { readonly type: 'AppointmentReasonChanged'; readonly data: { readonly appointmentId: string; readonly cabinetId: string; readonly patientId: string | null; readonly reason: string | null } }
  | { readonly type: 'AppointmentCancelled'; readonly data: { readonly appointmentId: string; readonly cabinetId: string; readonly practitionerId: string } }
  /**
   * The name and reason are erased (their key is gone): said in the appointment's own stream, so
   * that the agenda, which copied the name, forgets it in order with everything else of the appointment.
   */
  | { readonly type: 'AppointmentPatientDetailsErased'; readonly data: { readonly appointmentId: string; readonly cabinetId: string; readonly patientId: string | null } };

export type AppointmentState = { readonly status: 'absent' } | ({ readonly status: 'booked' | 'cancelled'; readonly patientDetailsErased: boolean } & AppointmentTerms);

export type ExistingAppointment = Extract<AppointmentState, { status: 'booked' | 'cancelled' }>;

export const appointmentStreamId = (appointmentId: string): string => `appointment-${appointmentId}`;

function checkSlot(slot: TimeSlot): void {
  const duration = Date.parse(slot.end) - Date.parse(slot.start);
  if (!(duration > 0)) throw new Rejection('invalid', 'APPOINTMENT.END_NOT_AFTER_START', 'end must be after start');
  if (duration > MAX_APPOINTMENT_DURATION_MS) throw new Rejection('invalid', 'APPOINTMENT.TOO_LONG', 'An appointment lasts 12 hours at most: check start and end');
}

function existing(state: AppointmentState): ExistingAppointment {
  if (state.status === 'absent') throw new Rejection('not_found', 'APPOINTMENT.NOT_FOUND', 'No such appointment');
  return state;
}

export const appointmentDecider: Decider<AppointmentCommand, AppointmentEvent, AppointmentState> = {
  initialState: { status: 'absent' },

  decide(command, state) {
    switch (command.type) {
      case 'BookAppointment': {
        if (state.status !== 'absent') throw new Rejection('conflict', 'APPOINTMENT.ALREADY_EXISTS', 'This appointment already exists');
        if (command.data.patientName.trim() === '') throw new Rejection('invalid', 'APPOINTMENT.PATIENT_NAME_REQUIRED', 'patientName must not be blank');
        checkSlot(command.data);
        return [{ type: 'AppointmentBooked', data: command.data }];
      }

      case 'ChangeAppointment': {
        const appointment = existing(state);
        if (appointment.status === 'cancelled') throw new Rejection('conflict', 'APPOINTMENT.CANCELLED', 'This appointment is cancelled; book a new one');
        const { appointmentId, cabinetId, practitionerId } = appointment;
        const slot = { start: command.data.start ?? appointment.start, end: command.data.end ?? appointment.end };
        const changes: AppointmentEvent[] = [];
        if (slot.start !== appointment.start || slot.end !== appointment.end) {
          checkSlot(slot);
          changes.push({ type: 'AppointmentMoved', data: { appointmentId, cabinetId, practitionerId, ...slot } });
        }
        const { reason } = command.data;
        if (reason !== undefined && reason !== appointment.reason) {
          changes.push({ type: 'AppointmentReasonChanged', data: { appointmentId, cabinetId, patientId: appointment.patientId, reason } });
        }
        return changes;
      }

      case 'CancelAppointment': {
        const appointment = existing(state);
        if (appointment.status === 'cancelled') return [];
        const { appointmentId, cabinetId, practitionerId } = appointment;
        return [{ type: 'AppointmentCancelled', data: { appointmentId, cabinetId, practitionerId } }];
      }

      // A cancelled appointment too: the agenda keeps it, with the name. Once is enough (replays of PatientDeleted).
      case 'ErasePatientDetails': {
        if (state.status === 'absent' || state.patientDetailsErased) return [];
        const { appointmentId, cabinetId, patientId } = state;
        return [{ type: 'AppointmentPatientDetailsErased', data: { appointmentId, cabinetId, patientId } }];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'AppointmentBooked') return { ...event.data, status: 'booked', patientDetailsErased: false };
    if (state.status === 'absent') return state;
    switch (event.type) {
      case 'AppointmentMoved':
        return { ...state, start: event.data.start, end: event.data.end };
      case 'AppointmentReasonChanged':
        return { ...state, reason: event.data.reason };
      case 'AppointmentCancelled':
        return { ...state, status: 'cancelled' };
      case 'AppointmentPatientDetailsErased':
        return { ...state, patientDetailsErased: true };
      default:
        return unreachable(event);
    }
  },
};
