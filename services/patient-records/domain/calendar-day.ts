/**
 * Days as the records state them (a birth date, a consultation's day): `YYYY-MM-DD`, with no time
 * zone, because a cabinet's time zone is in no event and a day is what the osteopath writes down.
 */

/** True for `YYYY-MM-DD` naming a real day of the calendar (not 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const midnight = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(midnight.getTime()) && midnight.toISOString().slice(0, 10) === value;
}

/** The easternmost time zone (UTC+14): no day later than the one it has reached has begun anywhere. */
const FURTHEST_AHEAD_MS = 14 * 60 * 60 * 1000;

/**
 * Whether `day` had not yet begun anywhere on Earth at `now`. A day is judged against the time zone
 * furthest ahead rather than UTC, so a French cabinet recording today's date just after midnight
 * (still yesterday in UTC) is not told its date lies in the future.
 */
export function isLaterThanEveryToday(day: string, now: Date): boolean {
  return day > new Date(now.getTime() + FURTHEST_AHEAD_MS).toISOString().slice(0, 10);
}
