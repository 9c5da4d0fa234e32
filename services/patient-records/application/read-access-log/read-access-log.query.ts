import { Injectable } from '@nestjs/common';
import { PatientAccessLog, type RecordOpening } from '../access-log/patient-access-log';
import { PatientRecordGate } from '../access/patient-record-gate';
import type { Caller } from '@osteo/auth';

/** GET /patients/:id/access-log: who opened the record, and when; the cabinet's owner only. */
@Injectable()
export class ReadAccessLogQuery {
  constructor(
    private readonly records: PatientRecordGate,
    private readonly accessLog: PatientAccessLog,
  ) {}

  async execute(caller: Caller, patientId: string): Promise<RecordOpening[]> {
    await this.records.patient(caller, patientId, 'patient.access-log.read');
    return this.accessLog.openingsOf(patientId);
  }
}
