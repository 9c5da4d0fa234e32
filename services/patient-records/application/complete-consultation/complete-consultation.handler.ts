import { Injectable } from '@nestjs/common';
import { AccessReader, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { consultationDecider, consultationStreamId, type PractitionerStanding } from '../../domain/consultation';
import { practisingRoleIn } from '../access/cabinet-standing';
import { PatientRecordGate } from '../access/patient-record-gate';

export interface CompleteConsultationInput {
  readonly feeCents: number;
  readonly paymentMethod: string;
}

/**
 * The practitioner settles the consultation, once. Everything the ledger needs is fixed on the
 * event at this moment, from what this service knows now: the patient's name as the record reads,
 * the practitioner's role in the cabinet and, for a substitute, the retrocession rate in force
 * (from the access projection). A later change of any of them leaves this consultation's lines
 * as they were, and a replay of the event writes the same lines.
 */
@Injectable()
export class CompleteConsultationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly records: PatientRecordGate,
    private readonly reader: AccessReader,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, consultationId: string, input: CompleteConsultationInput): Promise<void> {
    const { consultation, patient, access } = await this.records.consultation(caller, consultationId, 'consultation.complete');
    const now = this.clock.now();
    const accountId = caller.principal.accountId;
    const role = practisingRoleIn(access, consultation.cabinetId);
    const standing: PractitionerStanding =
      role === 'substitute'
        ? { role, retrocessionBasisPoints: await this.reader.retrocessionRateFor(access, consultation.ownerId, consultation.cabinetId, now) }
        : { role };
    await handleCommand(this.store, consultationStreamId(consultationId), consultationDecider, {
      type: 'CompleteConsultation',
      data: {
        byAccountId: accountId,
        feeCents: input.feeCents,
        paymentMethod: input.paymentMethod,
        standing,
        patient: { firstName: patient.firstName, lastName: patient.lastName },
      },
      metadata: commandMetadata(caller, now),
    });
  }
}
