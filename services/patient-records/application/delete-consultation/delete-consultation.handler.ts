import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { consultationDecider, consultationStreamId } from '../../domain/consultation';
import { PatientRecordGate } from '../access/patient-record-gate';
import { Caller, commandMetadata } from '@osteo/auth';

/** The owner deletes a consultation; a completed one's ledger lines get counter-entries. */
@Injectable()
export class DeleteConsultationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly records: PatientRecordGate,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, consultationId: string): Promise<void> {
    await this.records.consultation(caller, consultationId, 'consultation.delete');
    await handleCommand(this.store, consultationStreamId(consultationId), consultationDecider, {
      type: 'DeleteConsultation',
      data: {},
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
