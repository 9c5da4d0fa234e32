import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { MongoReadStore, type ReadStore } from '@osteo/read-store';
import { mongoUrl, uniqueName } from '@osteo/testing';
import {
  REMINDER_APPOINTMENTS,
  REMINDER_CABINETS,
  REMINDER_CONTACTS,
  REMINDER_PRACTITIONERS,
  type ReminderAppointment,
  type ReminderCabinet,
  type ReminderContact,
} from '../../services/patient-records/application/reminder-schedule/reminder-inputs';
import { plannedReminders, REMINDERS, scheduleChanges, type ReminderDocument } from '../../services/patient-records/application/reminder-schedule/reminder-plan';
import { LEASE_MS } from '../../services/patient-records/application/send-reminders/reminder-sender';
import { ensureFreshBuild } from '../support/distributed-platform';
import { temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { type SmppTestServer, startSmppTestServer } from '../support/smpp-test-server';

/**
 * #13, the fault suite's reminder scenarios: the reminder process (test/faults/reminder-sender.process.cjs,
 * patient-records' ReminderSender from dist/) over the shared FerretDB and a SQLite event store,
 * sending to a real SMTP server and a real SMPP server.
 *
 *   (a) kill -9 while hand-overs are under way: three mails are held by the SMTP server before
 *       it accepts them and three SMS get no answer from the SMPP server, the rest are accepted
 *       and recorded; the process is killed, started again once the leases ran out, and every
 *       patient has exactly one mail and one SMS: the accepted ones not again, the held ones once.
 *   (b) two reminder processes at once over the same due reminders: one message each.
 *
 * What this does not show (README, "Appointment reminders"): a kill in the instant between a
 * server's acceptance and the record, which sends that one reminder again.
 */

const PATIENTS = 20;
const HELD = 3;
const DUE = new Date('2031-03-09T08:00:00.000Z');
const CHILD = join(__dirname, 'reminder-sender.process.cjs');

interface StallingSmtpServer {
  readonly url: string;
  /** Recipients of the messages accepted (answered 250), in order. */
  readonly accepted: string[];
  /** The next `count` messages are received whole but never answered: not accepted. */
  holdNext(count: number): void;
  held(): number;
  stop(): Promise<void>;
}

async function startStallingSmtpServer(): Promise<StallingSmtpServer> {
  const accepted: string[] = [];
  let toHold = 0;
  let held = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      stream.resume();
      stream.on('end', () => {
        if (toHold > 0) {
          toHold -= 1;
          held += 1;
          return;
        }
        accepted.push(...session.envelope.rcptTo.map(({ address }) => address));
        done();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    holdNext: (count) => void (toHold = count),
    held: () => held,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const emailOf = (scenario: string, index: number) => `${scenario}-patient-${index}@example.fr`;
const phoneOf = (scenario: string, index: number) => `+3361${scenario === 'a' ? '1' : '2'}0000${String(index).padStart(2, '0')}`;

/** The schedule as the feed would have written it: a cabinet, its practitioner, PATIENTS patients who consented to both channels, one appointment each, due at DUE. */
async function seedSchedule(readStore: ReadStore, scenario: string): Promise<void> {
  const cabinet: ReminderCabinet = { _id: 'cab-lyon', name: 'Cabinet des Pentes', timeZone: 'Europe/Paris', openingAddress: '12 rue Burdeau, 69001 Lyon', settings: null, settingsChangedAt: null, closed: false };
  await readStore.collection(REMINDER_CABINETS).insertOne(cabinet);
  await readStore.collection(REMINDER_PRACTITIONERS).insertOne({ _id: 'acc-claire', displayName: 'Dr Claire Martin' });
  for (let index = 0; index < PATIENTS; index += 1) {
    const contact: ReminderContact = { _id: `pat-${index}`, cabinetId: 'cab-lyon', email: emailOf(scenario, index), phone: phoneOf(scenario, index), channels: ['email', 'sms'], consentDate: '2031-01-02', changedAt: '2031-01-02T10:00:00.000Z' };
    const appointment: ReminderAppointment = { _id: `apt-${index}`, cabinetId: 'cab-lyon', practitionerId: 'acc-claire', patientId: contact._id, start: new Date(DUE.getTime() + 24 * 3_600_000).toISOString(), scheduledAt: '2031-03-01T09:00:00.000Z', cancelled: false };
    await readStore.collection(REMINDER_CONTACTS).insertOne(contact);
    await readStore.collection(REMINDER_APPOINTMENTS).insertOne(appointment);
    for (const change of scheduleChanges(appointment, [], plannedReminders(appointment, cabinet, contact))) {
      if (change.kind === 'plan') await readStore.collection(REMINDERS).insertOne(change.reminder);
    }
  }
}

describe('appointment reminders under kill -9 and with two processes (shared FerretDB, real SMTP and SMPP servers)', () => {
  const dataDir = temporaryDataDir();
  const children: ChildProcess[] = [];
  let smtp: StallingSmtpServer;
  let smpp: SmppTestServer;

  beforeAll(async () => {
    ensureFreshBuild();
    [smtp, smpp] = await Promise.all([startStallingSmtpServer(), startSmppTestServer()]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(children.map(kill));
    await Promise.all([smtp?.stop(), smpp?.stop()]);
    dataDir.remove();
  }, 60_000);

  const startReminderProcess = (database: string, now: Date): ChildProcess => {
    const child = spawn(process.execPath, [CHILD], {
      env: {
        PATH: process.env.PATH,
        MONGO_URL: mongoUrl(),
        MONGO_DATABASE: database,
        EVENT_STORE_FILE: join(dataDir.path, `${database}.events.sqlite`),
        SMTP_URL: smtp.url,
        SMPP_URL: smpp.url,
        NOW: now.toISOString(),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };
  const remindersIn = async (readStore: ReadStore) => readStore.collection<ReminderDocument>(REMINDERS).find({});
  const sentIn = async (readStore: ReadStore) => (await remindersIn(readStore)).filter(({ state }) => state === 'sent').length;
  const timesEach = (values: readonly string[]) => [...new Set(values.map((value) => values.filter((other) => other === value).length))];

  it('(a) killed with SIGKILL while hand-overs are under way, then started again: one mail and one SMS per patient', async () => {
    const database = uniqueName('reminder_faults_a');
    const readStore = await MongoReadStore.connect(mongoUrl(), database);
    try {
      await seedSchedule(readStore, 'a');
      smtp.holdNext(HELD);
      const smsHeld = Promise.all(Array.from({ length: HELD }, () => smpp.ignoreNext()));

      const first = startReminderProcess(database, DUE);
      await eventually(async () => {
        expect(await sentIn(readStore)).toBe(2 * (PATIENTS - HELD));
        expect(smtp.held()).toBe(HELD);
      }, 60_000);
      await smsHeld;
      await kill(first);

      const mails = () => smtp.accepted.filter((to) => to.startsWith('a-'));
      const sms = () => smpp.received.filter(({ to }) => to.startsWith('+33611')).map(({ to }) => to);
      expect([mails().length, sms().length]).toEqual([PATIENTS - HELD, PATIENTS - HELD]);

      // The held hand-overs' leases run out; the new process claims them again.
      const second = startReminderProcess(database, new Date(DUE.getTime() + LEASE_MS + 1_000));
      await eventually(async () => expect(await sentIn(readStore)).toBe(2 * PATIENTS), 60_000);
      await kill(second);

      expect([mails().length, new Set(mails()).size, timesEach(mails())]).toEqual([PATIENTS, PATIENTS, [1]]);
      expect([sms().length, new Set(sms()).size, timesEach(sms())]).toEqual([PATIENTS, PATIENTS, [1]]);
      const attempts = (await remindersIn(readStore)).map((reminder) => reminder.attempts).sort();
      expect(attempts).toEqual([...Array<number>(2 * (PATIENTS - HELD)).fill(1), ...Array<number>(2 * HELD).fill(2)]);
      const store = SqliteEventStore.open(join(dataDir.path, `${database}.events.sqlite`));
      expect((await store.readAll()).filter(({ type }) => type === 'ReminderSent')).toHaveLength(2 * PATIENTS);
      await store.close();
    } finally {
      await readStore.dropAll();
      await readStore.close();
    }
  }, 180_000);

  it('(b) two reminder processes over the same due reminders: one mail and one SMS per patient', async () => {
    const database = uniqueName('reminder_faults_b');
    const readStore = await MongoReadStore.connect(mongoUrl(), database);
    try {
      await seedSchedule(readStore, 'b');
      // One after the other: the second opens the event store file the first created.
      const first = startReminderProcess(database, DUE);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = startReminderProcess(database, DUE);
      await eventually(async () => expect(await sentIn(readStore)).toBe(2 * PATIENTS), 60_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await Promise.all([kill(first), kill(second)]);

      const mails = smtp.accepted.filter((to) => to.startsWith('b-'));
      const sms = smpp.received.filter(({ to }) => to.startsWith('+33612')).map(({ to }) => to);
      expect([mails.length, new Set(mails).size]).toEqual([PATIENTS, PATIENTS]);
      expect([sms.length, new Set(sms).size]).toEqual([PATIENTS, PATIENTS]);
    } finally {
      await readStore.dropAll();
      await readStore.close();
    }
  }, 180_000);
});

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
