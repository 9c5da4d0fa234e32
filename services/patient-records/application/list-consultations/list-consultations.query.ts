import { Injectable } from '@nestjs/common';
import { ReadStore } from '@osteo/read-store';
import { PatientAccessLog } from '../access-log/patient-access-log';
import { PATIENT_CONSULTATIONS, type ConsultationListing, type PatientConsultations } from '../patient-consultations/patient-consultations.projection';
import { practisingRoleIn } from '../access/cabinet-standing';
import { PatientRecordGate } from '../access/patient-record-gate';
import type { Caller } from '@osteo/auth';

/**
 * GET /patients/:id/consultations: newest first, with their notes, so opening them is written to
 * the record's access log like opening the record. Eventually consistent: a consultation opened
 * or changed a moment ago shows within a second.
 */
@Injectable()
export class ListConsultationsQuery {
  constructor(
    private readonly records: PatientRecordGate,
    private readonly accessLog: PatientAccessLog,
    private readonly readStore: ReadStore,
  ) {}

  async execute(caller: Caller, patientId: string): Promise<ConsultationListing[]> {
    const { patient, access } = await this.records.patient(caller, patientId, 'patient.read');
    await this.accessLog.recordOpening(caller, patient, practisingRoleIn(access, patient.cabinetId), 'consultations');
    const document = await this.readStore.collection<PatientConsultations>(PATIENT_CONSULTATIONS).findOne({ _id: patientId });
    // Array.prototype.sort is stable: consultations of one day stay in the order they were opened.
    return [...(document?.consultations ?? [])].sort((left, right) => right.date.localeCompare(left.date));
  }
}
