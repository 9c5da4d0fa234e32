import { Injectable, Logger } from '@nestjs/common';
import { EventStore, WrongExpectedRevisionError, handleCommand, loadAggregate } from '@osteo/event-sourcing';
import { unreachable } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { Clock } from '@osteo/platform';
import {
  UNBACKED_CLAIM_LEASE_MS,
  agendaDecider,
  agendaStreamId,
  slotsOverlapping,
  type AgendaCommand,
  type AgendaState,
  type HeldSlot,
  type HolderAppointment,
} from '../../domain/agenda';
import { appointmentDecider, appointmentStreamId, type AppointmentState } from '../../domain/appointment';
import { utcDaysOf, type TimeSlot } from '../../domain/time-slot';
import { Caller, commandMetadata } from '@osteo/auth';

/** An appointment's slot in its practitioner's agenda. */
export type PractitionerSlot = TimeSlot & { readonly practitionerId: string; readonly appointmentId: string };

/**
 * Appends that lose a race for the same agenda day are decided again; each round lets at least
 * one through, so this bounds the wait of a burst of bookings for one practitioner's day.
 */
const MAX_AGENDA_ATTEMPTS = 10;

/**
 * The writes that keep a practitioner's agenda free of double bookings across its day streams,
 * in the order and with the recovery that domain/agenda.ts explains.
 */
@Injectable()
export class PractitionerAgenda {
  private readonly logger = new Logger('planning.agenda');

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Claims `slot` in every day it touches, then runs `writeAppointment`: the append that backs the
   * claims. A refused claim (APPOINTMENT.DOUBLE_BOOKING) gives back the days already claimed.
   */
  async claimThenWrite<T>(slot: PractitionerSlot, caller: Caller, writeAppointment: () => Promise<T>): Promise<T> {
    const claimsStartedAt = this.clock.now().getTime();
    const claimedDays: string[] = [];
    try {
      for (const day of utcDaysOf(slot)) {
        await this.claimDay(slot, day, caller);
        claimedDays.push(day);
      }
    } catch (refusal) {
      await this.releaseDays(slot, claimedDays, caller);
      throw refusal;
    }

    // Past their lease, these claims may be taken over by another booking: writing the appointment
    // then could double-book. Stopping at half the lease leaves the append ample time.
    if (this.clock.now().getTime() - claimsStartedAt >= UNBACKED_CLAIM_LEASE_MS / 2) {
      await this.releaseDays(slot, claimedDays, caller);
      throw new Rejection('conflict', 'APPOINTMENT.CLAIM_EXPIRED', 'The appointment took too long to write and was not booked; please try again');
    }
    try {
      return await writeAppointment();
    } catch (error) {
      // A refused append wrote nothing: free the slot now rather than at the end of its lease. Any
      // other failure may hide an append that did happen, which the claims must keep protecting.
      if (error instanceof WrongExpectedRevisionError) await this.releaseDays(slot, claimedDays, caller);
      throw error;
    }
  }

  /**
   * Frees the slot in every day it touches. This tidies rather than protects: a slot whose
   * appointment was cancelled or moved away is free to the next claim anyway, so a failure is
   * logged, not thrown at a caller whose cancellation or move is already written.
   */
  async release(slot: PractitionerSlot, caller: Caller): Promise<void> {
    await this.releaseDays(slot, utcDaysOf(slot), caller);
  }

  private async claimDay(slot: PractitionerSlot, day: string, caller: Caller): Promise<void> {
    const { appointmentId, start, end } = slot;
    await this.decideOnDay(agendaStreamId(slot.practitionerId, day), async (agenda) => ({
      type: 'ClaimAgendaSlot',
      data: { appointmentId, start, end, holders: await this.holdersOf(slotsOverlapping(agenda, slot)) },
      metadata: commandMetadata(caller, this.clock.now()),
    }));
  }

  private async releaseDays(slot: PractitionerSlot, days: readonly string[], caller: Caller): Promise<void> {
    const { appointmentId, start, end } = slot;
    for (const day of days) {
      try {
        await this.decideOnDay(agendaStreamId(slot.practitionerId, day), async () => ({
          type: 'ReleaseAgendaSlot',
          data: { appointmentId, start, end },
          metadata: commandMetadata(caller, this.clock.now()),
        }));
      } catch (error) {
        this.logger.warn(`Slot ${start}–${end} of appointment ${appointmentId} on ${day} not released, it will be on its next claim: ${String(error)}`);
      }
    }
  }

  /**
   * Appends to one agenda day, expecting the revision its command was built from. Losing that race
   * to another writer of the day is not the user's conflict (they decided on nothing the agenda
   * held), so the command is built and decided again: an overlap is then a DOUBLE_BOOKING, while a
   * booking at another time of the day fits beside the winner's.
   */
  private async decideOnDay(streamId: string, commandFor: (agenda: AgendaState) => Promise<AgendaCommand>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const agenda = await loadAggregate(this.store, streamId, agendaDecider);
      try {
        await handleCommand(this.store, streamId, agendaDecider, await commandFor(agenda.state), { expectedRevision: agenda.revision });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt === MAX_AGENDA_ATTEMPTS) throw error;
      }
    }
  }

  private async holdersOf(slots: readonly HeldSlot[]): Promise<Record<string, HolderAppointment>> {
    const holders: Record<string, HolderAppointment> = {};
    for (const appointmentId of new Set(slots.map((held) => held.appointmentId))) {
      holders[appointmentId] = asHolder((await loadAggregate(this.store, appointmentStreamId(appointmentId), appointmentDecider)).state);
    }
    return holders;
  }
}

function asHolder(appointment: AppointmentState): HolderAppointment {
  switch (appointment.status) {
    case 'absent':
      return { status: 'unwritten' };
    case 'booked':
      return { status: 'booked', start: appointment.start, end: appointment.end };
    case 'cancelled':
      return { status: 'cancelled' };
    default:
      return unreachable(appointment);
  }
}
