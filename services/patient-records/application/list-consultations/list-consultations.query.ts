import { Injectable } from '@nestjs/common';
import { type KeysetOrder, type Page, type PageRequest, pageOfList, ReadStore } from '@osteo/read-store';
import { PatientAccessLog } from '../access-log/patient-access-log';
import { PATIENT_CONSULTATIONS, type ConsultationListing, type PatientConsultations } from '../patient-consultations/patient-consultations.projection';
import { practisingRoleIn } from '../access/cabinet-standing';
import { PatientRecordGate } from '../access/patient-record-gate';
import type { Caller } from '@osteo/auth';

/** Newest first; one day's consultations by id, so that a page's cursor names one place. */
const NEWEST_FIRST: KeysetOrder = [['date', -1], ['consultationId', 1]];

/**
 * GET /patients/:id/consultations: newest first, with their notes, so opening them is written to
 * the record's access log like opening the record (each page is an opening). Eventually
 * consistent: a consultation opened or changed a moment ago shows within a second. In pages, as
 * a patient followed for years gathers many (docs/adr/0008-pagination.md).
 */
@Injectable()
export class ListConsultationsQuery {
  constructor(
    private readonly records: PatientRecordGate,
    private readonly accessLog: PatientAccessLog,
    private readonly readStore: ReadStore,
  ) {}

  async execute(caller: Caller, patientId: string, page: PageRequest): Promise<Page<ConsultationListing>> {
    const { patient, access } = await this.records.patient(caller, patientId, 'patient.read');
    await this.accessLog.recordOpening(caller, patient, practisingRoleIn(access, patient.cabinetId), 'consultations');
    const document = await this.readStore.collection<PatientConsultations>(PATIENT_CONSULTATIONS).findOne({ _id: patientId });
    return pageOfList(document?.consultations ?? [], NEWEST_FIRST, page);
  }
}
