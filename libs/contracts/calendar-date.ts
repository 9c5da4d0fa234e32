/**
 * A day as the contracts and the records state it (`format: 'date'` in the schemas): `YYYY-MM-DD`
 * with no time zone, because a cabinet's time zone is in no event and a day is what is written down.
 */

/** The shape alone: 2026-02-30 has it too. */
export const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for `YYYY-MM-DD` naming a real day of the calendar (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE_PATTERN.test(value)) return false;
  const midnight = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(midnight.getTime()) && midnight.toISOString().slice(0, 10) === value;
}
