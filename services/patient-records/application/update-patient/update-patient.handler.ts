import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { patientDecider, patientStreamId, type PatientDetails } from '../../domain/patient';
import { textOrNull } from '../../domain/optional-text';
import { phoneOrNull } from '../phone-number/phone-number';
import { PatientRecordGate } from '../access/patient-record-gate';
import { Caller, can, commandMetadata } from '@osteo/auth';

/**
 * Absent fields stay as they are; `null` (or blank text) clears phone, email or medical history:
 * the owner's alone when the field holds something (the decider's rule, PATIENT.DELETION_RESERVED_TO_OWNER).
 */
export interface UpdatePatientInput {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly birthDate?: string;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly medicalHistory?: string | null;
}

@Injectable()
export class UpdatePatientHandler {
  constructor(
    private readonly store: EventStore,
    private readonly records: PatientRecordGate,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, patientId: string, input: UpdatePatientInput): Promise<void> {
    const { patient, access } = await this.records.patient(caller, patientId, 'patient.write');
    // Emptying a field deletes it: whoever may delete the record may, as the one policy says.
    const mayDelete = can(access, 'patient.delete', { kind: 'cabinet', cabinetId: patient.cabinetId }) === 'allow';
    const changes: Partial<PatientDetails> = {
      ...(input.firstName !== undefined && { firstName: input.firstName.trim() }),
      ...(input.lastName !== undefined && { lastName: input.lastName.trim() }),
      ...(input.birthDate !== undefined && { birthDate: input.birthDate }),
      ...(input.phone !== undefined && { phone: phoneOrNull(input.phone) }),
      ...(input.email !== undefined && { email: textOrNull(input.email) }),
      ...(input.medicalHistory !== undefined && { medicalHistory: textOrNull(input.medicalHistory) }),
    };
    await handleCommand(this.store, patientStreamId(patientId), patientDecider, {
      type: 'UpdatePatient',
      data: { changes, mayDelete },
      metadata: commandMetadata(caller, this.clock.now()),
    });
  }
}
