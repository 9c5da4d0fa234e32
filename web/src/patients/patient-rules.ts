/**
 * The patients area's pure rules: the limits the API enforces (checked before sending, so a
 * person is told at once and nothing typed is lost), form values to request bodies, ages, fees,
 * and which actions a screen offers given the policy's answer. No React here: jest specs cover it.
 */
import type { Action } from '@osteo/access-policy';
import { phoneForReading, phoneInE164 } from '../format/phone';
import { parseEuros } from '../format/money';
import { paymentMethods, type Consultation, type PatientRecord, type PaymentMethod } from './types';

/** Limits of services/patient-records/interface/patient-records.dto.ts. */
export const limits = {
  name: 80,
  email: 254,
  /** A phone as typed; stored in E.164. */
  phone: 40,
  shortText: 2_000,
  longText: 20_000,
  search: 160,
  /** MAX_AMOUNT_CENTS of libs/contracts/bounds.ts: 1 000 000,00 €. */
  feeCents: 100_000_000,
} as const;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What is wrong with one field; the form shows `t('field.<problem>')`. */
export type FieldProblem = 'required' | 'tooLong' | 'invalidDate' | 'futureDate' | 'invalidPhone' | 'invalidEmail' | 'invalidFee' | 'feeTooHigh' | 'feeZero';

