import { zonedWallTimeToIso } from '../format/dates';

/**
 * FullCalendar without a time-zone plugin only knows the browser's zone and UTC. The agenda runs
 * it in UTC and hands it "wall dates": Dates whose UTC fields are the cabinet's wall-clock time
 * (an appointment at 14:30 in Paris is the Date 14:30Z). These functions convert both ways; the
 * browser's own zone never enters (only Date.UTC, getUTC… and Intl with an explicit zone).
 *
 * Around a change of offset, wall time is what the cabinet's clock shows: on the autumn day
 * 02:00–03:00 happens twice and both show at the same place; in spring the skipped hour holds
 * nothing (an appointment across it looks one hour longer than it lasts).
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** An instant (ISO 8601 with any offset) as the wall date FullCalendar shows in the cabinet. */
export function toWallDate(iso: string, timeZone: string): Date {
  const instant = Date.parse(iso);
  return new Date(instant + zoneOffsetMinutes(timeZone, instant) * MINUTE_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_MS = 15 * MINUTE_MS;

/**
 * The zone's offset at an instant, in minutes east of UTC (as format/dates' offsetMinutes), kept
 * per zone and quarter hour: offsets change on quarter hours, and a week of 200 appointments then
 * costs a few Intl calls instead of 400 (the agenda renders within 100 ms of its data).
 */
export function zoneOffsetMinutes(timeZone: string, instant: number): number {
  const quarter = Math.floor(instant / QUARTER_MS);
  const key = `${timeZone} ${quarter}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  const at = quarter * QUARTER_MS;
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(at)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  const wallAsUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute);
  const offset = Math.round((wallAsUtc - at) / MINUTE_MS);
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** A wall date back to the instant the API takes: ISO 8601 with the cabinet's offset then. */
export function fromWallDate(wall: Date, timeZone: string): string {
  const { day, time } = wallDayAndTime(wall);
  return zonedWallTimeToIso(day, time, timeZone);
}

/** A wall date's calendar day and time of day (`2026-12-07`, `14:30`), as form fields hold them. */
export function wallDayAndTime(wall: Date): { day: string; time: string } {
  const text = wall.toISOString();
  return { day: text.slice(0, 10), time: text.slice(11, 16) };
}

/** The wall date of a day and time of day (the inverse of wallDayAndTime). */
export function wallDateOf(day: string, time: string): Date {
  return new Date(`${day}T${time}:00.000Z`);
}

/** Now, as a wall date in the cabinet (for "today" and the now-indicator). */
export function wallNow(timeZone: string, now: Date = new Date()): Date {
  return toWallDate(now.toISOString(), timeZone);
}

/**
 * The instants to ask the API for, from the wall dates FullCalendar shows (its visible range:
 * midnight to midnight, end excluded): each midnight read in the cabinet's zone.
 */
export function rangeOfWallDates(start: Date, end: Date, timeZone: string): { from: string; to: string } {
  return { from: zonedWallTimeToIso(wallDayAndTime(start).day, '00:00', timeZone), to: zonedWallTimeToIso(wallDayAndTime(end).day, '00:00', timeZone) };
}

/** A calendar day plus some days (`2026-12-31` + 1 → `2027-01-01`). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Minutes since midnight of `14:30` (→ 870); NaN when it is not a time of day. */
export function minutesOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return Number.NaN;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : Number.NaN;
}

/** `870` → `14:30`. */
export function timeOfMinutes(minutes: number): string {
  const bounded = Math.max(0, Math.min(24 * 60 - 1, minutes));
  return `${String(Math.floor(bounded / 60)).padStart(2, '0')}:${String(bounded % 60).padStart(2, '0')}`;
}
