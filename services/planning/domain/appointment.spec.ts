import { stateAfter } from '@osteo/event-sourcing/decider';
import { specFor } from '@osteo/event-sourcing/decider-spec';
import { appointmentDecider, type AppointmentCommand, type AppointmentEvent, type AppointmentTerms } from './appointment';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };

const APPOINTMENT = 'apt-1';
const CABINET = 'cab-lyon';
const PRACTITIONER = 'acc-claire';

const terms: AppointmentTerms = {
  appointmentId: APPOINTMENT,
  cabinetId: CABINET,
  ownerId: PRACTITIONER,
  practitionerId: PRACTITIONER,
  patientName: 'Jeanne Dupont',
  patientId: null,
  start: '2026-03-03T09:00:00.000Z',
  end: '2026-03-03T09:45:00.000Z',
  reason: 'Lombalgie',
};

// Events
const booked: AppointmentEvent = { type: 'AppointmentBooked', data: terms };
const moved = (start: string, end: string): AppointmentEvent => ({
  type: 'AppointmentMoved',
  data: { appointmentId: APPOINTMENT, cabinetId: CABINET, practitionerId: PRACTITIONER, start, end },
});
const reasonChanged = (reason: string | null): AppointmentEvent => ({ type: 'AppointmentReasonChanged', data: { appointmentId: APPOINTMENT, cabinetId: CABINET, patientId: null, reason } });
const cancelled: AppointmentEvent = { type: 'AppointmentCancelled', data: { appointmentId: APPOINTMENT, cabinetId: CABINET, practitionerId: PRACTITIONER } };

// Commands
const book = (overrides: Partial<AppointmentTerms> = {}): AppointmentCommand => ({ type: 'BookAppointment', data: { ...terms, ...overrides }, metadata });
const change = (data: { start?: string; end?: string; reason?: string | null }): AppointmentCommand => ({ type: 'ChangeAppointment', data, metadata });
const cancel: AppointmentCommand = { type: 'CancelAppointment', data: {}, metadata };
const erasePatientDetails: AppointmentCommand = { type: 'ErasePatientDetails', data: {}, metadata };