/** A real calendar day as the API writes it (2026-02-30 is not one). */
export function isCalendarDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Full years between a birth date and a day (both YYYY-MM-DD); one born on 29 February ages on 1 March. */
export function ageOn(birthDate: string, today: string): number | undefined {
  if (!isCalendarDay(birthDate) || !isCalendarDay(today) || birthDate > today) return undefined;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

// The cabinets area reads phones too: they live in format/phone.ts.
export { phoneForReading, phoneHref, phoneInE164 } from '../format/phone';

/** "DURAND Hélène", as the ledger and the cabinet's lists name a patient. */
export function patientName(patient: { readonly firstName: string; readonly lastName: string }): string {
  return `${patient.lastName.toLocaleUpperCase('fr-FR')} ${patient.firstName}`;
}

// ---------------------------------------------------------------------------------------------
// Patients

export interface PatientFormValues {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, as a date input gives it */
  birthDate: string;
  phone: string;
  email: string;
  medicalHistory: string;
}

export type PatientField = keyof PatientFormValues;
export const patientFields: readonly PatientField[] = ['firstName', 'lastName', 'birthDate', 'phone', 'email', 'medicalHistory'];

export const emptyPatientForm: PatientFormValues = { firstName: '', lastName: '', birthDate: '', phone: '', email: '', medicalHistory: '' };

export function patientFormOf(record: PatientRecord): PatientFormValues {
  return {
    firstName: record.firstName,
    lastName: record.lastName,
    birthDate: record.birthDate,
    phone: record.phone ? phoneForReading(record.phone) : '',
    email: record.email ?? '',
    medicalHistory: record.medicalHistory ?? '',
  };
}

function nameProblem(value: string): FieldProblem | null {
  const trimmed = value.trim();
  if (trimmed.length === 0) return 'required';
  return trimmed.length > limits.name ? 'tooLong' : null;
}

function pastDayProblem(value: string, today: string): FieldProblem | null {
  if (value.trim() === '') return 'required';
  if (!isCalendarDay(value)) return 'invalidDate';
  return value > today ? 'futureDate' : null;
}

/** Every problem of a patient form, by field; empty when it may be sent. */
export function patientFormProblems(values: PatientFormValues, today: string): Partial<Record<PatientField, FieldProblem>> {
  const problems: Partial<Record<PatientField, FieldProblem>> = {};
  const set = (field: PatientField, problem: FieldProblem | null) => {
    if (problem) problems[field] = problem;
  };
  set('firstName', nameProblem(values.firstName));
  set('lastName', nameProblem(values.lastName));
  set('birthDate', pastDayProblem(values.birthDate, today));
  const phone = values.phone.trim();
  set('phone', phone !== '' && (phone.length > limits.phone || phoneInE164(phone) === undefined) ? 'invalidPhone' : null);
  const email = values.email.trim();
  set('email', email === '' ? null : email.length > limits.email ? 'tooLong' : EMAIL_PATTERN.test(email) ? null : 'invalidEmail');
  set('medicalHistory', values.medicalHistory.length > limits.longText ? 'tooLong' : null);
  return problems;
}

export interface RegisterPatientBody {
  firstName: string;
  lastName: string;
  birthDate: string;
  phone?: string;
  email?: string;
  medicalHistory?: string;
}

/** POST /cabinets/:id/patients: names trimmed, empty optional fields left out. */
export function registerPatientBody(values: PatientFormValues): RegisterPatientBody {
  const body: RegisterPatientBody = { firstName: values.firstName.trim(), lastName: values.lastName.trim(), birthDate: values.birthDate };
  const phone = values.phone.trim();
  const email = values.email.trim();
  const history = values.medicalHistory.trim();
  if (phone) body.phone = phone;
  if (email) body.email = email;
  if (history) body.medicalHistory = values.medicalHistory;
  return body;
}

export interface UpdatePatientBody {
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  phone?: string | null;
  email?: string | null;
  medicalHistory?: string | null;
}

/** PATCH /patients/:id: only what changed; an emptied optional field is cleared (null). */
export function updatePatientBody(values: PatientFormValues, current: PatientRecord): UpdatePatientBody {
  const body: UpdatePatientBody = {};
  const firstName = values.firstName.trim();
  const lastName = values.lastName.trim();
  if (firstName !== current.firstName) body.firstName = firstName;
  if (lastName !== current.lastName) body.lastName = lastName;
  if (values.birthDate !== current.birthDate) body.birthDate = values.birthDate;
  const optional = (typed: string, trim: boolean): string | null => {
    const kept = trim ? typed.trim() : typed;
    return typed.trim() === '' ? null : kept;
  };
  const phone = optional(values.phone, true);
  const email = optional(values.email, true);
  const history = optional(values.medicalHistory, false);
  // The form shows the stored number formatted for reading: unchanged is the same number, however
  // written (one stored as typed before E.164 stays as it is unless the person changes it).
  const samePhone = phone !== null && current.phone !== null && (phoneInE164(phone) ?? phone) === (phoneInE164(current.phone) ?? current.phone);
  if (phone !== current.phone && !samePhone) body.phone = phone;
  if (email !== current.email) body.email = email;
  if (history !== current.medicalHistory) body.medicalHistory = history;
  return body;
}

// ---------------------------------------------------------------------------------------------
// Consultations

export interface ConsultationFormValues {
  date: string;
  reason: string;
  notes: string;
  examination: string;
  treatment: string;
}

export type ConsultationField = keyof ConsultationFormValues;
export const consultationFields: readonly ConsultationField[] = ['date', 'reason', 'notes', 'examination', 'treatment'];

export function newConsultationForm(today: string): ConsultationFormValues {
  return { date: today, reason: '', notes: '', examination: '', treatment: '' };
}

export function consultationFormOf(consultation: Consultation): ConsultationFormValues {
  return {
    date: consultation.date,
    reason: consultation.reason,
    notes: consultation.notes ?? '',
    examination: consultation.examination ?? '',
    treatment: consultation.treatment ?? '',
  };
}

export function consultationFormProblems(values: ConsultationFormValues, today: string): Partial<Record<ConsultationField, FieldProblem>> {
  const problems: Partial<Record<ConsultationField, FieldProblem>> = {};
  const date = pastDayProblem(values.date, today);
  if (date) problems.date = date;
  const reason = values.reason.trim();
  if (reason === '') problems.reason = 'required';
  else if (reason.length > limits.shortText) problems.reason = 'tooLong';
  for (const field of ['notes', 'examination', 'treatment'] as const) {
    if (values[field].length > limits.longText) problems[field] = 'tooLong';
  }
  return problems;
}

export interface OpenConsultationBody {
  date: string;
  reason: string;
  notes?: string;
}

/** POST /patients/:id/consultations: the reason trimmed, empty notes left out. */
export function openConsultationBody(values: ConsultationFormValues): OpenConsultationBody {
  const body: OpenConsultationBody = { date: values.date, reason: values.reason.trim() };
  if (values.notes.trim() !== '') body.notes = values.notes;
  return body;
}

export interface ReviseConsultationBody {
  date?: string;
  reason?: string;
  notes?: string | null;
  examination?: string | null;
  treatment?: string | null;
}

/** PATCH /consultations/:id: only what changed; the date only while the consultation is open. */
export function reviseConsultationBody(values: ConsultationFormValues, current: Consultation): ReviseConsultationBody {
  const body: ReviseConsultationBody = {};
  if (current.status === 'open' && values.date !== current.date) body.date = values.date;
  const reason = values.reason.trim();
  if (reason !== current.reason) body.reason = reason;
  for (const field of ['notes', 'examination', 'treatment'] as const) {
    const typed = values[field].trim() === '' ? null : values[field];
    if (typed !== current[field]) body[field] = typed;
  }
  return body;
}

/**
 * Consultations newest first: by date, and within one day the last opened first (the API lists a
 * day's consultations in the order they were opened).
 */
export function newestFirst<T extends { readonly date: string }>(listed: readonly T[]): T[] {
  return listed
    .map((consultation, index) => ({ consultation, index }))
    .sort((left, right) => right.consultation.date.localeCompare(left.consultation.date) || right.index - left.index)
    .map(({ consultation }) => consultation);
}

// ---------------------------------------------------------------------------------------------
// Fees

export interface FeeFormValues {
  fee: string;
  paymentMethod: PaymentMethod | '';
}

/** What is wrong with a typed fee (euros, at most two decimals, more than zero, at most 1 000 000 €). */
export function feeProblem(typed: string): FieldProblem | null {
  if (typed.trim() === '') return 'required';
  const cents = parseEuros(typed);
  if (cents === undefined) return 'invalidFee';
  if (cents === 0) return 'feeZero';
  return cents > limits.feeCents ? 'feeTooHigh' : null;
}

export function feeFormProblems(values: FeeFormValues): Partial<Record<keyof FeeFormValues, FieldProblem>> {
  const problems: Partial<Record<keyof FeeFormValues, FieldProblem>> = {};
  const fee = feeProblem(values.fee);
  if (fee) problems.fee = fee;
  if (!paymentMethods.includes(values.paymentMethod as PaymentMethod)) problems.paymentMethod = 'required';
  return problems;
}

/** POST /consultations/:id/complete (and correct-fee): integer cents. Undefined while the form has a problem. */
export function feeBody(values: FeeFormValues): { feeCents: number; paymentMethod: PaymentMethod } | undefined {
  if (Object.keys(feeFormProblems(values)).length > 0) return undefined;
  return { feeCents: parseEuros(values.fee)!, paymentMethod: values.paymentMethod as PaymentMethod };
}

// ---------------------------------------------------------------------------------------------
// What a person may do, as the API's policy answers it for the patient's cabinet

/** `can(action)` for the cabinet of the record on screen: true when the policy allows. */
export type Allows = (action: Action) => boolean;

export interface RecordActions {
  readonly edit: boolean;
  readonly openConsultation: boolean;
  readonly delete: boolean;
  readonly accessLog: boolean;
}

export function recordActions(allows: Allows): RecordActions {
  return {
    edit: allows('patient.write'),
    openConsultation: allows('consultation.write'),
    delete: allows('patient.delete'),
    accessLog: allows('patient.access-log.read'),
  };
}

export interface ConsultationActions {
  readonly edit: boolean;
  /** Only its practitioner, only while open. */
  readonly complete: boolean;
  /** The owner, once completed. */
  readonly correctFee: boolean;
  readonly delete: boolean;
}

export function consultationActions(consultation: Consultation, myAccountId: string, allows: Allows): ConsultationActions {
  const open = consultation.status === 'open';
  return {
    edit: allows('consultation.write'),
    complete: open && consultation.practitionerId === myAccountId && allows('consultation.complete'),
    correctFee: !open && allows('consultation.delete'),
    delete: allows('consultation.delete'),
  };
}

/** Who opened a record: the log's name, else the cabinet's name for that account, else the id. */
export function readerName(opening: { readonly accountId: string; readonly displayName?: string | null }, names: ReadonlyMap<string, string>): string {
  return opening.displayName || names.get(opening.accountId) || opening.accountId;
}
