import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { appointmentDecider, appointmentStreamId } from '../../domain/appointment';
import { PractitionerAgenda } from '../agenda/practitioner-agenda';
import { AppointmentGate } from '../access/appointment-gate';
import { Caller, commandMetadata } from '@osteo/auth';

/** Cancels an appointment and frees its slot; cancelling it again changes nothing. */
@Injectable()
export class CancelAppointmentHandler {
  constructor(
    private readonly store: EventStore,
    private readonly appointments: AppointmentGate,
    private readonly agenda: PractitionerAgenda,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, appointmentId: string): Promise<void> {
    const { appointment, revision } = await this.appointments.require(caller, appointmentId, 'appointment.write');
    await handleCommand(
      this.store,
      appointmentStreamId(appointmentId),
      appointmentDecider,
      { type: 'CancelAppointment', data: {}, metadata: commandMetadata(caller, this.clock.now()) },
      { expectedRevision: revision },
    );
    // Also when it was cancelled already: cancelling again completes a release a crash interrupted.
    const { practitionerId, start, end } = appointment;
    await this.agenda.release({ practitionerId, appointmentId, start, end }, caller);
  }
}
