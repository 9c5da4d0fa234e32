import { Injectable } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { appointmentDecider, appointmentStreamId, type AppointmentCommand, type AppointmentEvent } from '../../domain/appointment';
import { utcInstant, type TimeSlot } from '../../domain/time-slot';
import { PractitionerAgenda } from '../agenda/practitioner-agenda';
import { AppointmentGate } from '../access/appointment-gate';
import { Caller, commandMetadata } from '@osteo/auth';

/** Absent: unchanged. Times are ISO-8601 with an offset; a null reason clears it. */
export interface ChangeAppointmentInput {
  readonly start?: string;
  readonly end?: string;
  readonly reason?: string | null;
}

type AppointmentMoved = Extract<AppointmentEvent, { type: 'AppointmentMoved' }>;
const isMove = (event: AppointmentEvent): event is AppointmentMoved => event.type === 'AppointmentMoved';

/** A new time, a new reason, or both, all or nothing; a new time must be free in the practitioner's agenda (409). */
@Injectable()
export class ChangeAppointmentHandler {
  constructor(
    private readonly store: EventStore,
    private readonly appointments: AppointmentGate,
    private readonly agenda: PractitionerAgenda,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, appointmentId: string, input: ChangeAppointmentInput): Promise<void> {
    const { appointment, revision } = await this.appointments.require(caller, appointmentId, 'appointment.write');
    const change: Extract<AppointmentCommand, { type: 'ChangeAppointment' }> = {
      type: 'ChangeAppointment',
      data: {
        ...(input.start !== undefined && { start: utcInstant(input.start) }),
        ...(input.end !== undefined && { end: utcInstant(input.end) }),
        ...(input.reason !== undefined && { reason: input.reason?.trim() || null }),
      },
      metadata: commandMetadata(caller, this.clock.now()),
    };
    // Decided before anything is written, so a rejected change leaves no claim behind; the
    // decision also tells whether the appointment moves, and where to.
    const move = appointmentDecider.decide(change, appointment).find(isMove);
    // Against the revision the caller's access was checked at: a change racing in between is a 409.
    const writeChange = () => handleCommand(this.store, appointmentStreamId(appointmentId), appointmentDecider, change, { expectedRevision: revision });
    if (move === undefined) {
      await writeChange();
      return;
    }

    const slotAt = ({ start, end }: TimeSlot) => ({ practitionerId: appointment.practitionerId, appointmentId, start, end });
    await this.agenda.claimThenWrite(slotAt(move.data), caller, writeChange);
    await this.agenda.release(slotAt(appointment), caller);
  }
}
