import type { PersonalDataPolicy, PersonalFieldsOfEvent } from '@osteo/personal-data';
import type { ClinicalNotes, ConsultationEvent, ConsultationOpening } from '../../domain/consultation';
import type { PatientDetails, PatientEvent } from '../../domain/patient';
import type { PatientRecordOpened } from '../../domain/patient-access-log';
import type { ReminderEvent } from '../../domain/reminder';

type RecordsEventType = PatientEvent['type'] | ConsultationEvent['type'] | PatientRecordOpened['type'] | ReminderEvent['type'];

/** Every field of a record and of a consultation's notes is classified: a new one must be, to compile. */
const isPersonalDetail: Readonly<Record<keyof PatientDetails, boolean>> = { firstName: true, lastName: true, birthDate: true, phone: true, email: true, medicalHistory: true };
// The day of a consultation is the ledger line's day; without the rest it says nothing of anyone.
const isPersonalNote: Readonly<Record<keyof ClinicalNotes, boolean>> = { date: false, reason: true, notes: true, examination: true, treatment: true };
const personal = <T extends string>(classified: Readonly<Record<T, boolean>>): T[] => (Object.keys(classified) as T[]).filter((field) => classified[field]);
const patientDetails = personal(isPersonalDetail);
const clinicalNotes = personal(isPersonalNote);

/**
 * What of patient-records' events is personal, stored encrypted with the patient's key
 * (crypto-shredding): who the patient is, how to reach them, their history, and everything said
 * of a consultation: its reason, notes, examination and treatment, and the name on a completed
 * one. A consultation belongs to one patient, so it uses that patient's key: deleting the
 * patient erases them all. Ids, dates, fees and roles stay in clear: the ledger and the access
 * log are made of them. Every event type is classified here, or the service does not compile.
 */
const personalFieldsByType: Readonly<Record<RecordsEventType, PersonalFieldsOfEvent | null>> = {
  PatientRegistered: { subject: 'patientId', fields: patientDetails },
  PatientUpdated: { subject: 'patientId', fields: patientDetails.map((field) => `changes.${field}`) },
  // Whether and when a patient agreed to be reminded says something of them: theirs, like their contact.
  PatientReminderPreferencesChanged: { subject: 'patientId', fields: ['channels', 'consentDate'] },
  PatientDeleted: null,
  // An opening carries a reason and notes; examination and treatment come with revisions.
  ConsultationOpened: { subject: 'patientId', fields: ['reason', 'notes'] satisfies (keyof ConsultationOpening & keyof ClinicalNotes)[] },
  ConsultationRevised: { subject: 'patientId', fields: clinicalNotes.map((field) => `changes.${field}`) },
  // The ledger keeps its own copy of the name (accounting's store, from records.events): the law's
  // ten years are kept there, not in the record.
  ConsultationCompleted: { subject: 'patientId', fields: ['patientName'] },
  ConsultationFeeCorrected: null,
  ConsultationDeleted: null,
  PatientRecordOpened: null,
  // Ids, a channel and times: who the patient is and how to reach them stay in their record.
  ReminderSent: null,
  ReminderFailed: null,
};

export const recordsPersonalData: PersonalDataPolicy = Object.fromEntries(
  Object.entries(personalFieldsByType).filter((entry): entry is [string, PersonalFieldsOfEvent] => entry[1] !== null),
);
