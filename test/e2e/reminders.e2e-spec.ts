import { EventStore } from '@osteo/event-sourcing';
import { Mailer } from '@osteo/mail';
import { Clock } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { SmsSender } from '@osteo/sms';
import { REMINDER_CABINETS, type ReminderCabinet } from '../../services/patient-records/application/reminder-schedule/reminder-inputs';
import { ReminderSchedule } from '../../services/patient-records/application/reminder-schedule/reminder-schedule';
import { ReminderScheduleReactor } from '../../services/patient-records/application/reminder-schedule/reminder-schedule.reactor';
import { ReminderSender } from '../../services/patient-records/application/send-reminders/reminder-sender';
import { PatientRecordsModule } from '../../services/patient-records/patient-records.module';
import { PASSWORD, SignedIn, logIn, registerMainAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { providerOf } from '../support/platform-internals';
import { mailPartsOf } from '../support/raw-mail';
import { RecordingSmtpServer, startRecordingSmtpServer } from '../support/recording-smtp-server';
import { SmppTestServer, startSmppTestServer } from '../support/smpp-test-server';

type Reminder = { appointmentId: string; channel: 'email' | 'sms'; state: string; dueAt: string; sentAt: string | null; attempts: number };

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** A whole hour a few days ahead: the reminders' due times lie in the future of the real clock, so only the injected time reaches them. */
const hoursAhead = (hours: number): string => new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS + hours * HOUR_MS).toISOString();

/**
 * Appointment reminders end to end, in the embedded profile with a real SMTP server and a real
 * SMPP server: the patient's preferences on the record, appointments booked through planning, the
 * schedule fed by the events, and the sender driven with injected instants (never waited for). A
 * reminder goes at its due time and not a minute before, once, even with two instances claiming;
 * a moved one at the new time; a cancelled one and one without consent never.
 */
