import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { patientDecider, patientStreamId } from '../../domain/patient';
import { RecordAccess } from '../record-access';
import { Caller, commandMetadata } from '@osteo/auth';

/**
 * The owner deletes a record: it and its consultations are gone from every route. Ledger lines
 * naming the patient stay (legal records): PatientDeleted cancels none of them.
 */
@Injectable()
export class DeletePatientHandler {
  constructor(
    private readonly store: EventStore,
    private readonly records: RecordAccess,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, patientId: string): Promise<void> {
    await this.records.patient(caller, patientId, 'patient.delete');
    await handleCommand(this.store, patientStreamId(patientId), patientDecider, {
      type: 'DeletePatient',
      data: {},
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
