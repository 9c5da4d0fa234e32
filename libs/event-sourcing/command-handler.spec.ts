import { handleCommand, loadAggregate } from './command-handler';
import { Rejection } from './rejection';
import { WrongExpectedRevisionError } from './event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { roomBooking, type RoomBookingCommand } from './test-fixtures/room-booking.decider';

// A real store, in memory: the handler is tested against the port's actual behaviour.
let store: SqliteEventStore;
beforeEach(() => {
  store = SqliteEventStore.open(':memory:');
});
afterEach(async () => {
  await store.close();
});

const stream = 'room-booking-room-2-2025-03-05T09:00';
const metadata = {
  now: new Date('2025-03-04T08:00:00.000Z'),
  correlationId: 'corr-1',
  causationId: 'http-request-9',
  actorId: 'dr-martin',
};
const book = (practitionerId: string, commandMetadata = metadata): RoomBookingCommand => ({
  type: 'BookRoom',
  data: { practitionerId, slotStartsAt: '2025-03-05T09:00:00.000Z' },
  metadata: commandMetadata,
});
const cancel = (practitionerId: string): RoomBookingCommand => ({
  type: 'CancelBooking',
  data: { practitionerId },
  metadata,
});

describe('handleCommand', () => {
  it('appends the decided events to a new stream, with the command metadata on each', async () => {
    const handled = await handleCommand(store, stream, roomBooking, book('dr-martin'));

    expect(handled.newEvents).toEqual([
      {
        type: 'RoomBooked',
        data: { practitionerId: 'dr-martin', slotStartsAt: '2025-03-05T09:00:00.000Z', bookedAt: '2025-03-04T08:00:00.000Z' },
      },
    ]);
    expect(handled.nextExpectedRevision).toBe(0);
    expect(handled.newState).toEqual({ status: 'booked', practitionerId: 'dr-martin' });
    const [stored] = await store.readStream(stream);
    expect(stored).toMatchObject({ type: 'RoomBooked', revision: 0, data: handled.newEvents[0]?.data });
    expect(stored?.metadata).toEqual({
      occurredAt: '2025-03-04T08:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'http-request-9',
      actorId: 'dr-martin',
    });
  });

  it('leaves out the metadata fields the command does not have', async () => {
    await handleCommand(store, stream, roomBooking, book('dr-martin', { now: metadata.now } as typeof metadata));

    expect((await store.readStream(stream))[0]?.metadata).toEqual({ occurredAt: '2025-03-04T08:00:00.000Z' });
  });

  it('decides on the state folded from the stream and appends after its last revision', async () => {
    await handleCommand(store, stream, roomBooking, book('dr-martin'));

    const handled = await handleCommand(store, stream, roomBooking, cancel('dr-martin'));

    expect(handled.newEvents.map((e) => e.type)).toEqual(['BookingCancelled']);
    expect(handled.nextExpectedRevision).toBe(1);
    expect(handled.newState).toEqual({ status: 'free' });
  });

  it('appends nothing when the decider decides nothing, and reports the unchanged revision', async () => {
    await handleCommand(store, stream, roomBooking, book('dr-martin'));

    const handled = await handleCommand(store, stream, roomBooking, book('dr-martin'));

    expect(handled).toEqual({
      newEvents: [],
      nextExpectedRevision: 0,
      newState: { status: 'booked', practitionerId: 'dr-martin' },
    });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('lets a Rejection through, appending nothing', async () => {
    await handleCommand(store, stream, roomBooking, book('dr-martin'));

    const rejection = handleCommand(store, stream, roomBooking, book('dr-bernard'));

    await expect(rejection).rejects.toBeInstanceOf(Rejection);
    await expect(rejection).rejects.toMatchObject({ code: 'BOOKING.ALREADY_BOOKED', kind: 'conflict' });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('surfaces a write made between its read and its append as a conflict, without retrying', async () => {
    // Another writer books the room while this handler is between its read and its append.
    const readStream = store.readStream.bind(store);
    jest.spyOn(store, 'readStream').mockImplementationOnce(async (streamId) => {
      const history = await readStream(streamId);
      await handleCommand(store, stream, roomBooking, book('dr-bernard'));
      return history;
    });

    const attempt = handleCommand(store, stream, roomBooking, book('dr-martin'));

    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(attempt).rejects.toMatchObject({ expected: 'no_stream', actual: 0 });
    const stored = await store.readStream(stream);
    expect(stored.map((e) => e.data.practitionerId)).toEqual(['dr-bernard']);
  });

  it('refuses to decide when the stream moved on from the revision the caller saw', async () => {
    await handleCommand(store, stream, roomBooking, book('dr-martin'));
    await handleCommand(store, stream, roomBooking, cancel('dr-martin'));

    const stale = handleCommand(store, stream, roomBooking, book('dr-bernard'), { expectedRevision: 0 });

    await expect(stale).rejects.toMatchObject({ streamId: stream, expected: 0, actual: 1 });
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('decides when the stream is still at the revision the caller saw', async () => {
    const handled = await handleCommand(store, stream, roomBooking, book('dr-martin'), { expectedRevision: 'no_stream' });

    expect(handled.nextExpectedRevision).toBe(0);
  });
});

describe('loadAggregate', () => {
  it('returns the initial state and no_stream for a stream that does not exist', async () => {
    expect(await loadAggregate(store, stream, roomBooking)).toEqual({ state: { status: 'free' }, revision: 'no_stream' });
  });

  it('returns the folded state and the last revision', async () => {
    await handleCommand(store, stream, roomBooking, book('dr-martin'));
    await handleCommand(store, stream, roomBooking, cancel('dr-martin'));
    await handleCommand(store, stream, roomBooking, book('dr-bernard'));

    expect(await loadAggregate(store, stream, roomBooking)).toEqual({
      state: { status: 'booked', practitionerId: 'dr-bernard' },
      revision: 2,
    });
  });
});
