import { unreachable, type CommandMetadata, type Decider } from '@osteo/event-sourcing/decider';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { overlaps, type TimeSlot } from './time-slot';

/**
 * No double booking of a practitioner, decided on the write side.
 *
 * A practitioner's agenda is one stream per UTC day (`agenda-<practitionerId>-<YYYY-MM-DD>`)
 * holding the slots of every appointment that touches that day; an appointment over midnight is
 * held in both days. Two overlapping slots share an instant, so they share a day, and both
 * bookings append to that day's stream with the revision they read: whichever comes second is
 * decided against the first. A day keeps the stream small and the contention local; a whole
 * agenda in one stream would make every booking of a practitioner race every other.
 *
 * The store writes one stream at a time, so a booking is two appends: the agenda claim first,
 * then the appointment. Claim first, because a claim without its appointment blocks a slot for a
 * while (below), whereas an appointment without its claim would be a double booking nothing sees.
 * A move claims the new slot, moves the appointment, then releases the old slot; a cancellation
 * cancels, then releases.
 *
 * A crash between two appends leaves a slot whose appointment is not, or no longer, there. As
 * with access-grant's delegation slot, the handler reads what each overlapping slot's
 * appointment stream says (HolderAppointment) and this decider judges:
 * - booked at exactly that slot: taken;
 * - cancelled: free (a cancelled appointment never comes back);
 * - not written, or booked at another time: a booking or a move may be between its two appends
 *   right now, so the slot is taken until its claim is UNBACKED_CLAIM_LEASE_MS old, then free.
 *   Without the lease, a booking racing one that has claimed but not yet written would take the
 *   slot too; without its end, one crash would block the slot forever.
 * A freed slot is released in the same append as the new claim, so the agenda heals as it is used.
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
