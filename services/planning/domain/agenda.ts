import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { overlaps, type TimeSlot } from './time-slot';

/**
 * No double booking of a practitioner, decided on the write side: one claim stream per
 * practitioner and UTC day, claimed before the appointment is written, so two overlapping bookings
 * meet in one stream. A claim its appointment does not back (a crash between the two appends)
 * holds its slot for a lease, then frees it. Why: docs/adr/0006-claim-streams.md.
 */
type AppointmentSlot = TimeSlot & { readonly appointmentId: string };

export type HeldSlot = AppointmentSlot & {
  /** When the claim was decided (ISO-8601): the lease of a slot its appointment does not back counts from here. */
  readonly claimedAt: string;
};

/**
 * How long a claim holds a slot that its appointment does not back. The two appends of a booking
 * are milliseconds apart, so this only ever matters after a crash; it is long enough to cover a
 * stalled request and some clock skew between instances, short enough that the slot is free again
 * before the secretary has hung up. A booking whose claims are half this old gives up before
 * writing its appointment (application/agenda/practitioner-agenda.ts), so a claim another booking
 * may have taken over is never backed after all.
 */
export const UNBACKED_CLAIM_LEASE_MS = 60_000;

/** What the appointment stream of a slot's holder says, read by the handler for the decider. */
export type HolderAppointment =
  | { readonly status: 'unwritten' }
  | ({ readonly status: 'booked' } & TimeSlot)
  | { readonly status: 'cancelled' };

export type AgendaCommand =
  | {
      readonly type: 'ClaimAgendaSlot';
      /** `holders`: by appointmentId, the holder of every other slot this one overlaps. */
      readonly data: AppointmentSlot & { readonly holders: Readonly<Record<string, HolderAppointment>> };
      readonly metadata: CommandMetadata;
    }
  | { readonly type: 'ReleaseAgendaSlot'; readonly data: AppointmentSlot; readonly metadata: CommandMetadata };

export type AgendaEvent = { readonly type: 'AgendaSlotClaimed'; readonly data: HeldSlot } | { readonly type: 'AgendaSlotReleased'; readonly data: AppointmentSlot };

/** A moving appointment holds two slots for a moment: the new one is claimed before the old one is released. */
export type AgendaState = { readonly slots: readonly HeldSlot[] };

export const agendaStreamId = (practitionerId: string, utcDay: string): string => `agenda-${practitionerId}-${utcDay}`;

/** The slots of other appointments that `slot` overlaps: those whose holders the decider needs to know. */
export const slotsOverlapping = (agenda: AgendaState, slot: AppointmentSlot): HeldSlot[] =>
  agenda.slots.filter((held) => held.appointmentId !== slot.appointmentId && overlaps(held, slot));

const isSameSlot = (left: AppointmentSlot, right: AppointmentSlot): boolean => left.appointmentId === right.appointmentId && left.start === right.start && left.end === right.end;

/** A holder the handler did not report counts as unwritten: the judgement errs towards refusing. */
function isTaken(held: HeldSlot, holder: HolderAppointment | undefined, now: Date): boolean {
  if (holder?.status === 'cancelled') return false;
  if (holder?.status === 'booked' && holder.start === held.start && holder.end === held.end) return true;
  return now.getTime() - Date.parse(held.claimedAt) < UNBACKED_CLAIM_LEASE_MS;
}

export const agendaDecider: Decider<AgendaCommand, AgendaEvent, AgendaState> = {
  initialState: { slots: [] },

  decide(command, state) {
    switch (command.type) {
      case 'ClaimAgendaSlot': {
        const { appointmentId, start, end, holders } = command.data;
        const overlapped = slotsOverlapping(state, { appointmentId, start, end });
        if (overlapped.some((held) => isTaken(held, holders[held.appointmentId], command.metadata.now))) {
          throw new Rejection('conflict', 'APPOINTMENT.DOUBLE_BOOKING', 'The practitioner already has an appointment at that time');
        }
        return [
          ...overlapped.map((freed): AgendaEvent => ({ type: 'AgendaSlotReleased', data: { appointmentId: freed.appointmentId, start: freed.start, end: freed.end } })),
          // Claiming a slot one already holds renews its lease: a move back to a slot a crash left behind must not find it expired.
          { type: 'AgendaSlotClaimed', data: { appointmentId, start, end, claimedAt: command.metadata.now.toISOString() } },
        ];
      }

      case 'ReleaseAgendaSlot': {
        const { appointmentId, start, end } = command.data;
        return state.slots.some((held) => isSameSlot(held, command.data)) ? [{ type: 'AgendaSlotReleased', data: { appointmentId, start, end } }] : [];
      }

      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AgendaSlotClaimed':
        return { slots: [...state.slots.filter((held) => !isSameSlot(held, event.data)), event.data] };
      case 'AgendaSlotReleased':
        return { slots: state.slots.filter((held) => !isSameSlot(held, event.data)) };
      default:
        return unreachable(event);
    }
  },
};
