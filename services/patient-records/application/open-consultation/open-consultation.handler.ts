import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { consultationDecider, consultationStreamId } from '../../domain/consultation';
import { textOrNull } from '../../domain/optional-text';
import { PatientRecordGate } from '../access/patient-record-gate';
import { Caller, commandMetadata } from '@osteo/auth';

export interface OpenConsultationInput {
  readonly date: string;
  readonly reason: string;
  readonly notes?: string;
}

/** The caller opens the consultation and so becomes its practitioner: the one who completes it. */
@Injectable()
export class OpenConsultationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly records: PatientRecordGate,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, patientId: string, input: OpenConsultationInput): Promise<{ consultationId: string }> {
    const { patient } = await this.records.patient(caller, patientId, 'consultation.write');
    const consultationId = randomUUID();
    await handleCommand(this.store, consultationStreamId(consultationId), consultationDecider, {
      type: 'OpenConsultation',
      data: {
        consultationId,
        patientId,
        cabinetId: patient.cabinetId,
        ownerId: patient.ownerId,
        practitionerId: caller.principal.accountId,
        date: input.date,
        reason: input.reason.trim(),
        notes: textOrNull(input.notes),
      },
      metadata: commandMetadata(caller, this.clock.now()),
    });
    return { consultationId };
  }
}
