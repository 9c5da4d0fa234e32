import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { consultationDecider, consultationStreamId } from '../../domain/consultation';
import { PatientRecordGate } from '../access/patient-record-gate';
import { Caller, commandMetadata } from '@osteo/auth';

export interface CorrectConsultationFeeInput {
  readonly feeCents: number;
  readonly paymentMethod: string;
}

/**
 * POST /consultations/:id/correct-fee: the owner amends the fee or payment method of a completed
 * consultation; the ledger cancels its lines and writes the corrected ones. The policy has no
 * action of its own for this; it is judged as `consultation.delete`, the owner's power to cancel a
 * consultation's ledger lines, which a correction does before writing new ones.
 */
@Injectable()
export class CorrectConsultationFeeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly records: PatientRecordGate,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, consultationId: string, input: CorrectConsultationFeeInput): Promise<void> {
    await this.records.consultation(caller, consultationId, 'consultation.delete');
    await handleCommand(this.store, consultationStreamId(consultationId), consultationDecider, {
      type: 'CorrectConsultationFee',
      data: { feeCents: input.feeCents, paymentMethod: input.paymentMethod },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
