/**
 * Which fields of which stored events are personal data, and whose: the list a service gives
 * the encrypting event store (personal-data-event-store.ts). Paths are dotted paths inside the
 * event's `data` (`changes.medicalHistory`); the subject is the path of the id whose key
 * encrypts them (a patient's consultation notes use the patient's key: `patientId`), or several
 * paths, the first holding an id winning (planning: the patient's record when the appointment
 * names one, else the appointment itself).
 *
 * An event type not listed is stored as given. A listed path that is absent or null in an
 * event is left as it is: there is nothing personal in it.
 */
export interface PersonalFieldsOfEvent {
  readonly subject: string | readonly string[];
  readonly fields: readonly string[];
}

export type PersonalDataPolicy = Readonly<Record<string, PersonalFieldsOfEvent>>;

/**
 * What a personal field reads once its subject's key is erased. A string, so code that reads
 * a name or a note (`lastName.toUpperCase()`, a search by name) keeps working and shows it.
 */
export const ERASED = '[erased]';

export function valueAt(data: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A copy of `data` with `path` set to `value`; `data` is not changed. The path's parents must exist. */
export function withValueAt(data: Readonly<Record<string, unknown>>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const copy: Record<string, unknown> = { ...data };
  if (head === undefined) return copy;
  copy[head] = rest.length === 0 ? value : withValueAt((data[head] ?? {}) as Record<string, unknown>, rest.join('.'), value);
  return copy;
}
