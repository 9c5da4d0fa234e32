import type { EventInput } from '@fullcalendar/core';
import { toWallDate, wallDayAndTime } from './calendar-time';
import { unknownPractitionerColour } from './practitioner-colours';
import type { Appointment } from './queries';

export interface AgendaEventProps {
  readonly practitionerName: string;
  readonly cancelled: boolean;
}

export interface AgendaEventOptions {
  readonly timeZone: string;
  readonly colours: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
  /** The name shown for someone no longer in the cabinet's list. */
  readonly formerPractitioner: string;
  readonly showCancelled: boolean;
  readonly canWrite: boolean;
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
