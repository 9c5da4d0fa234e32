import { DEFAULT_REMINDER_DELAY_HOURS } from '@osteo/contracts';
import type { ReminderChannel } from '../../domain/patient';
import { reminderIdOf } from '../../domain/reminder';
import type { ReminderAppointment, ReminderCabinet, ReminderContact } from './reminder-inputs';

export type ReminderState = 'planned' | 'sent' | 'failed' | 'cancelled';

/** One appointment's reminder on one channel, as the schedule keeps it. */
export type ReminderDocument = {
  /** `<appointmentId>.<channel>` (reminderIdOf). */
  readonly _id: string;
  readonly appointmentId: string;
  readonly cabinetId: string;
  readonly patientId: string;
  readonly channel: ReminderChannel;
  readonly startsAt: string;
  readonly dueAt: string;
  readonly state: ReminderState;
  readonly attempts: number;
  /** When the sender may next try: the due time, then after each failure later (backoff). */
  readonly nextAttemptAt: string;
  /** The instance that holds the claim, and until when; null when nobody does. */
  readonly leaseOwner: string | null;
  readonly leaseUntil: string | null;
  readonly sentAt: string | null;
  readonly lastError: string | null;
};

export const REMINDERS = 'patient_records_reminders';

export type PlannedReminder = { readonly channel: ReminderChannel; readonly startsAt: string; readonly dueAt: string };

const HOUR_MS = 60 * 60 * 1000;

/**
 * The reminders an appointment should have, from what the schedule knows of it, its cabinet and
 * its patient: one per channel the patient consented to and can be reached on, due the cabinet's
 * delay before the start. None when the delay is 0, the cabinet is closed, the appointment is
 * cancelled or names no patient, or when the due time was already past at the last change of any
 * of them (booked, moved, consent given, delay changed later than that): a reminder is never
 * born late. Pure and made of the documents alone, so replaying the inputs in any order plans
 * the same.
 */
export function plannedReminders(appointment: ReminderAppointment | null, cabinet: ReminderCabinet | null, contact: ReminderContact | null): PlannedReminder[] {
  if (appointment === null || appointment.cancelled || appointment.patientId === null) return [];
  if (cabinet === null || cabinet.closed) return [];
  if (contact === null || contact.cabinetId !== appointment.cabinetId || contact.consentDate === null) return [];
  const delayHours = cabinet.settings?.delayHours ?? DEFAULT_REMINDER_DELAY_HOURS;
  if (delayHours <= 0) return [];
  const dueAt = new Date(Date.parse(appointment.start) - delayHours * HOUR_MS).toISOString();
  const lastChange = [appointment.scheduledAt, contact.changedAt, cabinet.settingsChangedAt ?? ''].reduce((latest, at) => (at > latest ? at : latest));
  if (dueAt <= lastChange) return [];
  return contact.channels
    .filter((channel) => (channel === 'email' ? contact.email !== null : contact.phone !== null))
    .map((channel) => ({ channel, startsAt: appointment.start, dueAt }));
}

export type ScheduleChange =
  | { readonly kind: 'plan'; readonly reminder: ReminderDocument }
  | { readonly kind: 'reschedule'; readonly reminderId: string; readonly startsAt: string; readonly dueAt: string }
  | { readonly kind: 'cancel'; readonly reminderId: string };

/**
 * What to write so the stored reminders of one appointment match the plan. Sent and failed are
 * final; a planned one follows the plan (moved, or cancelled when the plan has it no more); a
 * cancelled one comes back when the plan has it again (consent given anew).
 */
export function scheduleChanges(appointment: Pick<ReminderAppointment, '_id' | 'cabinetId' | 'patientId'>, stored: readonly ReminderDocument[], planned: readonly PlannedReminder[]): ScheduleChange[] {
  const changes: ScheduleChange[] = [];
  for (const plan of planned) {
    const reminderId = reminderIdOf(appointment._id, plan.channel);
    const existing = stored.find((reminder) => reminder._id === reminderId);
    if (existing === undefined || existing.state === 'cancelled') {
      changes.push({ kind: 'plan', reminder: newReminder(appointment, reminderId, plan, existing) });
    } else if (existing.state === 'planned' && (existing.dueAt !== plan.dueAt || existing.startsAt !== plan.startsAt)) {
      changes.push({ kind: 'reschedule', reminderId, startsAt: plan.startsAt, dueAt: plan.dueAt });
    }
  }
  for (const reminder of stored) {
    if (reminder.state === 'planned' && !planned.some((plan) => reminderIdOf(appointment._id, plan.channel) === reminder._id)) {
      changes.push({ kind: 'cancel', reminderId: reminder._id });
    }
  }
  return changes;
}

function newReminder(appointment: Pick<ReminderAppointment, '_id' | 'cabinetId' | 'patientId'>, reminderId: string, plan: PlannedReminder, cancelled: ReminderDocument | undefined): ReminderDocument {
  return {
    _id: reminderId,
    appointmentId: appointment._id,
    cabinetId: appointment.cabinetId,
    patientId: appointment.patientId ?? '',
    channel: plan.channel,
    startsAt: plan.startsAt,
    dueAt: plan.dueAt,
    state: 'planned',
    attempts: cancelled?.attempts ?? 0,
    nextAttemptAt: plan.dueAt,
    leaseOwner: null,
    leaseUntil: null,
    sentAt: null,
    lastError: null,
  };
}
