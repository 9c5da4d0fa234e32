/**
 * (i) Appointment reminders: 10 000 appointments due in the same minute, each reminded by e-mail
 * and by SMS, sent by patient-records' ReminderSender through an SMTP and an SMPP server, against
 * the raw clients (nodemailer, smpp) sending the same 20 000 messages with the same parallelism.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { connect, createServer, errors, type PDU, type Session } from 'smpp';
import { SMTPServer } from 'smtp-server';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { renderAppointmentReminder, SmtpMailer, type AppointmentReminderFacts } from '@osteo/mail';
import { SystemClock } from '@osteo/platform';
import { InMemoryReadStore, type ReadStore } from '@osteo/read-store';
import { SmppSmsSender } from '@osteo/sms';
import { smsPayloadOf } from '../libs/sms/sms-payload';
import {
  REMINDER_APPOINTMENTS,
  REMINDER_CABINETS,
  REMINDER_CONTACTS,
  REMINDER_PRACTITIONERS,
  type ReminderAppointment,
  type ReminderCabinet,
  type ReminderContact,
} from '../services/patient-records/application/reminder-schedule/reminder-inputs';
import { plannedReminders, REMINDERS, scheduleChanges, type ReminderDocument } from '../services/patient-records/application/reminder-schedule/reminder-plan';
import { ReminderSchedule } from '../services/patient-records/application/reminder-schedule/reminder-schedule';
import { ReminderScheduleFeed } from '../services/patient-records/application/reminder-schedule/reminder-schedule-feed';
import { ReminderSender } from '../services/patient-records/application/send-reminders/reminder-sender';
import { type BenchmarkReport, formatCount, formatMs, ratioVerdict } from './report';
import { summarizeLatencies } from './statistics';

const APPOINTMENTS = 10_000;
/** The platform's sender hands over this many at once (reminder-sender.ts); the raw clients get as many. */
const IN_FLIGHT = 32;
const TARGET_RATIO = 0.5;
const MAIL_FROM = 'Cabinet des Lilas <rappels@bench.osteo.invalid>';
const SMPP_SYSTEM_ID = 'bench';
const SMPP_PASSWORD = 'secret';
const silent = { log: () => undefined, warn: () => undefined };

/** When each message reached its server, by recipient. */
interface Arrivals {
  readonly at: Map<string, number>;
  count(): number;
}

interface CountingServers {
  readonly smtpUrl: string;
  readonly smppUrl: string;
  arrivals(): Arrivals;
  /** Starts a new count (each contender's run). */
  reset(): void;
  stop(): Promise<void>;
}

