import { AssertionError } from 'node:assert';
import { stateAfter } from './decider';
import { specFor } from './decider-spec';
import { roomBooking, type RoomBookingCommand, type RoomBookingEvent } from './test-fixtures/room-booking.decider';

const metadata = { now: new Date('2025-03-04T08:00:00.000Z'), correlationId: 'corr-1', actorId: 'dr-martin' };
const slotStartsAt = '2025-03-05T09:00:00.000Z';

const book = (practitionerId: string): RoomBookingCommand => ({
  type: 'BookRoom',
  data: { practitionerId, slotStartsAt },
  metadata,
});
const cancel = (practitionerId: string): RoomBookingCommand => ({
  type: 'CancelBooking',
  data: { practitionerId },
  metadata,
});
const booked = (practitionerId: string): RoomBookingEvent => ({
  type: 'RoomBooked',
  data: { practitionerId, slotStartsAt, bookedAt: '2025-03-01T10:00:00.000Z' },
});

describe('specFor: given / when / then over a decider', () => {
  it('passes when the command causes exactly the expected events', () => {
    specFor(roomBooking)
      .given([])
      .when(book('dr-martin'))
      .then([{ type: 'RoomBooked', data: { practitionerId: 'dr-martin', slotStartsAt, bookedAt: '2025-03-04T08:00:00.000Z' } }]);
  });

  it('passes when the command changes nothing and no event is expected', () => {
    specFor(roomBooking).given([booked('dr-martin')]).when(book('dr-martin')).then([]);
  });

  it('passes when the command is rejected with the expected code', () => {
    specFor(roomBooking).given([booked('dr-martin')]).when(book('dr-bernard')).thenThrows('BOOKING.ALREADY_BOOKED');
    specFor(roomBooking).given([]).when(cancel('dr-martin')).thenThrows('BOOKING.NOT_BOOKED');
  });

  it('fails, with a diff, when the events differ', () => {
    expect(() => specFor(roomBooking).given([]).when(book('dr-martin')).then([])).toThrow(AssertionError);
  });

  it('fails when the command was accepted but a rejection was expected', () => {
    expect(() => specFor(roomBooking).given([]).when(book('dr-martin')).thenThrows('BOOKING.ALREADY_BOOKED')).toThrow(
      /expected a rejection with BOOKING.ALREADY_BOOKED/,
    );
  });

  it('fails when the rejection has another code', () => {
    expect(() =>
      specFor(roomBooking).given([booked('dr-martin')]).when(cancel('dr-bernard')).thenThrows('BOOKING.NOT_BOOKED'),
    ).toThrow(/rejected with BOOKING.NOT_HOLDER/);
  });

  it('lets an error that is not a Rejection through: it is a bug, not a rejection', () => {
    const crashing = { ...roomBooking, decide: () => { throw new TypeError('bug'); } };

    expect(() => specFor(crashing).given([]).when(book('dr-martin')).thenThrows('BOOKING.ALREADY_BOOKED')).toThrow(TypeError);
  });
});

describe('the example decider, specified given / when / then', () => {
  it('rejects a slot that has already started as invalid', () => {
    specFor(roomBooking)
      .given([])
      .when({ type: 'BookRoom', data: { practitionerId: 'dr-martin', slotStartsAt: '2025-03-04T07:00:00.000Z' }, metadata })
      .thenThrows('BOOKING.SLOT_IN_PAST');
  });

  it("forbids cancelling someone else's booking", () => {
    specFor(roomBooking).given([booked('dr-martin')]).when(cancel('dr-bernard')).thenThrows('BOOKING.NOT_HOLDER');
  });

  it('frees the room when its holder cancels, so another practitioner can book it', () => {
    const cancelled: RoomBookingEvent = {
      type: 'BookingCancelled',
      data: { practitionerId: 'dr-martin', cancelledAt: '2025-03-04T08:00:00.000Z' },
    };
    specFor(roomBooking).given([booked('dr-martin')]).when(cancel('dr-martin')).then([cancelled]);
    specFor(roomBooking).given([booked('dr-martin'), cancelled]).when(book('dr-bernard')).then([
      { type: 'RoomBooked', data: { practitionerId: 'dr-bernard', slotStartsAt, bookedAt: '2025-03-04T08:00:00.000Z' } },
    ]);
  });
});

describe('stateAfter', () => {
  it('folds evolve over the events from the initial state', () => {
    expect(stateAfter(roomBooking, [])).toEqual({ status: 'free' });
    expect(stateAfter(roomBooking, [booked('dr-martin')])).toEqual({ status: 'booked', practitionerId: 'dr-martin' });
  });
});
