import { Injectable } from '@nestjs/common';
import { ReadStore, type ReadCollection } from '@osteo/read-store';
import type { ReminderEvent } from '../../domain/reminder';
import { REMINDER_APPOINTMENTS, REMINDER_CABINETS, REMINDER_CONTACTS, type ReminderAppointment, type ReminderCabinet, type ReminderContact } from './reminder-inputs';
import { plannedReminders, REMINDERS, scheduleChanges, type ReminderDocument, type ScheduleChange } from './reminder-plan';

/**
 * The durable schedule: brings the stored reminders of an appointment in line with the plan
 * (reminder-plan.ts) whenever one of its inputs changed. Every write is conditional on the state
 * it expects, so a reconciliation racing the sender never undoes a hand-over, and running one
 * twice writes nothing the second time.
 */
@Injectable()
export class ReminderSchedule {
  readonly reminders: ReadCollection<ReminderDocument>;
  private readonly appointments: ReadCollection<ReminderAppointment>;
  private readonly cabinets: ReadCollection<ReminderCabinet>;
  private readonly contacts: ReadCollection<ReminderContact>;

  constructor(readStore: ReadStore) {
    this.reminders = readStore.collection<ReminderDocument>(REMINDERS);
    this.appointments = readStore.collection<ReminderAppointment>(REMINDER_APPOINTMENTS);
    this.cabinets = readStore.collection<ReminderCabinet>(REMINDER_CABINETS);
    this.contacts = readStore.collection<ReminderContact>(REMINDER_CONTACTS);
  }

  async createIndexes(): Promise<void> {
    await this.reminders.createIndex({ keys: { state: 1, nextAttemptAt: 1 } });
    await this.reminders.createIndex({ keys: { cabinetId: 1, startsAt: 1 } });
    await this.reminders.createIndex({ keys: { appointmentId: 1 } });
    await this.reminders.createIndex({ keys: { leaseOwner: 1 } });
    await this.appointments.createIndex({ keys: { cabinetId: 1, start: 1 } });
    await this.appointments.createIndex({ keys: { patientId: 1, start: 1 } });
  }

  async reconcileAppointment(appointmentId: string): Promise<void> {
    const appointment = await this.appointments.findOne({ _id: appointmentId });
    if (appointment === null) return;
    await this.reconcile([appointment]);
  }

  /** The cabinet's appointments still ahead of the change: earlier ones are reminded or past. */
  async reconcileCabinet(cabinetId: string, changedAt: string): Promise<void> {
    await this.reconcile(await this.appointments.find({ cabinetId, start: { $gt: changedAt } }));
  }

  async reconcilePatient(patientId: string, changedAt: string): Promise<void> {
    await this.reconcile(await this.appointments.find({ patientId, start: { $gt: changedAt } }));
  }

  /** What the reminder's own stream says it became, shown in the schedule. */
  async recordOutcome(event: ReminderEvent): Promise<void> {
    const outcome =
      event.type === 'ReminderSent'
        ? { state: 'sent', sentAt: event.data.sentAt, lastError: null }
        : { state: 'failed', lastError: event.data.reason };
    await this.reminders.updateOne({ _id: event.data.reminderId }, { $set: { ...outcome, attempts: event.data.attempts, leaseOwner: null, leaseUntil: null } });
  }

  private async reconcile(appointments: readonly ReminderAppointment[]): Promise<void> {
    for (const appointment of appointments) {
      const [cabinet, contact, stored] = await Promise.all([
        this.cabinets.findOne({ _id: appointment.cabinetId }),
        appointment.patientId === null ? null : this.contacts.findOne({ _id: appointment.patientId }),
        this.reminders.find({ appointmentId: appointment._id }),
      ]);
      for (const change of scheduleChanges(appointment, stored, plannedReminders(appointment, cabinet, contact))) await this.apply(change);
    }
  }

  private async apply(change: ScheduleChange): Promise<void> {
    switch (change.kind) {
      case 'plan': {
        const { reminder } = change;
        const inserted = await this.reminders.insertAbsent([reminder]);
        if (inserted === 0) {
          const { _id, ...planned } = reminder;
          await this.reminders.updateOne({ _id, state: 'cancelled' }, { $set: planned });
        }
        return;
      }
      case 'reschedule':
        await this.reminders.updateOne({ _id: change.reminderId, state: 'planned' }, { $set: { startsAt: change.startsAt, dueAt: change.dueAt, nextAttemptAt: change.dueAt } });
        return;
      case 'cancel':
        await this.reminders.updateOne({ _id: change.reminderId, state: 'planned' }, { $set: { state: 'cancelled' } });
        return;
    }
  }
}
