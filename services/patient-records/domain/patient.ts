import { isCalendarDate } from '@osteo/contracts';
import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { isLaterThanEveryToday } from './calendar-day';
import { changedFields, emptiedFields } from './changed-fields';

/**
 * A patient's record in one cabinet: who they are, how to reach them, their medical history.
 * Whoever may write records there registers and edits it; the owner deletes it (the access policy
 * says who, before the command is decided). Emptying a field that holds something deletes that
 * element, so it takes the right to delete (`mayDelete`, the policy's `patient.delete`): a
 * substitute or a colleague may write and rewrite, never erase. A deleted record changes no more.
 */
export type PatientDetails = {
  readonly firstName: string;
  readonly lastName: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  /**
   * E.164 (`+33612345678`): the application turns what people type (`06 12 34 56 78`) into it
   * before deciding. Records written before this rule keep their phone as it was typed.
   */
  readonly phone: string | null;
  readonly email: string | null;
  readonly medicalHistory: string | null;
};

export type PatientRegistration = PatientDetails & {
  readonly patientId: string;
  readonly cabinetId: string;
  /** The cabinet's owner, answerable for its records. */
  readonly ownerId: string;
};

/** How a patient agreed to be reminded of appointments: by e-mail, by SMS, both, or not (empty). */
export const reminderChannels = ['email', 'sms'] as const;
export type ReminderChannel = (typeof reminderChannels)[number];

export type ReminderPreferences = {
  readonly channels: readonly ReminderChannel[];
  /** YYYY-MM-DD: the day the patient consented; null while there is no channel. */
  readonly consentDate: string | null;
};

/** A record written before preferences existed, or never given any: no reminder. */
export const NO_REMINDERS: ReminderPreferences = { channels: [], consentDate: null };

export type PatientCommand =
  | { readonly type: 'RegisterPatient'; readonly data: PatientRegistration; readonly metadata: CommandMetadata }
  /**
   * Absent fields stay as they are; `null` clears an optional one, which only who `mayDelete`
   * (the access policy's `patient.delete` for the caller) may do to a field holding something.
   */
  | {
      readonly type: 'UpdatePatient';
      readonly data: { readonly changes: Partial<PatientDetails>; readonly mayDelete: boolean };
      readonly metadata: CommandMetadata;
    }
  | { readonly type: 'SetReminderPreferences'; readonly data: ReminderPreferences; readonly metadata: CommandMetadata }
  | { readonly type: 'DeletePatient'; readonly data: Readonly<Record<string, never>>; readonly metadata: CommandMetadata };

export type PatientEvent =
  | { readonly type: 'PatientRegistered'; readonly data: PatientRegistration }
  /** Only the fields that changed, with their new values. */
  | { readonly type: 'PatientUpdated'; readonly data: { readonly patientId: string; readonly cabinetId: string; readonly changes: Partial<PatientDetails> } }
  | { readonly type: 'PatientReminderPreferencesChanged'; readonly data: { readonly patientId: string; readonly cabinetId: string } & ReminderPreferences }
  | { readonly type: 'PatientDeleted'; readonly data: { readonly patientId: string; readonly cabinetId: string; readonly ownerId: string } };

export type PatientState =
  | { readonly status: 'absent' }
  | ({ readonly status: 'active'; readonly reminderPreferences?: ReminderPreferences } & PatientRegistration)
  | { readonly status: 'deleted'; readonly patientId: string; readonly cabinetId: string; readonly ownerId: string };

export type ActivePatient = Extract<PatientState, { status: 'active' }>;

export const patientStreamId = (patientId: string): string => `patient-${patientId}`;

/**
 * The patient's name as ledgers print it: family name in capitals, then the first name ("MARTIN
 * Claire"), the form of French administrative and medical papers. It sorts by family name and
 * leaves no doubt which word is which.
 */
export const ledgerNameOf = (patient: Pick<PatientDetails, 'firstName' | 'lastName'>): string =>
  `${patient.lastName.toUpperCase()} ${patient.firstName}`;

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

function checkDetails(details: Partial<PatientDetails>, now: Date): void {
  if (details.phone != null && !E164.test(details.phone)) {
    throw new Rejection('invalid', 'PATIENT.INVALID_PHONE', 'phone must be a phone number in E.164 form, such as +33612345678');
  }
  for (const name of [details.firstName, details.lastName]) {
    if (name !== undefined && name.trim() === '') throw new Rejection('invalid', 'PATIENT.NAME_REQUIRED', 'firstName and lastName must not be blank');
  }
  const { birthDate } = details;
  if (birthDate === undefined) return;
  if (!isCalendarDate(birthDate)) throw new Rejection('invalid', 'PATIENT.INVALID_BIRTH_DATE', 'birthDate must be a real calendar date as YYYY-MM-DD');
  if (isLaterThanEveryToday(birthDate, now)) throw new Rejection('invalid', 'PATIENT.BIRTH_DATE_IN_THE_FUTURE', 'birthDate must not be in the future');
}

