/**
 * A span of time, start included, end excluded. Both are UTC instants in `Date#toISOString` form
 * (`2026-03-02T08:30:00.000Z`): fixed width and one zone, so two of them compare as strings in
 * time order, which the agenda and the read model rely on.
 */
export type TimeSlot = { readonly start: string; readonly end: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO-8601 date-time with any offset, as the UTC instant a TimeSlot holds. */
export const utcInstant = (isoDateTime: string): string => new Date(isoDateTime).toISOString();

/** Touching ends do not overlap: a 9:00–9:45 and a 9:45–10:30 fit one after the other. */
export const overlaps = (left: TimeSlot, right: TimeSlot): boolean => left.start < right.end && right.start < left.end;

/** The UTC days (YYYY-MM-DD) the slot touches, in order. The end is excluded: a slot ending at midnight stays in its day. */
export function utcDaysOf(slot: TimeSlot): string[] {
  const days: string[] = [];
  const lastInstant = Date.parse(slot.end) - 1;
  for (let midnight = Date.parse(slot.start.slice(0, 10)); midnight <= lastInstant; midnight += DAY_MS) {
    days.push(new Date(midnight).toISOString().slice(0, 10));
  }
  return days;
}
