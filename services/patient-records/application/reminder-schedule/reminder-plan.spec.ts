import { ProjectionRunner } from '@osteo/messaging';
import { InMemoryReadStore } from '@osteo/read-store';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { SealedPracticeContacts } from '@osteo/platform';
import { REMINDER_APPOINTMENTS, REMINDER_CABINETS, reminderAppointmentsProjection, reminderCabinetsProjection, type ReminderAppointment, type ReminderCabinet, type ReminderContact } from './reminder-inputs';
import { plannedReminders, scheduleChanges, type ReminderDocument } from './reminder-plan';

const appointment: ReminderAppointment = {
  _id: 'apt-1',
  cabinetId: 'cab-lyon',
  practitionerId: 'acc-claire',
  patientId: 'pat-1',
  start: '2026-03-10T09:00:00.000Z',
  scheduledAt: '2026-03-02T08:00:00.000Z',
  cancelled: false,
};
const cabinet: ReminderCabinet = { _id: 'cab-lyon', name: 'Cabinet des Pentes', timeZone: 'Europe/Paris', openingAddress: null, settings: null, settingsChangedAt: null, closed: false };
const contact: ReminderContact = { _id: 'pat-1', cabinetId: 'cab-lyon', email: 'helene@example.fr', phone: '+33612345678', channels: ['email', 'sms'], consentDate: '2026-03-01', changedAt: '2026-03-01T10:00:00.000Z' };
const DAY_BEFORE = '2026-03-09T09:00:00.000Z';

