import { Injectable } from '@nestjs/common';
import { NO_REMINDERS, type PatientDetails, type ReminderPreferences } from '../../domain/patient';
import { PatientAccessLog } from '../access-log/patient-access-log';
import { practisingRoleIn } from '../access/cabinet-standing';
import { PatientRecordGate } from '../access/patient-record-gate';
import type { Caller } from '@osteo/auth';

export type PatientRecordView = PatientDetails & { readonly patientId: string; readonly cabinetId: string; readonly reminderPreferences: ReminderPreferences };

/**
 * GET /patients/:id: the record as it stands, read from its stream (a record registered a moment
 * ago is there), and the opening written to its access log first.
 */
@Injectable()
export class ReadPatientQuery {
  constructor(
    private readonly records: PatientRecordGate,
    private readonly accessLog: PatientAccessLog,
  ) {}

  async execute(caller: Caller, patientId: string): Promise<PatientRecordView> {
    const { patient, access } = await this.records.patient(caller, patientId, 'patient.read');
    await this.accessLog.recordOpening(caller, patient, practisingRoleIn(access, patient.cabinetId), 'record');
    const { patientId: id, cabinetId, firstName, lastName, birthDate, phone, email, medicalHistory, reminderPreferences = NO_REMINDERS } = patient;
    return { patientId: id, cabinetId, firstName, lastName, birthDate, phone, email, medicalHistory, reminderPreferences };
  }
}
