import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessCheck, Caller, commandMetadata } from '@osteo/auth';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { appointmentDecider, appointmentStreamId, type AppointmentCommand } from '../../domain/appointment';
import { utcInstant } from '../../domain/time-slot';
import { PractitionerAgenda } from '../agenda/practitioner-agenda';
import { CabinetPatients } from '../cabinet-patients/cabinet-patients';
import { CabinetPractitioners } from './cabinet-practitioners';

export interface BookAppointmentInput {
  readonly practitionerId: string;
  readonly patientName: string;
  /** ISO-8601 with an offset. */
  readonly start: string;
  readonly end: string;
  readonly patientId?: string;
  readonly reason?: string;
}

/**
 * Books a practitioner of the cabinet for a patient, unless that practitioner is busy then (409).
 * A patientId must name a live patient record of this cabinet (400 APPOINTMENT.UNKNOWN_PATIENT):
 * AppointmentBooked publishes it, and planning's own read model of records.events says whose it is.
 */
@Injectable()
export class BookAppointmentHandler {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
    private readonly practitioners: CabinetPractitioners,
    private readonly patients: CabinetPatients,
    private readonly agenda: PractitionerAgenda,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, cabinetId: string, input: BookAppointmentInput): Promise<{ appointmentId: string }> {
    const callerAccess = await this.access.require(caller.principal.accountId, 'appointment.write', { kind: 'cabinet', cabinetId }, 'Cabinet');
    await this.practitioners.requireWorksIn(input.practitionerId, cabinetId);
    if (input.patientId !== undefined) await this.patients.requireBelongsTo(input.patientId, cabinetId);
    const appointmentId = randomUUID();
    const book: Extract<AppointmentCommand, { type: 'BookAppointment' }> = {
      type: 'BookAppointment',
      data: {
        appointmentId,
        cabinetId,
        // The caller was allowed in the cabinet, so they stand in it.
        ownerId: callerAccess.cabinets.get(cabinetId)!.ownerId,
        practitionerId: input.practitionerId,
        patientName: input.patientName.trim(),
        patientId: input.patientId ?? null,
        start: utcInstant(input.start),
        end: utcInstant(input.end),
        reason: input.reason?.trim() || null,
      },
      metadata: commandMetadata(caller, this.clock.now()),
    };
    // Every rule is checked before anything is written: a rejected booking leaves no trace, not even a claim.
    appointmentDecider.decide(book, appointmentDecider.initialState);

    const { practitionerId, start, end } = book.data;
    await this.agenda.claimThenWrite({ practitionerId, appointmentId, start, end }, caller, () =>
      handleCommand(this.store, appointmentStreamId(appointmentId), appointmentDecider, book),
    );
    return { appointmentId };
  }
}
