import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { patientDecider, patientStreamId } from '../../domain/patient';
import { textOrNull } from '../../domain/optional-text';
import { phoneOrNull } from '../phone-number/phone-number';
import { ownerOfCabinet } from '../access/cabinet-standing';

export interface RegisterPatientInput {
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly phone?: string;
  readonly email?: string;
  readonly medicalHistory?: string;
}

@Injectable()
export class RegisterPatientHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string, input: RegisterPatientInput): Promise<{ patientId: string }> {
    const access = await this.access.require(caller.principal.accountId, 'patient.write', { kind: 'cabinet', cabinetId }, 'Cabinet');
    const patientId = randomUUID();
    await handleCommand(this.store, patientStreamId(patientId), patientDecider, {
      type: 'RegisterPatient',
      data: {
        patientId,
        cabinetId,
        ownerId: ownerOfCabinet(access, cabinetId),
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        birthDate: input.birthDate,
        phone: phoneOrNull(input.phone),
        email: textOrNull(input.email),
        medicalHistory: textOrNull(input.medicalHistory),
      },
      metadata: commandMetadata(caller, this.clock.now()),
    });
    return { patientId };
  }
}
