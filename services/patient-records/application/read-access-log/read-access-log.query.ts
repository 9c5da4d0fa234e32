import { Injectable } from '@nestjs/common';
import { type KeysetOrder, mapPage, type Page, type PageRequest, pageOfList } from '@osteo/read-store';
import { PatientAccessLog, type RecordOpening } from '../access-log/patient-access-log';
import { PatientRecordGate } from '../access/patient-record-gate';
import type { Caller } from '@osteo/auth';

/** Newest first, by their place in the log's stream, which never changes. */
const NEWEST_FIRST: KeysetOrder = [['revision', -1]];

/**
 * GET /patients/:id/access-log: who opened the record, and when, newest first; the cabinet's
 * owner only. In pages: every opening of the record adds one (docs/adr/0008-pagination.md).
 */
@Injectable()
export class ReadAccessLogQuery {
  constructor(
    private readonly records: PatientRecordGate,
    private readonly accessLog: PatientAccessLog,
  ) {}

  async execute(caller: Caller, patientId: string, page: PageRequest): Promise<Page<RecordOpening>> {
    await this.records.patient(caller, patientId, 'patient.access-log.read');
    const openings = pageOfList(await this.accessLog.openingsOf(patientId), NEWEST_FIRST, page);
    return mapPage(openings, ({ revision: _revision, ...opening }) => opening);
  }
}
