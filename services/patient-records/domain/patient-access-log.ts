import type { PractitionerRole } from '@osteo/contracts';
import type { Event } from '@osteo/event-sourcing/decider';

/**
 * Who opened which patient record, and when: shown to the cabinet's owner, never published.
 *
 * Not a decider, on purpose: nothing is decided. Every opening is a fact to keep, and two
 * people opening the same record at once must both be recorded, so the log is appended to
 * without an expected revision instead of being loaded, decided on and guarded.
 */
export type RecordView =
  /** The record itself: identity, contact, medical history. */
  | 'record'
  /** The list of its consultations, with their notes. */
  | 'consultations';

export type PatientRecordOpened = Event<
  'PatientRecordOpened',
  {
    readonly patientId: string;
    readonly cabinetId: string;
    readonly readerAccountId: string;
    /** The reader's standing in the cabinet at that moment: only these may read records. */
    readonly readerRole: PractitionerRole;
    readonly view: RecordView;
    /** ISO-8601. */
    readonly openedAt: string;
  }
>;

export const patientAccessLogStreamId = (patientId: string): string => `patient-access-log-${patientId}`;