describe('reminder plan', () => {
  it('given consent on both channels, then one reminder per channel, due 24 hours before by default', () => {
    expect(plannedReminders(appointment, cabinet, contact)).toEqual([
      { channel: 'email', startsAt: appointment.start, dueAt: DAY_BEFORE },
      { channel: 'sms', startsAt: appointment.start, dueAt: DAY_BEFORE },
    ]);
  });

  it("given the cabinet's delay, then due that many hours before; a delay of 0 plans none", () => {
    const settings = { delayHours: 48, address: null, phone: null };
    expect(plannedReminders(appointment, { ...cabinet, settings }, contact)[0]?.dueAt).toBe('2026-03-08T09:00:00.000Z');
    expect(plannedReminders(appointment, { ...cabinet, settings: { ...settings, delayHours: 0 } }, contact)).toEqual([]);
  });

  it('given an appointment booked after its due time, then none', () => {
    expect(plannedReminders({ ...appointment, scheduledAt: '2026-03-09T10:00:00.000Z' }, cabinet, contact)).toEqual([]);
  });

  it('given no consent, a cancelled appointment, a closed cabinet, no patient or a patient of another cabinet, then none', () => {
    expect(plannedReminders(appointment, cabinet, { ...contact, channels: [], consentDate: null })).toEqual([]);
    expect(plannedReminders({ ...appointment, cancelled: true }, cabinet, contact)).toEqual([]);
    expect(plannedReminders(appointment, { ...cabinet, closed: true }, contact)).toEqual([]);
    expect(plannedReminders({ ...appointment, patientId: null }, cabinet, null)).toEqual([]);
    expect(plannedReminders(appointment, cabinet, { ...contact, cabinetId: 'cab-other' })).toEqual([]);
  });

  it('given a channel without its contact, then only the reachable channel', () => {
    expect(plannedReminders(appointment, cabinet, { ...contact, phone: null }).map(({ channel }) => channel)).toEqual(['email']);
  });

  describe('schedule changes', () => {
    const planned = plannedReminders(appointment, cabinet, { ...contact, channels: ['sms'] });
    const [change] = scheduleChanges(appointment, [], planned);
    const stored = change?.kind === 'plan' ? change.reminder : (undefined as never);

    it('given nothing stored, then the reminder is planned at its due time', () => {
      expect(stored).toMatchObject({ _id: 'apt-1.sms', state: 'planned', dueAt: DAY_BEFORE, nextAttemptAt: DAY_BEFORE, attempts: 0 });
    });

    it('given it stored as planned, then the same plan changes nothing, a move reschedules it, no plan cancels it', () => {
      expect(scheduleChanges(appointment, [stored], planned)).toEqual([]);
      const moved = plannedReminders({ ...appointment, start: '2026-03-11T15:00:00.000Z' }, cabinet, { ...contact, channels: ['sms'] });
      expect(scheduleChanges(appointment, [stored], moved)).toEqual([{ kind: 'reschedule', reminderId: 'apt-1.sms', startsAt: '2026-03-11T15:00:00.000Z', dueAt: '2026-03-10T15:00:00.000Z' }]);
      expect(scheduleChanges(appointment, [stored], [])).toEqual([{ kind: 'cancel', reminderId: 'apt-1.sms' }]);
    });

    it('given it sent, then nothing changes it any more', () => {
      const sent: ReminderDocument = { ...stored, state: 'sent' };
      expect(scheduleChanges(appointment, [sent], [])).toEqual([]);
      expect(scheduleChanges(appointment, [sent], plannedReminders({ ...appointment, start: '2026-03-11T15:00:00.000Z' }, cabinet, contact).slice(1))).toEqual([]);
    });
  });

  it('given every input event twice, then the projections hold what they hold after each once', async () => {
    const envelope = (type: string, streamId: string, revision: number, data: Record<string, unknown>): IntegrationEnvelope => ({
      eventId: `${streamId}-${revision}`,
      type,
      version: type === 'AppointmentBooked' ? 2 : 1,
      streamId,
      revision,
      occurredAt: '2026-03-02T08:00:00.000Z',
      actorId: null,
      correlationId: null,
      causationId: null,
      data,
    });
    const events = [
      envelope('CabinetOpened', 'cabinet-cab-lyon', 0, { cabinetId: 'cab-lyon', ownerId: 'acc-claire', name: 'Cabinet des Pentes', address: '1 rue Burdeau', timeZone: 'Europe/Paris' }),
      envelope('CabinetReminderSettingsChanged', 'cabinet-cab-lyon', 1, { cabinetId: 'cab-lyon', ownerId: 'acc-claire', delayHours: 48, address: null, phone: '+33478000000' }),
      envelope('AppointmentBooked', 'appointment-apt-1', 0, { appointmentId: 'apt-1', cabinetId: 'cab-lyon', ownerId: 'acc-claire', practitionerId: 'acc-claire', patientId: 'pat-1', start: '2026-03-10T10:00:00+01:00', end: '2026-03-10T10:45:00+01:00' }),
      envelope('AppointmentMoved', 'appointment-apt-1', 1, { appointmentId: 'apt-1', cabinetId: 'cab-lyon', practitionerId: 'acc-claire', start: '2026-03-11T10:00:00+01:00', end: '2026-03-11T10:45:00+01:00' }),
    ];
    const projectedAfter = async (sequence: readonly IntegrationEnvelope[]) => {
      const readStore = new InMemoryReadStore();
      const runner = new ProjectionRunner(readStore, [reminderAppointmentsProjection, reminderCabinetsProjection(SealedPracticeContacts.withKey('an e-mail digest key of at least thirty-two bytes'))]);
      for (const event of sequence) await runner.apply(event);
      return [await readStore.collection(REMINDER_APPOINTMENTS).find({}), await readStore.collection(REMINDER_CABINETS).find({})];
    };

    const once = await projectedAfter(events);
    expect(await projectedAfter(events.flatMap((event) => [event, event]))).toEqual(once);
    expect(once[0]).toMatchObject([{ _id: 'apt-1', start: '2026-03-11T09:00:00.000Z', cancelled: false }]);
    expect(once[1]).toMatchObject([{ _id: 'cab-lyon', settings: { delayHours: 48, phone: '+33478000000' }, openingAddress: '1 rue Burdeau' }]);
  });
});
