import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventStore, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Mailer, renderAppointmentReminder, type AppointmentReminderFacts, type RenderedAppointmentReminder } from '@osteo/mail';
import { Clock } from '@osteo/platform';
import { ReadStore, type ReadCollection, type ReadDocument } from '@osteo/read-store';
import { SmsSender } from '@osteo/sms';
import { reminderDecider, reminderStreamId, type ReminderCommand } from '../../domain/reminder';
import {
  REMINDER_APPOINTMENTS,
  REMINDER_CABINETS,
  REMINDER_CONTACTS,
  REMINDER_PRACTITIONERS,
  type ReminderAppointment,
  type ReminderCabinet,
  type ReminderContact,
  type ReminderPractitioner,
} from '../reminder-schedule/reminder-inputs';
import type { ReminderDocument } from '../reminder-schedule/reminder-plan';
import { ReminderSchedule } from '../reminder-schedule/reminder-schedule';
import { ReminderScheduleFeed } from '../reminder-schedule/reminder-schedule-feed';

/** How long a claim holds: longer than any hand-over may take (SEND_TIMEOUT_MS), so it never runs out under a live sender. */
export const LEASE_MS = 120_000;
const SEND_TIMEOUT_MS = 60_000;
/** After a failed hand-over: 1, 5, 15, then 60 minutes; after MAX_ATTEMPTS the reminder is failed. */
const BACKOFF_MS = [60_000, 300_000, 900_000, 3_600_000];
export const MAX_ATTEMPTS = 5;
/** Claimed per round, and handed over this many at a time. */
const BATCH = 500;
const PARALLEL_HAND_OVERS = 32;
const TICK_EVERY_MS = 10 * 1000;

/** The documents a round's messages are made of, each read once per round, by id. */
class RoundFacts {
  private readonly read = new Map<string, Promise<unknown>>();
  private readonly renderings = new Map<string, RenderedAppointmentReminder>();

  constructor(
    private readonly appointments: ReadCollection<ReminderAppointment>,
    private readonly cabinets: ReadCollection<ReminderCabinet>,
    private readonly contacts: ReadCollection<ReminderContact>,
    private readonly practitioners: ReadCollection<ReminderPractitioner>,
  ) {}

  appointment = (id: string) => this.once(this.appointments, id);
  cabinet = (id: string) => this.once(this.cabinets, id);
  contact = (id: string) => this.once(this.contacts, id);
  practitioner = (id: string) => this.once(this.practitioners, id);

  /** An appointment's mail and SMS come from one rendering. */
  rendered(appointmentId: string, render: () => RenderedAppointmentReminder): RenderedAppointmentReminder {
    let rendering = this.renderings.get(appointmentId);
    if (rendering === undefined) {
      rendering = render();
      this.renderings.set(appointmentId, rendering);
    }
    return rendering;
  }

  private once<T extends ReadDocument>(collection: ReadCollection<T>, id: string): Promise<T | null> {
    const key = `${collection.name}/${id}`;
    let found = this.read.get(key) as Promise<T | null> | undefined;
    if (found === undefined) {
      found = collection.findOne({ _id: id });
      this.read.set(key, found);
    }
    return found;
  }
}

export interface SendRound {
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
  readonly dropped: number;
}

/**
 * Sends the reminders that are due: claims them (a compare-and-set of the lease on each reminder
 * document, which MongoDB, FerretDB and the in-memory store apply atomically, so of two instances
 * one wins each reminder), reads the reminder's own stream (already sent: nothing to do), renders
 * it, hands it over to the Mailer or the SmsSender, and records it sent in that stream at once.
 * Time comes from the Clock: each round sends what is due at `now`.
 *
 * Between the hand-over and the record lies the one window where a kill -9 leaves a message sent
 * but not recorded; its lease then runs out and the reminder is sent again (README, "Appointment
 * reminders": a second reminder rather than none). The outbox adapters write by reference, so
 * there the second hand-over rewrites the same file.
 */
