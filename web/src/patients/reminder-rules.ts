/**
 * A patient's reminder preferences (PUT /patients/:id/reminder-preferences): the channels they
 * agreed to and the day they consented. Checked as the API checks them, so a person is told at
 * once: a channel needs the consent date and the address or number it sends to.
 */
import { isCalendarDay } from './patient-rules';

export const reminderChannels = ['email', 'sms'] as const;
export type ReminderChannel = (typeof reminderChannels)[number];

export interface ReminderPreferences {
  readonly channels: readonly ReminderChannel[];
  /** YYYY-MM-DD; null when no channel was agreed to. */
  readonly consentDate: string | null;
}

export interface ReminderPreferencesValues {
  readonly email: boolean;
  readonly sms: boolean;
  /** YYYY-MM-DD as the date field gives it; '' while empty. */
  readonly consentDate: string;
}

export type ReminderPreferencesProblems = Partial<{
  email: 'noEmail';
  sms: 'noPhone';
  consentDate: 'required' | 'invalidDate' | 'futureDate';
}>;

/** None agreed to: what a record has until someone records the patient's choice. */
export const noReminders: ReminderPreferences = { channels: [], consentDate: null };

export function reminderPreferencesForm(preferences: ReminderPreferences | undefined): ReminderPreferencesValues {
  const { channels, consentDate } = preferences ?? noReminders;
  return { email: channels.includes('email'), sms: channels.includes('sms'), consentDate: consentDate ?? '' };
}

/** `today` is the cabinet's (YYYY-MM-DD): a consent is given on a day that has come. */
export function validateReminderPreferences(
  values: ReminderPreferencesValues,
  contact: { readonly email: string | null; readonly phone: string | null },
  today: string,
): ReminderPreferencesProblems {
  const problems: ReminderPreferencesProblems = {};
  if (values.email && !contact.email) problems.email = 'noEmail';
  if (values.sms && !contact.phone) problems.sms = 'noPhone';
  if (values.email || values.sms) {
    if (values.consentDate === '') problems.consentDate = 'required';
    else if (!isCalendarDay(values.consentDate)) problems.consentDate = 'invalidDate';
    else if (values.consentDate > today) problems.consentDate = 'futureDate';
  }
  return problems;
}

/** The whole of the preferences; without a channel, no consent date. */
export function toReminderPreferencesBody(values: ReminderPreferencesValues): ReminderPreferences {
  const channels = reminderChannels.filter((channel) => values[channel]);
  return { channels, consentDate: channels.length > 0 ? values.consentDate : null };
}
