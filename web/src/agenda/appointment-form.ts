import { zonedWallTimeToIso } from '../format/dates';
import { minutesOfDay } from './calendar-time';

export const PATIENT_NAME_MAX_LENGTH = 120;
export const REASON_MAX_LENGTH = 500;

/** What the appointment forms hold: a day and times of day at the cabinet's wall clock. */
export interface WhenValues {
  readonly day: string;
  readonly start: string;
  readonly end: string;
}

/** The catalog key of what is wrong with each field (namespace agenda), or nothing. */
export function whenProblems({ day, start, end }: WhenValues): Partial<Record<keyof WhenValues, string>> {
  const problems: Partial<Record<keyof WhenValues, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) problems.day = 'field.day.invalid';
  const [from, to] = [minutesOfDay(start), minutesOfDay(end)];
  if (Number.isNaN(from)) problems.start = 'field.time.invalid';
  if (Number.isNaN(to)) problems.end = 'field.time.invalid';
  else if (!Number.isNaN(from) && to <= from) problems.end = 'field.end.beforeStart';
  return problems;
}

export function patientNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'field.patientName.required';
  return trimmed.length > PATIENT_NAME_MAX_LENGTH ? 'field.patientName.tooLong' : null;
}

export function reasonProblem(reason: string): string | null {
  return reason.trim().length > REASON_MAX_LENGTH ? 'field.reason.tooLong' : null;
}

/** The instants the API takes for a day and times of day in the cabinet's zone. */
export function instantsOf({ day, start, end }: WhenValues, timeZone: string): { start: string; end: string } {
  return { start: zonedWallTimeToIso(day, start, timeZone), end: zonedWallTimeToIso(day, end, timeZone) };
}
