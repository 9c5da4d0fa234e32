/**
 * Days as the records state them (a birth date, a consultation's day): `YYYY-MM-DD`, with no time
 * zone (isCalendarDate of @osteo/contracts tells a real one), because a cabinet's time zone is in
 * no event and a day is what the osteopath writes down.
 */

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
