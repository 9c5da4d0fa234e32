import { type EventToAppend, SqliteEventStore } from '@osteo/event-sourcing';
import { InProcessEventBus } from '@osteo/messaging';
import { SealedPracticeContacts } from '@osteo/platform';
import { InMemoryReadStore } from '@osteo/read-store';
import { reminderIdOf } from '../../domain/reminder';
import { REMINDER_APPOINTMENTS, REMINDER_CABINETS, type ReminderAppointment, type ReminderCabinet } from './reminder-inputs';
import { REMINDERS } from './reminder-plan';
import { ReminderSchedule } from './reminder-schedule';
import { ReminderScheduleReactor } from './reminder-schedule.reactor';

const PATIENT = 'pat-helene';
const CABINET = 'cab-lyon';
const APPOINTMENT = 'apt-1';
const SMS = reminderIdOf(APPOINTMENT, 'sms');
const at = (instant: string) => ({ occurredAt: instant });

const registered: EventToAppend = {
  type: 'PatientRegistered',
  data: { patientId: PATIENT, cabinetId: CABINET, ownerId: 'acc-claire', firstName: 'Hélène', lastName: 'Durand', birthDate: '1984-06-12', phone: '+33600000000', email: null, medicalHistory: null },
  metadata: at('2026-03-01T08:00:00.000Z'),
};
const consents = (channels: string[], instant: string): EventToAppend => ({
  type: 'PatientReminderPreferencesChanged',
  data: { patientId: PATIENT, cabinetId: CABINET, channels, consentDate: channels.length > 0 ? '2026-03-01' : null },
  metadata: at(instant),
});
const sent: EventToAppend = {
  type: 'ReminderSent',
  data: { reminderId: SMS, appointmentId: APPOINTMENT, cabinetId: CABINET, channel: 'sms', attempts: 1, sentAt: '2026-03-09T09:00:00.000Z' },
  metadata: at('2026-03-09T09:00:00.000Z'),
};

describe("the reminder schedule's feed from patient-records' own store, in runs", () => {
  let store: SqliteEventStore;
  let readStore: InMemoryReadStore;
  let reactor: ReminderScheduleReactor;

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:', { pollIntervalMs: 5 });
    readStore = new InMemoryReadStore();
    // The inputs the bus would bring: a cabinet and the patient's appointment on 10 March.
    await readStore.collection<ReminderCabinet>(REMINDER_CABINETS).insertOne({ _id: CABINET, name: 'Cabinet des Lilas', timeZone: 'Europe/Paris', openingAddress: null, settings: null, settingsChangedAt: null, closed: false });
    await readStore.collection<ReminderAppointment>(REMINDER_APPOINTMENTS).insertOne({ _id: APPOINTMENT, cabinetId: CABINET, practitionerId: 'acc-claire', patientId: PATIENT, start: '2026-03-10T09:00:00.000Z', scheduledAt: '2026-03-01T07:00:00.000Z', cancelled: false });
    reactor = new ReminderScheduleReactor(store, readStore, new InProcessEventBus(), new ReminderSchedule(readStore), SealedPracticeContacts.withKey('a key for the reminder schedule tests, 32+ chars'));
  });

  afterEach(async () => {
    await reactor.onModuleDestroy();
    await store.close();
  });

  const append = async (...events: EventToAppend[]) => {
    for (const event of events) await store.appendToStream(event.type.startsWith('Reminder') ? `reminder-${SMS}` : `patient-${PATIENT}`, [event], { expectedRevision: 'any' });
  };
  const smsReminder = () => readStore.collection(REMINDERS).findOne({ _id: SMS });

  it('given a registration and a consent in one run, then the reminder is planned, as event by event', async () => {
    await append(registered, consents(['sms'], '2026-03-01T08:05:00.000Z'));
    await reactor.onApplicationBootstrap();
    await reactor.caughtUpWithStore();

    expect(await smsReminder()).toMatchObject({ state: 'planned', dueAt: '2026-03-09T09:00:00.000Z' });
  });

  it('given the consent, then in one run the consent withdrawn and the reminder sent, then it reads sent, as event by event', async () => {
    await append(registered, consents(['sms'], '2026-03-01T08:05:00.000Z'));
    await reactor.onApplicationBootstrap();
    await reactor.caughtUpWithStore();
    await reactor.onModuleDestroy();

    await append(consents([], '2026-03-09T08:59:00.000Z'), sent);
    reactor = new ReminderScheduleReactor(store, readStore, new InProcessEventBus(), new ReminderSchedule(readStore), SealedPracticeContacts.withKey('a key for the reminder schedule tests, 32+ chars'));
    await reactor.onApplicationBootstrap();
    await reactor.caughtUpWithStore();

    expect(await smsReminder()).toMatchObject({ state: 'sent', sentAt: '2026-03-09T09:00:00.000Z' });
  });

  it('given the consent then withdrawn in the same run, then nothing is planned', async () => {
    await append(registered, consents(['sms'], '2026-03-01T08:05:00.000Z'), consents([], '2026-03-01T08:10:00.000Z'));
    await reactor.onApplicationBootstrap();
    await reactor.caughtUpWithStore();

    expect((await smsReminder())?.state ?? 'none').not.toBe('planned');
  });
});
