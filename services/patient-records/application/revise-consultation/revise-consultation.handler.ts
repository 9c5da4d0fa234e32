import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { consultationDecider, consultationStreamId, type ClinicalNotes } from '../../domain/consultation';
import { textOrNull } from '../../domain/optional-text';
import { PatientRecordGate } from '../access/patient-record-gate';
import { Caller, can, commandMetadata } from '@osteo/auth';

/**
 * Absent fields stay as they are; `null` (or blank text) clears notes, examination or treatment:
 * the owner's alone when the field holds something (CONSULTATION.DELETION_RESERVED_TO_OWNER).
 */
export interface ReviseConsultationInput {
  readonly date?: string;
  readonly reason?: string;
  readonly notes?: string | null;
  readonly examination?: string | null;
  readonly treatment?: string | null;
}

/** Anyone who may write the cabinet's records edits the notes; the date is fixed once completed. */
@Injectable()
export class ReviseConsultationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly records: PatientRecordGate,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, consultationId: string, input: ReviseConsultationInput): Promise<void> {
    const { consultation, access } = await this.records.consultation(caller, consultationId, 'consultation.write');
    // Emptying a note deletes it: whoever may delete the consultation may, as the one policy says.
    const mayDelete = can(access, 'consultation.delete', { kind: 'cabinet', cabinetId: consultation.cabinetId }) === 'allow';
    const changes: Partial<ClinicalNotes> = {
      ...(input.date !== undefined && { date: input.date }),
      ...(input.reason !== undefined && { reason: input.reason.trim() }),
      ...(input.notes !== undefined && { notes: textOrNull(input.notes) }),
      ...(input.examination !== undefined && { examination: textOrNull(input.examination) }),
      ...(input.treatment !== undefined && { treatment: textOrNull(input.treatment) }),
    };
    await handleCommand(this.store, consultationStreamId(consultationId), consultationDecider, {
      type: 'ReviseConsultation',
      data: { changes, mayDelete },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
