import { Injectable, Logger } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { SubjectKeyStore } from '@osteo/personal-data';
import { Clock, ServiceEventFlow } from '@osteo/platform';
import { patientDecider, patientStreamId } from '../../domain/patient';
import { PatientRecordGate } from '../access/patient-record-gate';
import { Caller, commandMetadata } from '@osteo/auth';

/**
 * The owner deletes a record: it and its consultations are gone from every route. Ledger lines
 * naming the patient stay (legal records): PatientDeleted cancels none of them.
 * Then the patient's key is erased (crypto-shredding): what the events said of them and of their
 * consultations reads as erased everywhere, the store, its copies and its backups alike. Only
 * after PatientDeleted is stored, so a failed deletion never leaves a record nobody can read.
 * And once the outbox has published what came before, as far as it can within a few seconds: a
 * consultation completed just before must reach the ledger with the patient's name, which the law
 * keeps there, not with the erased marker.
 */
const OUTBOX_WAIT_MS = 5_000;

@Injectable()
export class DeletePatientHandler {
  private readonly logger = new Logger(DeletePatientHandler.name);

  constructor(
    private readonly store: EventStore,
    private readonly records: PatientRecordGate,
    private readonly clock: Clock,
    private readonly keys: SubjectKeyStore,
    private readonly eventFlow: ServiceEventFlow,
  ) {}

  async execute(caller: Caller, patientId: string): Promise<void> {
    await this.records.patient(caller, patientId, 'patient.delete');
    await handleCommand(this.store, patientStreamId(patientId), patientDecider, {
      type: 'DeletePatient',
      data: {},
      metadata: commandMetadata(caller, this.clock.now()),
    });
    await this.eventFlow.publishedUpToNow(OUTBOX_WAIT_MS).catch((error: unknown) => {
      // The bus is down or far behind: the erasure is owed now; a completion still unpublished will name the patient as erased.
      this.logger.warn(`Erasing patient ${patientId} before the outbox caught up: ${String(error)}`);
    });
    await this.keys.erase(patientId);
  }
}