describe('appointment decider', () => {
  const spec = specFor(appointmentDecider);

  describe('booking', () => {
    it('given nothing, when booking 45 minutes for a patient, then it is booked', () => {
      spec.given([]).when(book()).then([booked]);
    });

    it('given nothing, when booking exactly 12 hours, then it is booked', () => {
      const day = { start: '2026-03-03T07:00:00.000Z', end: '2026-03-03T19:00:00.000Z' };
      spec.given([]).when(book(day)).then([{ type: 'AppointmentBooked', data: { ...terms, ...day } }]);
    });

    it('given a booked appointment, when booking it again, then APPOINTMENT.ALREADY_EXISTS', () => {
      spec.given([booked]).when(book()).thenThrows('APPOINTMENT.ALREADY_EXISTS');
    });

    it.each([
      ['ending before it starts', '2026-03-03T09:00:00.000Z', '2026-03-03T08:15:00.000Z', 'APPOINTMENT.END_NOT_AFTER_START'],
      ['ending when it starts', '2026-03-03T09:00:00.000Z', '2026-03-03T09:00:00.000Z', 'APPOINTMENT.END_NOT_AFTER_START'],
      ['lasting more than 12 hours', '2026-03-03T07:00:00.000Z', '2026-03-03T19:01:00.000Z', 'APPOINTMENT.TOO_LONG'],
    ])('given nothing, when booking a slot %s, then %s', (_label, start, end, code) => {
      spec.given([]).when(book({ start, end })).thenThrows(code);
    });

    it('given nothing, when booking for a blank patient name, then APPOINTMENT.PATIENT_NAME_REQUIRED', () => {
      spec.given([]).when(book({ patientName: '  ' })).thenThrows('APPOINTMENT.PATIENT_NAME_REQUIRED');
    });
  });

  describe('changing', () => {
    it('given a booked appointment, when moving it, then it moves', () => {
      spec
        .given([booked])
        .when(change({ start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T14:45:00.000Z' }))
        .then([moved('2026-03-03T14:00:00.000Z', '2026-03-03T14:45:00.000Z')]);
    });

    it('given a booked appointment, when giving only a new end, then it ends then and starts as before', () => {
      spec.given([booked]).when(change({ end: '2026-03-03T10:00:00.000Z' })).then([moved('2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00.000Z')]);
    });

    it('given a booked appointment, when giving only a start after its end, then APPOINTMENT.END_NOT_AFTER_START', () => {
      spec.given([booked]).when(change({ start: '2026-03-03T10:00:00.000Z' })).thenThrows('APPOINTMENT.END_NOT_AFTER_START');
    });

    it('given a booked appointment, when moving it to a slot longer than 12 hours, then APPOINTMENT.TOO_LONG', () => {
      spec.given([booked]).when(change({ end: '2026-03-04T09:00:00.000Z' })).thenThrows('APPOINTMENT.TOO_LONG');
    });

    it('given a booked appointment, when changing the time and the reason at once, then both change, the time first', () => {
      spec
        .given([booked])
        .when(change({ start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T14:45:00.000Z', reason: 'Cervicalgie' }))
        .then([moved('2026-03-03T14:00:00.000Z', '2026-03-03T14:45:00.000Z'), reasonChanged('Cervicalgie')]);
    });

    it('given a booked appointment, when clearing the reason, then the reason is cleared', () => {
      spec.given([booked]).when(change({ reason: null })).then([reasonChanged(null)]);
    });

    it('given a booked appointment, when sending its current time and reason, then nothing happens', () => {
      spec.given([booked]).when(change({ start: terms.start, end: terms.end, reason: terms.reason })).then([]);
    });

    it('given a moved appointment, then it is at its new time', () => {
      expect(stateAfter(appointmentDecider, [booked, moved('2026-03-03T14:00:00.000Z', '2026-03-03T14:45:00.000Z')])).toMatchObject({
        status: 'booked',
        start: '2026-03-03T14:00:00.000Z',
        end: '2026-03-03T14:45:00.000Z',
      });
    });

    it('given a cancelled appointment, when moving it, then APPOINTMENT.CANCELLED', () => {
      spec.given([booked, cancelled]).when(change({ start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T14:45:00.000Z' })).thenThrows('APPOINTMENT.CANCELLED');
    });

    it('given a cancelled appointment, when changing only its reason, then APPOINTMENT.CANCELLED', () => {
      spec.given([booked, cancelled]).when(change({ reason: 'Autre' })).thenThrows('APPOINTMENT.CANCELLED');
    });

    it('given nothing, when moving it, then APPOINTMENT.NOT_FOUND', () => {
      spec.given([]).when(change({ start: '2026-03-03T14:00:00.000Z' })).thenThrows('APPOINTMENT.NOT_FOUND');
    });
  });

  describe('cancelling', () => {
    it('given a booked appointment, when cancelling it, then it is cancelled', () => {
      spec.given([booked]).when(cancel).then([cancelled]);
    });

    it('given a moved appointment, when cancelling it, then it is cancelled', () => {
      spec.given([booked, moved('2026-03-03T14:00:00.000Z', '2026-03-03T14:45:00.000Z')]).when(cancel).then([cancelled]);
    });

    it('given a cancelled appointment, when cancelling it again, then nothing happens', () => {
      spec.given([booked, cancelled]).when(cancel).then([]);
    });

    it('given nothing, when cancelling it, then APPOINTMENT.NOT_FOUND', () => {
      spec.given([]).when(cancel).thenThrows('APPOINTMENT.NOT_FOUND');
    });
  });

  describe("erasing the patient's details (their record was deleted)", () => {
    const ofRecord: AppointmentEvent = { type: 'AppointmentBooked', data: { ...terms, patientId: 'pat-7' } };
    const erased: AppointmentEvent = { type: 'AppointmentPatientDetailsErased', data: { appointmentId: APPOINTMENT, cabinetId: CABINET, patientId: 'pat-7' } };

    it('given a booked or a cancelled appointment, when erasing, then its details are erased: the agenda history keeps the appointment', () => {
      spec.given([ofRecord]).when(erasePatientDetails).then([erased]);
      spec.given([ofRecord, cancelled]).when(erasePatientDetails).then([erased]);
    });

    it('given details already erased, or no appointment, when erasing (PatientDeleted read again), then nothing happens', () => {
      spec.given([ofRecord, erased]).when(erasePatientDetails).then([]);
      spec.given([]).when(erasePatientDetails).then([]);
    });

    it('given a change of reason of an appointment of a record, then it names the record, whose key encrypts the reason', () => {
      spec.given([ofRecord]).when(change({ reason: 'Autre' })).then([{ type: 'AppointmentReasonChanged', data: { appointmentId: APPOINTMENT, cabinetId: CABINET, patientId: 'pat-7', reason: 'Autre' } }]);
    });
  });
});
