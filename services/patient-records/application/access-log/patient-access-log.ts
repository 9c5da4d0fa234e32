import { Injectable } from '@nestjs/common';
import type { PractitionerRole } from '@osteo/contracts';
import { EventStore } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { patientAccessLogStreamId, type PatientRecordOpened, type RecordView } from '../../domain/patient-access-log';
import type { ActivePatient } from '../../domain/patient';
import type { Caller } from '@osteo/auth';

export interface RecordOpening {
  readonly accountId: string;
  readonly role: PractitionerRole;
  readonly view: RecordView;
  /** ISO-8601. */
  readonly at: string;
}

/**
 * Keeps the trail of who opened which record, in the patient's own log stream. An opening is
 * written before the record is shown: if it cannot be written, the record is not shown, so there
 * is no read without a trace. The log never leaves patient-records (it is not published).
 */
@Injectable()
export class PatientAccessLog {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async recordOpening(caller: Caller, patient: ActivePatient, readerRole: PractitionerRole, view: RecordView): Promise<void> {
    const openedAt = this.clock.now().toISOString();
    const accountId = caller.principal.accountId;
    const opened: PatientRecordOpened = {
      type: 'PatientRecordOpened',
      data: { patientId: patient.patientId, cabinetId: patient.cabinetId, readerAccountId: accountId, readerRole, view, openedAt },
    };
    const metadata = { occurredAt: openedAt, actorId: accountId, correlationId: caller.correlationId };
    // No expected revision: see domain/patient-access-log.ts.
    await this.store.appendToStream(patientAccessLogStreamId(patient.patientId), [{ ...opened, metadata }], { expectedRevision: 'any' });
  }

  /** Oldest first, each with its revision in the log's stream: a place that never moves, for pages. */
  async openingsOf(patientId: string): Promise<(RecordOpening & { readonly revision: number })[]> {
    const recorded = await this.store.readStream(patientAccessLogStreamId(patientId));
    return recorded.map(({ data, revision }) => {
      const { readerAccountId, readerRole, view, openedAt } = data as PatientRecordOpened['data'];
      return { accountId: readerAccountId, role: readerRole, view, at: openedAt, revision };
    });
  }
}