/** An SMTP server and an SMPP server on loopback that accept everything and note when each message arrived. */
async function startCountingServers(): Promise<CountingServers> {
  let at = new Map<string, number>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      stream.resume();
      stream.on('end', () => {
        for (const { address } of session.envelope.rcptTo) at.set(address, Date.now());
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  let messageId = 0;
  const smpp = createServer((session: Session) => {
    session.on('error', () => undefined);
    session.on('bind_transmitter', (pdu: PDU) => session.send(pdu.response({ system_id: 'bench-smsc' })));
    session.on('submit_sm', (pdu: PDU) => {
      at.set(`+${pdu.destination_addr}`, Date.now());
      session.send(pdu.response({ message_id: String(++messageId) }));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  });
  await new Promise<void>((resolve) => smpp.listen(0, '127.0.0.1', () => resolve()));
  return {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    smppUrl: `smpp://${SMPP_SYSTEM_ID}:${SMPP_PASSWORD}@127.0.0.1:${(smpp.address() as AddressInfo).port}`,
    arrivals: () => ({ at, count: () => at.size }),
    reset: () => void (at = new Map()),
    stop: async () => {
      for (const session of smpp.sessions) session.destroy();
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), new Promise<void>((resolve) => smpp.close(() => resolve()))]);
    },
  };
}

const cabinet: ReminderCabinet = { _id: 'cab-lilas', name: 'Cabinet des Lilas', timeZone: 'Europe/Paris', openingAddress: '3 rue des Lilas, 75019 Paris', settings: { delayHours: 24, address: null, phone: '+33142000000' }, settingsChangedAt: null, closed: false };
const emailOf = (index: number) => `patient-${index}@bench.example.fr`;
const phoneOf = (index: number) => `+3361${String(index).padStart(7, '0')}`;

/** The schedule is seeded before the run, not fed: there is nothing for the sender to wait for. */
class SeededSchedule extends ReminderScheduleFeed {
  async caughtUpWithStore(): Promise<void> {}
}

interface Run {
  readonly messagesPerSecond: number;
  readonly delays: readonly number[];
  readonly seconds: number;
}

export async function benchmarkReminders(): Promise<BenchmarkReport> {
  const counting = await startCountingServers();
  try {
    // One minute's appointments: every one due at the run's start, the worst case of that minute.
    const startsAt = (dueAt: number) => new Date(dueAt + 24 * 3_600_000).toISOString();
    const platform = await platformRun(counting, startsAt);
    const raw = await rawRun(counting, startsAt);
    const ratio = platform.messagesPerSecond / raw.messagesPerSecond;
    const row = (name: string, run: Run) => {
      const { p50, p99 } = summarizeLatencies(run.delays);
      return [name, formatCount(run.messagesPerSecond), `${run.seconds.toFixed(1)} s`, `${formatMs(p50)} / ${formatMs(p99)}`];
    };
    return {
      title: `Appointment reminders: ${formatCount(APPOINTMENTS)} appointments due in the same minute, by e-mail and SMS (${formatCount(2 * APPOINTMENTS)} messages)`,
      table: {
        headers: ['client', 'messages/s', 'all sent in', 'due → accepted by the server, p50 / p99'],
        rows: [row('ReminderSender (claim, render, hand over, record)', platform), row('raw nodemailer + smpp (baseline)', raw)],
      },
      verdicts: [ratioVerdict('ReminderSender / raw clients, messages/s', ratio, TARGET_RATIO)],
      settings: [
        `${formatCount(APPOINTMENTS)} appointments of one cabinet, each patient consenting to e-mail and SMS: ${formatCount(2 * APPOINTMENTS)} reminders, all due at the instant the run starts (the minute's worst case: every one due at once). The delay is from that instant until the server accepted the message (SMTP 250, submit_sm_resp).`,
        `ReminderSender as patient-records runs it over the embedded profile's stores with MAILER=smtp and SMS_SENDER=smpp: the schedule and its inputs in the in-memory read store, the reminders' streams in a SQLite event store (a fresh file in /tmp, WAL, synchronous=FULL), SmtpMailer and SmppSmsSender (one SMPP session); the time from SystemClock. Over FerretDB (the distributed profile) see the text below the figures. Rounds of up to 500 due reminders (one find), handed over by 32 hands at once, each hand claiming its reminder (a compare-and-set of the lease on that document) just before its hand-over, the round's appointments, patients, practice and practitioner read once each by id, each reminder's stream read, the reminder rendered in French (renderAppointmentReminder: HTML, text and SMS), handed over, and ReminderSent appended to its stream then shown in the schedule. The schedule is seeded directly (as its feed would write it); seeding is not timed.`,
        `Baseline: the same ${formatCount(2 * APPOINTMENTS)} messages, rendered before the clock starts, sent by ${IN_FLIGHT} hands at once: nodemailer's SMTP transport without a pool (one connection per message, as SmtpMailer), and one bound smpp session submitting with the same data coding and octets (smsPayloadOf). No store is read or written.`,
        'Both sides send to the same two loopback servers in the bench process (smtp-server, the smpp package\'s server), which accept everything. One run per side, the platform first; the machine\'s two cores are shared with the servers and whatever else runs.',
      ],
    };
  } finally {
    await counting.stop();
  }
}

async function platformRun(counting: CountingServers, startsAt: (dueAt: number) => string): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-bench-reminders-'));
  const readStore = new InMemoryReadStore();
  const store = SqliteEventStore.open(join(dataDir, 'patient-records.events.sqlite'));
  const mailer = new SmtpMailer({ url: counting.smtpUrl, from: MAIL_FROM }, silent);
  const sms = new SmppSmsSender({ url: counting.smppUrl, from: null }, silent);
  try {
    const schedule = new ReminderSchedule(readStore);
    await schedule.createIndexes();
    const dueAt = Date.now() + 5_000;
    await seed(readStore, dueAt, startsAt(dueAt));
    counting.reset();
    const sender = new ReminderSender(store, readStore, schedule, new SeededSchedule(), mailer, sms, new SystemClock());
    while (Date.now() < dueAt) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    // sendDue goes round after round until nothing is due; counting the sent ones is not timed in.
    let round = await sender.sendDue(new Date());
    while (round.sent + round.retried > 0) round = await sender.sendDue(new Date());
    const seconds = (Date.now() - started) / 1000;
    const sent = await readStore.collection<ReminderDocument>(REMINDERS).countDocuments({ state: 'sent' });
    if (sent !== 2 * APPOINTMENTS) throw new Error(`${sent} reminders sent, not ${2 * APPOINTMENTS}`);
    const arrivals = counting.arrivals();
    if (arrivals.count() !== 2 * APPOINTMENTS) throw new Error(`The servers accepted ${arrivals.count()} messages, not ${2 * APPOINTMENTS}`);
    return { messagesPerSecond: (2 * APPOINTMENTS) / seconds, seconds, delays: [...arrivals.at.values()].map((at) => at - dueAt) };
  } finally {
    await sms.close();
    await store.close();
    await readStore.dropAll();
    await readStore.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function seed(readStore: ReadStore, dueAt: number, start: string): Promise<void> {
  await readStore.collection(REMINDER_CABINETS).insertOne(cabinet);
  await readStore.collection(REMINDER_PRACTITIONERS).insertOne({ _id: 'acc-claire', displayName: 'Dr Claire Martin' });
  const contacts: ReminderContact[] = [];
  const appointments: ReminderAppointment[] = [];
  const reminders: ReminderDocument[] = [];
  for (let index = 0; index < APPOINTMENTS; index++) {
    const contact: ReminderContact = { _id: `pat-${index}`, cabinetId: cabinet._id, email: emailOf(index), phone: phoneOf(index), channels: ['email', 'sms'], consentDate: '2026-01-02', changedAt: new Date(dueAt - 7 * 24 * 3_600_000).toISOString() };
    const appointment: ReminderAppointment = { _id: `apt-${index}`, cabinetId: cabinet._id, practitionerId: 'acc-claire', patientId: contact._id, start, scheduledAt: contact.changedAt, cancelled: false };
    contacts.push(contact);
    appointments.push(appointment);
    for (const change of scheduleChanges(appointment, [], plannedReminders(appointment, cabinet, contact))) if (change.kind === 'plan') reminders.push(change.reminder);
  }
  for (const [collection, documents] of [
    [REMINDER_CONTACTS, contacts],
    [REMINDER_APPOINTMENTS, appointments],
    [REMINDERS, reminders],
  ] as const) {
    for (let start = 0; start < documents.length; start += 1_000) await readStore.collection(collection).insertAbsent(documents.slice(start, start + 1_000));
  }
}

async function rawRun(counting: CountingServers, startsAt: (dueAt: number) => string): Promise<Run> {
  const dueAt = Date.now();
  const facts: AppointmentReminderFacts = { cabinetName: cabinet.name, practitionerName: 'Dr Claire Martin', startsAt: startsAt(dueAt), timeZone: cabinet.timeZone, address: cabinet.openingAddress, cabinetPhone: cabinet.settings?.phone ?? null };
  const rendered = renderAppointmentReminder('fr', facts);
  const payload = smsPayloadOf(rendered.sms);
  const transport = createTransport(counting.smtpUrl);
  const session = await boundSession(counting.smppUrl);
  const messages: (() => Promise<unknown>)[] = [];
  for (let index = 0; index < APPOINTMENTS; index++) {
    messages.push(() => transport.sendMail({ from: MAIL_FROM, to: emailOf(index), subject: rendered.mail.subject, text: rendered.mail.text, html: rendered.mail.html }));
    messages.push(() => submit(session, phoneOf(index), payload));
  }
  counting.reset();
  const started = Date.now();
  const queue = [...messages];
  const hand = async () => {
    for (let message = queue.shift(); message !== undefined; message = queue.shift()) await message();
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, hand));
  const seconds = (Date.now() - started) / 1000;
  session.close();
  transport.close();
  const arrivals = counting.arrivals();
  return { messagesPerSecond: (2 * APPOINTMENTS) / seconds, seconds, delays: [...arrivals.at.values()].map((at) => at - started) };
}

function boundSession(url: string): Promise<Session> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const session = connect({ host: hostname, port: Number(port) }, () => {
      session.bind_transmitter({ system_id: SMPP_SYSTEM_ID, password: SMPP_PASSWORD }, (pdu) => (pdu.command_status === errors.ESME_ROK ? resolve(session) : reject(new Error(`bind refused: ${pdu.command_status}`))));
    });
    session.on('error', reject);
  });
}

function submit(session: Session, to: string, payload: ReturnType<typeof smsPayloadOf>): Promise<void> {
  return new Promise((resolve, reject) => {
    session.submit_sm({ dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: to.slice(1), data_coding: payload.dataCoding, short_message: payload.octets }, (pdu) =>
      pdu.command_status === errors.ESME_ROK ? resolve() : reject(new Error(`submit refused: ${pdu.command_status}`)),
    );
  });
}
