import type { TimeSlot } from './time-slot';

/** How far the wall clock of `timeZone` is ahead of UTC at `instant`, in milliseconds (Paris in winter: one hour). */
function offsetAt(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)!.value);
  const wallClockAsUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wallClockAsUtc - (instant - (instant % 1000));
}

/**
 * The instant the calendar day (year, month 0–11, day, normalised like Date.UTC) begins in
 * `timeZone`: its midnight, or the first instant after it where a clock change skips midnight.
 */
function startOfDay(timeZone: string, year: number, month: number, day: number): number {
  const midnightAsUtc = Date.UTC(year, month, day);
  const guess = midnightAsUtc - offsetAt(timeZone, midnightAsUtc);
  // The offset at midnight may differ from the one a few hours off (a clock change that night).
  const instant = midnightAsUtc - offsetAt(timeZone, guess);
  return offsetAt(timeZone, instant) === midnightAsUtc - instant ? instant : Math.max(instant, guess);
}

/**
 * The calendar week (Monday 00:00 to the next Monday 00:00) that `now` falls in, on the wall
 * clocks of `timeZone`: what "this week" means in a cabinet's agenda. Seven days long, give or
 * take the hour of a clock change.
 */
export function weekIn(timeZone: string, now: Date): TimeSlot {
  const wallClock = new Date(now.getTime() + offsetAt(timeZone, now.getTime()));
  const monday = wallClock.getUTCDate() - ((wallClock.getUTCDay() + 6) % 7);
  const start = startOfDay(timeZone, wallClock.getUTCFullYear(), wallClock.getUTCMonth(), monday);
  const end = startOfDay(timeZone, wallClock.getUTCFullYear(), wallClock.getUTCMonth(), monday + 7);
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}