@Injectable()
export class ReminderSender implements OnApplicationBootstrap, OnModuleDestroy {
  readonly instanceId = randomUUID();
  private readonly logger = new Logger('patient-records.reminders');
  private readonly reminders: ReadCollection<ReminderDocument>;
  private readonly appointments: ReadCollection<ReminderAppointment>;
  private readonly cabinets: ReadCollection<ReminderCabinet>;
  private readonly contacts: ReadCollection<ReminderContact>;
  private readonly practitioners: ReadCollection<ReminderPractitioner>;
  private ticker: NodeJS.Timeout | null = null;
  private round: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    readStore: ReadStore,
    schedule: ReminderSchedule,
    private readonly scheduleFeed: ReminderScheduleFeed,
    private readonly mailer: Mailer,
    private readonly sms: SmsSender,
    private readonly clock: Clock,
  ) {
    this.reminders = schedule.reminders;
    this.appointments = readStore.collection(REMINDER_APPOINTMENTS);
    this.cabinets = readStore.collection(REMINDER_CABINETS);
    this.contacts = readStore.collection(REMINDER_CONTACTS);
    this.practitioners = readStore.collection(REMINDER_PRACTITIONERS);
  }

  onApplicationBootstrap(): void {
    this.ticker = setInterval(() => void this.tick(), TICK_EVERY_MS);
    this.ticker.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.ticker !== null) clearInterval(this.ticker);
    await this.round;
  }

  private tick(): Promise<unknown> {
    // One round at a time per instance: a slow round is not overtaken by the next tick.
    this.round = this.round.then(() => this.sendDue(this.clock.now())).catch((error: unknown) => this.logger.error(`reminder round failed: ${String(error)}`));
    return this.round;
  }

  /** Claims and sends every reminder due at `now`, round after round until none is left. */
  async sendDue(now: Date): Promise<SendRound> {
    // A schedule rebuilt from the store (the embedded profile) must know what was sent before it sends.
    await this.scheduleFeed.caughtUpWithStore();
    const total = { sent: 0, retried: 0, failed: 0, dropped: 0 };
    for (;;) {
      const due = await this.dueAt(now);
      if (due.length === 0) return total;
      const facts = new RoundFacts(this.appointments, this.cabinets, this.contacts, this.practitioners);
      // A pool rather than batches: a hand-over that hangs holds one hand, not the ones behind it.
      // Each hand claims its reminder just before handing it over, so a lease starts with its hand-over.
      const queue = [...due];
      const hand = async (): Promise<void> => {
        for (let candidate = queue.shift(); candidate !== undefined; candidate = queue.shift()) {
          const reminder = await this.claim(candidate, now);
          if (reminder !== null) total[await this.handOver(reminder, facts, now)] += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_HAND_OVERS, due.length) }, hand));
    }
  }

  private dueAt(now: Date): Promise<ReminderDocument[]> {
    const at = now.toISOString();
    return this.reminders.find(
      { state: 'planned', nextAttemptAt: { $lte: at }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: at } }] },
      { sort: { nextAttemptAt: 1, _id: 1 }, limit: BATCH },
    );
  }

  /**
   * The lease as read is the condition of the write: MongoDB, FerretDB and the in-memory store
   * apply it to the one document atomically, so of two instances claiming at once one matches
   * and the other matches nothing. The token names this instance and this claim.
   */
  private async claim(candidate: ReminderDocument, now: Date): Promise<ReminderDocument | null> {
    const leaseOwner = `${this.instanceId}.${randomUUID()}`;
    const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
    const { modifiedCount } = await this.reminders.updateOne(
      { _id: candidate._id, state: 'planned', leaseUntil: candidate.leaseUntil, attempts: candidate.attempts },
      { $set: { leaseOwner, leaseUntil }, $inc: { attempts: 1 } },
    );
    return modifiedCount === 1 ? { ...candidate, attempts: candidate.attempts + 1, leaseOwner, leaseUntil } : null;
  }

  private async handOver(reminder: ReminderDocument, facts: RoundFacts, now: Date): Promise<keyof SendRound> {
    const { state } = await loadAggregate(this.store, reminderStreamId(reminder._id), reminderDecider);
    if (state.status !== 'pending') {
      await this.reminders.updateOne({ _id: reminder._id, leaseOwner: reminder.leaseOwner }, { $set: { state: state.status, leaseOwner: null, leaseUntil: null } });
      return 'dropped';
    }
    const message = await this.messageOf(reminder, facts, now);
    if (message === null) {
      await this.reminders.updateOne({ _id: reminder._id, leaseOwner: reminder.leaseOwner }, { $set: { state: 'cancelled', leaseOwner: null, leaseUntil: null } });
      return 'dropped';
    }
    try {
      await withTimeout(message.send(), SEND_TIMEOUT_MS);
    } catch (error) {
      return this.afterFailure(reminder, now, error);
    }
    await this.record(reminder, { type: 'RecordReminderSent', data: outcomeOf(reminder), metadata: { now } });
    return 'sent';
  }

  /** The reminder as the patient will read it, or null when it should no longer go (too late, no contact, consent withdrawn). */
  private async messageOf(reminder: ReminderDocument, round: RoundFacts, now: Date): Promise<{ send(): Promise<void> } | null> {
    if (Date.parse(reminder.startsAt) <= now.getTime()) return null;
    const [appointment, cabinet, contact] = await Promise.all([round.appointment(reminder.appointmentId), round.cabinet(reminder.cabinetId), round.contact(reminder.patientId)]);
    if (appointment === null || appointment.cancelled || cabinet === null || cabinet.closed || contact === null || !contact.channels.includes(reminder.channel)) return null;
    const practitioner = await round.practitioner(appointment.practitionerId);
    const facts: AppointmentReminderFacts = {
      cabinetName: cabinet.name,
      practitionerName: practitioner?.displayName ?? cabinet.name,
      startsAt: reminder.startsAt,
      timeZone: cabinet.timeZone,
      address: cabinet.settings?.address ?? cabinet.openingAddress,
      cabinetPhone: cabinet.settings?.phone ?? null,
    };
    // Patients have no language of their own on record: French, the practices' language.
    const rendered = round.rendered(reminder.appointmentId, () => renderAppointmentReminder('fr', facts));
    if (reminder.channel === 'email') {
      const to = contact.email;
      return to === null ? null : { send: () => this.mailer.send({ to, ...rendered.mail }) };
    }
    const to = contact.phone;
    return to === null ? null : { send: () => this.sms.send({ to, text: rendered.sms, reference: reminder._id }) };
  }

  private async afterFailure(reminder: ReminderDocument, now: Date, error: unknown): Promise<keyof SendRound> {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`reminder ${reminder._id}: attempt ${reminder.attempts} failed: ${reason}`);
    if (reminder.attempts >= MAX_ATTEMPTS) {
      await this.record(reminder, { type: 'RecordReminderFailed', data: { ...outcomeOf(reminder), reason }, metadata: { now } });
      return 'failed';
    }
    const nextAttemptAt = new Date(now.getTime() + BACKOFF_MS[Math.min(reminder.attempts - 1, BACKOFF_MS.length - 1)]!).toISOString();
    await this.reminders.updateOne({ _id: reminder._id, leaseOwner: reminder.leaseOwner }, { $set: { nextAttemptAt, lastError: reason, leaseOwner: null, leaseUntil: null } });
    return 'retried';
  }

  /** The durable record first (the reminder's stream), then the schedule shows it without waiting for its feed. */
  private async record(reminder: ReminderDocument, command: ReminderCommand): Promise<void> {
    try {
      await handleCommand(this.store, reminderStreamId(reminder._id), reminderDecider, command);
    } catch (error) {
      // Recorded already: another instance handed it over after a lease ran out. Said loudly, never hidden.
      if (!(error instanceof Rejection && error.code === 'REMINDER.ALREADY_RECORDED')) throw error;
      this.logger.error(`reminder ${reminder._id} was handed over twice`);
    }
    const outcome =
      command.type === 'RecordReminderSent' ? { state: 'sent', sentAt: command.metadata.now.toISOString(), lastError: null } : { state: 'failed', lastError: command.data.reason };
    await this.reminders.updateOne({ _id: reminder._id }, { $set: { ...outcome, attempts: reminder.attempts, leaseOwner: null, leaseUntil: null } });
  }
}

const outcomeOf = (reminder: ReminderDocument) => ({ reminderId: reminder._id, appointmentId: reminder.appointmentId, cabinetId: reminder.cabinetId, channel: reminder.channel, attempts: reminder.attempts });

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
