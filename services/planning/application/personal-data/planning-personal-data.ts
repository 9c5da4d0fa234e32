import type { PersonalDataPolicy, PersonalFieldsOfEvent } from '@osteo/personal-data';
import type { AgendaEvent } from '../../domain/agenda';
import type { AppointmentEvent } from '../../domain/appointment';

type PlanningEventType = AppointmentEvent['type'] | AgendaEvent['type'];

/**
 * Whose key: the patient's record when the appointment names one, so that deleting the record
 * (PatientDeleted) erases every appointment of that patient at once, those planning has not
 * projected yet included; else the appointment's own, since a name typed without a record
 * belongs to nobody planning can identify (no key shared by two bookings under one typed name).
 */
const patientOrAppointment = ['patientId', 'appointmentId'] as const;

/**
 * What of planning's events is personal, stored encrypted (crypto-shredding): the name typed at
 * booking and the reason of the visit. Ids, times and statuses stay in clear: the agenda's rule
 * against double booking is made of them. Every event type is classified here, or the service
 * does not compile.
 */
const personalFieldsByType: Readonly<Record<PlanningEventType, PersonalFieldsOfEvent | null>> = {
  AppointmentBooked: { subject: patientOrAppointment, fields: ['patientName', 'reason'] },
  AppointmentReasonChanged: { subject: patientOrAppointment, fields: ['reason'] },
  AppointmentMoved: null,
  AppointmentCancelled: null,
  AppointmentPatientDetailsErased: null,
  AgendaSlotClaimed: null,
  AgendaSlotReleased: null,
};

export const planningPersonalData: PersonalDataPolicy = Object.fromEntries(
  Object.entries(personalFieldsByType).filter((entry): entry is [string, PersonalFieldsOfEvent] => entry[1] !== null),
);