/**
 * A channel needs the patient's consent, with its day (no later than today), and the address or
 * number it sends to; no channel needs nothing, and keeps no consent date.
 */
function checkReminderPreferences(preferences: ReminderPreferences, patient: ActivePatient, now: Date): ReminderPreferences {
  const { channels, consentDate } = preferences;
  if (channels.some((channel) => !reminderChannels.includes(channel)) || new Set(channels).size !== channels.length) {
    throw new Rejection('invalid', 'PATIENT.INVALID_REMINDER_CHANNELS', 'channels must hold email, sms, both or none, each once');
  }
  if (channels.length === 0) return NO_REMINDERS;
  if (consentDate === null) throw new Rejection('invalid', 'PATIENT.REMINDER_CONSENT_REQUIRED', 'consentDate is required when channels is not empty: a reminder needs the patient’s consent');
  if (!isCalendarDate(consentDate)) throw new Rejection('invalid', 'PATIENT.INVALID_CONSENT_DATE', 'consentDate must be a real calendar date as YYYY-MM-DD');
  if (isLaterThanEveryToday(consentDate, now)) throw new Rejection('invalid', 'PATIENT.INVALID_CONSENT_DATE', 'consentDate must not be in the future');
  if (channels.includes('email') && patient.email === null) throw new Rejection('invalid', 'PATIENT.REMINDER_CONTACT_MISSING', 'channels: email needs the patient’s e-mail address');
  if (channels.includes('sms') && patient.phone === null) throw new Rejection('invalid', 'PATIENT.REMINDER_CONTACT_MISSING', 'channels: sms needs the patient’s phone number');
  // Always the same order, so that the same choice is the same preferences.
  return { channels: reminderChannels.filter((channel) => channels.includes(channel)), consentDate };
}

const samePreferences = (one: ReminderPreferences, other: ReminderPreferences): boolean =>
  one.consentDate === other.consentDate && one.channels.join() === other.channels.join();

function activePatient(state: PatientState): ActivePatient {
  if (state.status === 'absent') throw new Rejection('not_found', 'PATIENT.NOT_FOUND', 'No such patient');
  if (state.status === 'deleted') throw new Rejection('conflict', 'PATIENT.DELETED', 'This patient record was deleted');
  return state;
}

export const patientDecider: Decider<PatientCommand, PatientEvent, PatientState> = {
  initialState: { status: 'absent' },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterPatient':
        if (state.status !== 'absent') throw new Rejection('conflict', 'PATIENT.ALREADY_EXISTS', 'This patient record already exists');
        checkDetails(command.data, command.metadata.now);
        return [{ type: 'PatientRegistered', data: command.data }];

      case 'UpdatePatient': {
        const patient = activePatient(state);
        checkDetails(command.data.changes, command.metadata.now);
        const changes = changedFields<PatientDetails>(patient, command.data.changes);
        const emptied = emptiedFields<PatientDetails>(patient, changes);
        if (emptied.length > 0 && !command.data.mayDelete) {
          throw new Rejection('forbidden', 'PATIENT.DELETION_RESERVED_TO_OWNER', `Only the cabinet's owner may empty ${emptied.join(', ')}: that deletes part of the record`);
        }
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'PatientUpdated', data: { patientId: patient.patientId, cabinetId: patient.cabinetId, changes } }];
      }

      case 'SetReminderPreferences': {
        const patient = activePatient(state);
        const preferences = checkReminderPreferences(command.data, patient, command.metadata.now);
        if (samePreferences(preferences, patient.reminderPreferences ?? NO_REMINDERS)) return [];
        return [{ type: 'PatientReminderPreferencesChanged', data: { patientId: patient.patientId, cabinetId: patient.cabinetId, ...preferences } }];
      }

      case 'DeletePatient': {
        // Deleting again what is deleted changes nothing (two deletions racing both succeed).
        if (state.status === 'deleted') return [];
        const { patientId, cabinetId, ownerId } = activePatient(state);
        return [{ type: 'PatientDeleted', data: { patientId, cabinetId, ownerId } }];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PatientRegistered':
        return { status: 'active', ...event.data };
      case 'PatientUpdated':
        return state.status === 'active' ? { ...state, ...event.data.changes } : state;
      case 'PatientReminderPreferencesChanged':
        return state.status === 'active' ? { ...state, reminderPreferences: { channels: event.data.channels, consentDate: event.data.consentDate } } : state;
      case 'PatientDeleted':
        return { status: 'deleted', patientId: event.data.patientId, cabinetId: event.data.cabinetId, ownerId: event.data.ownerId };
      default:
        return unreachable(event);
    }
  },
};
