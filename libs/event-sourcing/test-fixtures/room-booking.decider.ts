import { type Command, type Decider, type Event } from '../decider';
import { Rejection } from '../rejection';

/**
 * A tiny decider for the helpers' own tests: one treatment room at one time slot, booked by one
 * practitioner at most.
 */
export type RoomBookingCommand =
  | Command<'BookRoom', { readonly practitionerId: string; readonly slotStartsAt: string }>
  | Command<'CancelBooking', { readonly practitionerId: string }>;

export type RoomBookingEvent =
  | Event<'RoomBooked', { readonly practitionerId: string; readonly slotStartsAt: string; readonly bookedAt: string }>
  | Event<'BookingCancelled', { readonly practitionerId: string; readonly cancelledAt: string }>;

export type RoomBookingState =
  | { readonly status: 'free' }
  | { readonly status: 'booked'; readonly practitionerId: string };

export const roomBooking: Decider<RoomBookingCommand, RoomBookingEvent, RoomBookingState> = {
  initialState: { status: 'free' },

  decide(command, state) {
    const now = command.metadata.now.toISOString();
    switch (command.type) {
      case 'BookRoom': {
        const { practitionerId, slotStartsAt } = command.data;
        if (Date.parse(slotStartsAt) <= command.metadata.now.getTime()) {
          throw new Rejection('invalid', 'BOOKING.SLOT_IN_PAST', 'This slot has already started');
        }
        if (state.status === 'booked') {
          if (state.practitionerId === practitionerId) return []; // booking twice changes nothing
          throw new Rejection('conflict', 'BOOKING.ALREADY_BOOKED', 'Another practitioner booked this room');
        }
        return [{ type: 'RoomBooked', data: { practitionerId, slotStartsAt, bookedAt: now } }];
      }
      case 'CancelBooking': {
        if (state.status === 'free') throw new Rejection('not_found', 'BOOKING.NOT_BOOKED');
        if (state.practitionerId !== command.data.practitionerId) {
          throw new Rejection('forbidden', 'BOOKING.NOT_HOLDER', 'Only its holder can cancel a booking');
        }
        return [{ type: 'BookingCancelled', data: { practitionerId: state.practitionerId, cancelledAt: now } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'RoomBooked':
        return { status: 'booked', practitionerId: event.data.practitionerId };
      case 'BookingCancelled':
        return { status: 'free' };
      default: {
        // Exhaustive, yet total: an event type this version does not know leaves the state as is.
        const _unknown: never = event;
        return state;
      }
    }
  },
};