describe('appointment reminders, embedded profile with SMTP and SMPP', () => {
  const dataDir = temporaryDataDir();
  let smtp: RecordingSmtpServer;
  let smpp: SmppTestServer;
  let platform: RunningPlatform;
  let owner: SignedIn;
  let cabinetId: string;
  let practitionerId: string;
  let sender: ReminderSender;
  let secondInstance: ReminderSender;

  const mailsTo = (address: string) => smtp.received.filter(({ recipients }) => recipients.includes(address));
  const smsTo = (number: string) => smpp.received.filter(({ to }) => to === number);
  const book = async (patientId: string | null, start: string): Promise<string> => {
    const answer = await owner.http.post(`/api/v1/cabinets/${cabinetId}/appointments`, {
      practitionerId,
      patientName: 'Hélène Durand',
      start,
      end: new Date(Date.parse(start) + 45 * MINUTE_MS).toISOString(),
      ...(patientId !== null && { patientId }),
    });
    expect(answer.status).toBe(201);
    return answer.body.appointmentId as string;
  };
  const remindersOf = async (appointmentId: string): Promise<Reminder[]> => {
    const from = new Date(Date.now() - HOUR_MS).toISOString();
    const to = new Date(Date.now() + 20 * 24 * HOUR_MS).toISOString();
    const answer = await owner.http.get(`/api/v1/reminders?cabinetId=${cabinetId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(answer.status).toBe(200);
    return (answer.body as Reminder[]).filter((reminder) => reminder.appointmentId === appointmentId);
  };
  const statesOf = async (appointmentId: string) => (await remindersOf(appointmentId)).map(({ channel, state }) => `${channel}:${state}`).sort();

  beforeAll(async () => {
    [smtp, smpp] = await Promise.all([startRecordingSmtpServer(), startSmppTestServer()]);
    platform = await startPlatform({ DATA_DIR: dataDir.path, MAILER: 'smtp', SMTP_URL: smtp.url, SMS_SENDER: 'smpp', SMPP_URL: smpp.url });
    owner = await registerMainAccount(new HttpClient(platform.baseUrl), 'claire@example.fr', 'Dr Claire Martin');
    practitionerId = owner.accountId;
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Pentes', address: '12 rue Burdeau, 69001 Lyon' })).body.cabinetId;

    const records = platform.app.select(PatientRecordsModule);
    sender = records.get(ReminderSender);
    // A second instance of the sender over the same stores: what a second process would be.
    secondInstance = new ReminderSender(
      providerOf(platform.app, PatientRecordsModule, EventStore),
      providerOf(platform.app, PatientRecordsModule, ReadStore),
      records.get(ReminderSchedule),
      records.get(ReminderScheduleReactor),
      records.get(Mailer),
      records.get(SmsSender),
      providerOf(platform.app, PatientRecordsModule, Clock),
    );
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    await Promise.all([smtp?.stop(), smpp?.stop()]);
    dataDir.remove();
  });

  const registerPatient = async (patient: object): Promise<string> => {
    const answer = await owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Hélène', lastName: 'Durand', birthDate: '1984-06-12', ...patient });
    expect(answer.status).toBe(201);
    return answer.body.patientId as string;
  };

  describe('preferences on the record', () => {
    it('given a patient, when both channels are chosen with the consent date, then the record answers them', async () => {
      const patientId = await registerPatient({ email: 'prefs@example.fr', phone: '06 11 22 33 44' });
      expect((await owner.http.put(`/api/v1/patients/${patientId}/reminder-preferences`, { channels: ['sms', 'email'], consentDate: '2026-01-15' })).status).toBe(204);
      expect((await owner.http.get(`/api/v1/patients/${patientId}`)).body.reminderPreferences).toEqual({ channels: ['email', 'sms'], consentDate: '2026-01-15' });
    });

    it('given bad preferences, then 400 naming the field, and nothing written', async () => {
      const patientId = await registerPatient({ phone: '06 11 22 33 45' });
      const before = await storedEventCount(dataDir.path, 'patient-records');
      const noConsent = await owner.http.put(`/api/v1/patients/${patientId}/reminder-preferences`, { channels: ['sms'], consentDate: null });
      const noEmail = await owner.http.put(`/api/v1/patients/${patientId}/reminder-preferences`, { channels: ['email'], consentDate: '2026-01-15' });
      const unknownChannel = await owner.http.put(`/api/v1/patients/${patientId}/reminder-preferences`, { channels: ['fax'], consentDate: '2026-01-15' });
      expect([noConsent, noEmail, unknownChannel].map(({ status, body }) => [status, body.code])).toEqual([
        [400, 'PATIENT.REMINDER_CONSENT_REQUIRED'],
        [400, 'PATIENT.REMINDER_CONTACT_MISSING'],
        [400, 'REQUEST.INVALID'],
      ]);
      expect(JSON.stringify([noConsent.body, noEmail.body, unknownChannel.body])).toMatch(/consentDate.*channels.*channels/);
      expect(await storedEventCount(dataDir.path, 'patient-records')).toBe(before);
    });
  });

  describe('sending', () => {
    const helene = { email: 'helene.durand@example.fr', phone: '+33612345678' };
    let kept: string;
    let moved: string;
    let cancelled: string;
    let withoutConsent: string;
    const keptStart = hoursAhead(72);
    const movedFrom = hoursAhead(96);
    const movedTo = hoursAhead(120);

    beforeAll(async () => {
      const heleneId = await registerPatient(helene);
      await owner.http.put(`/api/v1/patients/${heleneId}/reminder-preferences`, { channels: ['email', 'sms'], consentDate: '2026-01-15' });
      const paulId = await registerPatient({ firstName: 'Paul', email: 'paul@example.fr', phone: '+33699887766' });
      kept = await book(heleneId, keptStart);
      moved = await book(heleneId, movedFrom);
      cancelled = await book(heleneId, hoursAhead(100));
      withoutConsent = await book(paulId, keptStart.replace(/T(\d\d)/, (_match, hour: string) => `T${String((Number(hour) + 1) % 24).padStart(2, '0')}`));
      await eventually(async () => expect(await statesOf(cancelled)).toEqual(['email:planned', 'sms:planned']));
      expect((await owner.http.post(`/api/v1/appointments/${cancelled}/cancel`, {})).status).toBe(204);
      expect((await owner.http.patch(`/api/v1/appointments/${moved}`, { start: movedTo, end: new Date(Date.parse(movedTo) + 45 * MINUTE_MS).toISOString() })).status).toBe(204);
      await eventually(async () => {
        expect(await statesOf(cancelled)).toEqual(['email:cancelled', 'sms:cancelled']);
        expect((await remindersOf(moved)).map(({ dueAt }) => dueAt)).toEqual([new Date(Date.parse(movedTo) - 24 * HOUR_MS).toISOString(), new Date(Date.parse(movedTo) - 24 * HOUR_MS).toISOString()]);
      });
    }, 60_000);

    it('given a reminder due 24 hours before, when a minute before, then nothing is sent', async () => {
      expect(await statesOf(kept)).toEqual(['email:planned', 'sms:planned']);
      expect(await statesOf(withoutConsent)).toEqual([]);
      await sender.sendDue(new Date(Date.parse(keptStart) - 24 * HOUR_MS - MINUTE_MS));
      expect(mailsTo(helene.email)).toEqual([]);
      expect(smsTo(helene.phone)).toEqual([]);
    });

    it('given two instances, when both send at the due time, then one mail and one SMS reach the servers, naming the practice', async () => {
      const due = new Date(Date.parse(keptStart) - 24 * HOUR_MS);
      await Promise.all([sender.sendDue(due), secondInstance.sendDue(due), sender.sendDue(due)]);

      expect(mailsTo(helene.email)).toHaveLength(1);
      expect(smsTo(helene.phone)).toHaveLength(1);
      const [mail] = mailsTo(helene.email);
      expect(mail?.raw).toMatch(/Cabinet des Pentes/);
      // The address the practice opened with: on access.events sealed (CabinetOpened v2), opened by patient-records.
      expect(mailPartsOf(mail!.raw).text).toContain('12 rue Burdeau, 69001 Lyon');
      expect(smsTo(helene.phone)[0]?.text).toContain('12 rue Burdeau, 69001 Lyon');
      expect(await statesOf(kept)).toEqual(['email:sent', 'sms:sent']);
      expect((await remindersOf(kept)).map(({ attempts, sentAt }) => [attempts, sentAt])).toEqual([
        [1, due.toISOString()],
        [1, due.toISOString()],
      ]);
    });

    it('given the moved appointment, then nothing at its old due time, and its reminders at the new one, with the address and phone the practice gave since', async () => {
      // Sealed on access.events (CabinetReminderSettingsChanged v2): only access-grant and patient-records open them.
      const settings = { delayHours: 24, address: '4 montée de la Grande Côte, 69001 Lyon', phone: '+33478000001' };
      expect((await owner.http.put(`/api/v1/cabinets/${cabinetId}/reminder-settings`, settings)).status).toBe(200);
      const reminderCabinets = providerOf(platform.app, PatientRecordsModule, ReadStore).collection<ReminderCabinet>(REMINDER_CABINETS);
      await eventually(async () => expect((await reminderCabinets.findOne({ _id: cabinetId }))?.settings).toEqual(settings));
      await sender.sendDue(new Date(Date.parse(movedFrom) - 24 * HOUR_MS));
      expect(mailsTo(helene.email)).toHaveLength(1);
      await sender.sendDue(new Date(Date.parse(movedTo) - 24 * HOUR_MS));
      expect(mailsTo(helene.email)).toHaveLength(2);
      expect(smsTo(helene.phone)).toHaveLength(2);
      expect(await statesOf(moved)).toEqual(['email:sent', 'sms:sent']);
      const { text, html } = mailPartsOf(mailsTo(helene.email)[1]!.raw);
      expect(text).toContain('4 montée de la Grande Côte, 69001 Lyon');
      expect(text).toContain('04 78 00 00 01');
      expect(html).toContain('tel:+33478000001');
      expect(smsTo(helene.phone)[1]?.text).toMatch(/4 montée de la Grande Côte, 69001 Lyon.*04 78 00 00 01|04 78 00 00 01.*4 montée de la Grande Côte/s);
    });

    it('given everything due long since, then the cancelled appointment and the patient without consent got nothing, and nothing went twice', async () => {
      await sender.sendDue(new Date(Date.parse(movedTo) - HOUR_MS));
      expect(mailsTo(helene.email)).toHaveLength(2);
      expect(smsTo(helene.phone)).toHaveLength(2);
      expect(mailsTo('paul@example.fr')).toEqual([]);
      expect(smsTo('+33699887766')).toEqual([]);
      expect(await statesOf(cancelled)).toEqual(['email:cancelled', 'sms:cancelled']);
    });

    it('given a restart, when the schedule is rebuilt from the events (read models in memory), then the reminders read sent and none goes again', async () => {
      await platform.stop();
      platform = await startPlatform({ DATA_DIR: dataDir.path, MAILER: 'smtp', SMTP_URL: smtp.url, SMS_SENDER: 'smpp', SMPP_URL: smpp.url });
      const anonymous = new HttpClient(platform.baseUrl);
      owner = { ...owner, http: anonymous.withToken(await logIn(anonymous, owner.email, PASSWORD)) };
      const restarted = platform.app.select(PatientRecordsModule).get(ReminderSender);
      await eventually(async () => expect(await statesOf(kept)).toHaveLength(2));

      await restarted.sendDue(new Date(Date.parse(movedTo) - HOUR_MS));

      expect(mailsTo(helene.email)).toHaveLength(2);
      expect(smsTo(helene.phone)).toHaveLength(2);
      expect(await statesOf(kept)).toEqual(['email:sent', 'sms:sent']);
    }, 60_000);
  });
});
