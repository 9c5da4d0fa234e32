import type { PersonalDataPolicy, PersonalFieldsOfEvent } from '@osteo/personal-data';
import type { ConsultationEvent } from '../../domain/consultation';
import type { PatientDetails, PatientEvent } from '../../domain/patient';
import type { PatientRecordOpened } from '../../domain/patient-access-log';

type RecordsEventType = PatientEvent['type'] | ConsultationEvent['type'] | PatientRecordOpened['type'];

const patientDetails: readonly (keyof PatientDetails)[] = ['firstName', 'lastName', 'birthDate', 'phone', 'email', 'medicalHistory'];

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
  PatientDeleted: null,
  ConsultationOpened: { subject: 'patientId', fields: ['reason', 'notes'] },
  ConsultationRevised: { subject: 'patientId', fields: ['changes.reason', 'changes.notes', 'changes.examination', 'changes.treatment'] },
  // The ledger keeps its own copy of the name (accounting's store, from records.events): the law's
  // ten years are kept there, not in the record.
  ConsultationCompleted: { subject: 'patientId', fields: ['patientName'] },
  ConsultationFeeCorrected: null,
  ConsultationDeleted: null,
  PatientRecordOpened: null,
};

export const recordsPersonalData: PersonalDataPolicy = Object.fromEntries(
  Object.entries(personalFieldsByType).filter((entry): entry is [string, PersonalFieldsOfEvent] => entry[1] !== null),
);
