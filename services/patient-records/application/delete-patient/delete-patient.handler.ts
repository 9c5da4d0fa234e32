import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { SubjectKeyStore } from '@osteo/personal-data';
import { Clock } from '@osteo/platform';
import { patientDecider, patientStreamId } from '../../domain/patient';
import { RecordAccess } from '../record-access';
import { Caller, commandMetadata } from '@osteo/auth';

/**
 * The owner deletes a record: it and its consultations are gone from every route. Ledger lines
 * naming the patient stay (legal records): PatientDeleted cancels none of them.
 * Then the patient's key is erased (crypto-shredding): what the events said of them and of their
 * consultations reads as erased everywhere, the store, its copies and its backups alike. Only
 * after PatientDeleted is stored, so a failed deletion never leaves a record nobody can read.
 */
@Injectable()
export class DeletePatientHandler {
  constructor(
    private readonly store: EventStore,
    private readonly records: RecordAccess,
    private readonly clock: Clock,
    private readonly keys: SubjectKeyStore,
  ) {}

  async execute(caller: Caller, patientId: string): Promise<void> {
    await this.records.patient(caller, patientId, 'patient.delete');
    await handleCommand(this.store, patientStreamId(patientId), patientDecider, {
      type: 'DeletePatient',
      data: {},
      metadata: commandMetadata(caller, this.clock.now()),
    });
    await this.keys.erase(patientId);
  }
}
