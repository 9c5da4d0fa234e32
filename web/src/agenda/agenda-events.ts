import type { EventInput } from '@fullcalendar/core';
import { toWallDate, wallDayAndTime } from './calendar-time';
import { unknownPractitionerColour } from './practitioner-colours';
import type { Appointment, Reminder } from './queries';

/** What the agenda says of an appointment's reminders; `none`: it has none (no consent, no delay, booked too late). */
export type ReminderState = 'planned' | 'sent' | 'failed' | 'none';

export interface AgendaEventProps {
  readonly practitionerName: string;
  readonly cancelled: boolean;
  /** null while the reminders are not known (loading, or not readable), and for a cancelled appointment. */
  readonly reminder: ReminderState | null;
}

export interface AgendaEventOptions {
  readonly timeZone: string;
  readonly colours: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
  /** The name shown for someone no longer in the cabinet's list. */
  readonly formerPractitioner: string;
  readonly showCancelled: boolean;
  readonly canWrite: boolean;
  /** The reminders by appointment (remindersByAppointment); undefined while not known. */
  readonly reminders?: ReadonlyMap<string, readonly Reminder[]>;
}

/** What an event shows of its reminder, too narrow for words in a week; the legend gives the words. */
export const reminderMarks: Readonly<Record<ReminderState, string>> = { planned: '◷', sent: '✓', failed: '⚠', none: '○' };

export function remindersByAppointment(reminders: readonly Reminder[]): ReadonlyMap<string, readonly Reminder[]> {
  const byAppointment = new Map<string, Reminder[]>();
  for (const reminder of reminders) byAppointment.set(reminder.appointmentId, [...(byAppointment.get(reminder.appointmentId) ?? []), reminder]);
  return byAppointment;
}

/**
 * One word for an appointment's reminders, whatever their channels: a failure shows first (someone
 * should call the patient), then one still to go, then sent. A cancelled reminder is none.
 */
export function reminderStateOf(reminders: readonly Reminder[] | undefined): ReminderState {
  const states = new Set((reminders ?? []).map((reminder) => reminder.state));
  if (states.has('failed')) return 'failed';
  if (states.has('planned')) return 'planned';
  if (states.has('sent')) return 'sent';
  return 'none';
}

/**
 * The appointments as FullCalendar events at the cabinet's wall-clock time (see calendar-time),
 * coloured by practitioner. Cancelled ones are left out unless asked for, then greyed and fixed.
 */
export function agendaEvents(appointments: readonly Appointment[], options: AgendaEventOptions): EventInput[] {
  const events: EventInput[] = [];
  for (const appointment of appointments) {
    const cancelled = appointment.status === 'cancelled';
    if (cancelled && !options.showCancelled) continue;
    const colour = options.colours.get(appointment.practitionerId) ?? unknownPractitionerColour;
    const extendedProps: AgendaEventProps = {
      practitionerName: options.names.get(appointment.practitionerId) ?? options.formerPractitioner,
      cancelled,
      reminder: cancelled || options.reminders === undefined ? null : reminderStateOf(options.reminders.get(appointment.appointmentId)),
    };
    events.push({
      id: appointment.appointmentId,
      title: appointment.patientName,
      start: toWallDate(appointment.start, options.timeZone),
      end: toWallDate(appointment.end, options.timeZone),
      backgroundColor: cancelled ? '#f1f3f5' : colour,
      borderColor: cancelled ? '#868e96' : colour,
      textColor: cancelled ? '#343a40' : '#ffffff',
      editable: options.canWrite && !cancelled,
      classNames: cancelled ? ['agenda-event-cancelled'] : [],
      extendedProps,
    });
  }
  return events;
}

/** The hours the grid shows: 07:00–21:00, widened to the whole hours any appointment needs. */
export function visibleHours(events: readonly EventInput[]): { slotMinTime: string; slotMaxTime: string } {
  let first = 7 * 60;
  let last = 21 * 60;
  for (const event of events) {
    const start = wallDayAndTime(event.start as Date);
    const end = wallDayAndTime(event.end as Date);
    first = Math.min(first, minutes(start.time));
    last = Math.max(last, end.day !== start.day ? 24 * 60 : minutes(end.time));
  }
  const hour = (value: number) => `${String(value).padStart(2, '0')}:00:00`;
  return { slotMinTime: hour(Math.floor(first / 60)), slotMaxTime: hour(Math.ceil(last / 60)) };
}

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
