import { randomUUID } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
  type StoreSubscription,
} from './event-store';

/**
 * The one contract of the EventStore port, run against every adapter that can run here.
 *
 * `open` returns a new connection to the same underlying store on every call (two calls are
 * two writers that can race). The store may be shared with earlier tests or other processes
 * (a long-lived EventStoreDB), so every test writes to streams of its own and reads the global
 * log only after a marker event it appended itself, filtered to its own streams.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`${name} — EventStore contract`, () => {
    const openedStores: EventStore[] = [];
    const subscriptions: StoreSubscription[] = [];

    async function openStore(): Promise<EventStore> {
      const store = await open();
      openedStores.push(store);
      return store;
    }

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
      await Promise.all(openedStores.splice(0).map((store) => store.close()));
    });

    describe('appending with an expected revision', () => {
      it('creates a stream with no_stream and reports the revision and position of its last event', async () => {
        const store = await openStore();
        const stream = newStreamId('account');

        const result = await store.appendToStream(stream, [event('Opened'), event('Renamed')], {
          expectedRevision: 'no_stream',
        });

        expect(result.nextExpectedRevision).toBe(1);
        const written = await store.readStream(stream);
        expect(written.map((e) => e.revision)).toEqual([0, 1]);
        expect(result.lastPosition).toBe(written[1]?.position);
      });

      it('rejects no_stream once the stream exists, with the actual revision', async () => {
        const store = await openStore();
        const stream = newStreamId('reservation');
        await store.appendToStream(stream, [event('Reserved')], { expectedRevision: 'no_stream' });

        const error = await rejectionOf(
          store.appendToStream(stream, [event('Reserved')], { expectedRevision: 'no_stream' }),
        );

        expectConflict(error, { streamId: stream, expected: 'no_stream', actual: 0 });
      });

      it('appends after the exact revision it was given', async () => {
        const store = await openStore();
        const stream = newStreamId('account');
        await store.appendToStream(stream, [event('Opened')], { expectedRevision: 'no_stream' });

        const result = await store.appendToStream(stream, [event('Renamed'), event('Closed')], {
          expectedRevision: 0,
        });

        expect(result.nextExpectedRevision).toBe(2);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Opened', 'Renamed', 'Closed']);
      });

      it('rejects an exact revision on a missing stream, with actual no_stream', async () => {
        const store = await openStore();
        const stream = newStreamId('account');

        const error = await rejectionOf(
          store.appendToStream(stream, [event('Renamed')], { expectedRevision: 0 }),
        );

        expectConflict(error, { streamId: stream, expected: 0, actual: 'no_stream' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('appends without a check with any, to a new or an existing stream', async () => {
        const store = await openStore();
        const stream = newStreamId('log');

        await store.appendToStream(stream, [event('Noted')], { expectedRevision: 'any' });
        const result = await store.appendToStream(stream, [event('Noted')], { expectedRevision: 'any' });

        expect(result.nextExpectedRevision).toBe(1);
      });

      it('rejects a stale revision with the actual one, and writes nothing of the batch', async () => {
        const store = await openStore();
        const stream = newStreamId('account');
        await store.appendToStream(stream, [event('Opened'), event('Renamed')], {
          expectedRevision: 'no_stream',
        });
        const marker = await appendMarker(store);
        const staleBatch = [event('Renamed'), event('Renamed'), event('Closed')];

        const error = await rejectionOf(
          store.appendToStream(stream, staleBatch, { expectedRevision: 0 }),
        );

        expectConflict(error, { streamId: stream, expected: 0, actual: 1 });
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Opened', 'Renamed']);
        const logged = await store.readAll({ after: marker });
        const staleIds = new Set(staleBatch.map((e) => e.eventId));
        expect(logged.filter((e) => staleIds.has(e.eventId))).toEqual([]);
      });

      it('rejects an empty append', async () => {
        const store = await openStore();

        await expect(
          store.appendToStream(newStreamId('account'), [], { expectedRevision: 'any' }),
        ).rejects.toThrow(RangeError);
      });
    });

    describe('reading a stream', () => {
      it('returns every event in revision order, with its data and metadata as appended', async () => {
        const store = await openStore();
        const stream = newStreamId('patient');
        const opened = event('RecordOpened', {
          data: { patientId: 'p-1', name: 'Zoë Ødegård', tags: ['sport', 'back'], address: { city: 'Lyon' } },
          metadata: {
            correlationId: randomUUID(),
            causationId: randomUUID(),
            actorId: 'practitioner-7',
            occurredAt: '2025-03-04T09:30:00.000Z',
            tenant: { cabinetId: 'cabinet-1' },
          },
        });
        const noted = event('NoteAdded', { data: { text: 'first visit', durationMinutes: 45, paid: true, referral: null } });
        await store.appendToStream(stream, [opened], { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, [noted], { expectedRevision: 0 });

        const read = await store.readStream(stream);

        expect(read).toHaveLength(2);
        expect(read[0]).toMatchObject({
          eventId: opened.eventId,
          type: 'RecordOpened',
          streamId: stream,
          revision: 0,
          data: opened.data,
          metadata: opened.metadata,
        });
        expect(read[1]).toMatchObject({ eventId: noted.eventId, revision: 1, data: noted.data, metadata: {} });
        for (const recorded of read) {
          expect(new Date(recorded.recordedAt).toISOString()).toBe(recorded.recordedAt);
        }
      });

      it('returns an empty array for a stream that does not exist', async () => {
        const store = await openStore();

        expect(await store.readStream(newStreamId('nobody'))).toEqual([]);
      });
    });

    describe('reading all streams', () => {
      it('returns the events after a position, across streams, in commit order, at the positions readStream gives', async () => {
        const store = await openStore();
        const [first, second] = [newStreamId('first'), newStreamId('second')];
        const marker = await appendMarker(store);
        await store.appendToStream(first, [event('A1')], { expectedRevision: 'no_stream' });
        await store.appendToStream(second, [event('B1'), event('B2')], { expectedRevision: 'no_stream' });
        await store.appendToStream(first, [event('A2')], { expectedRevision: 0 });

        const read = (await store.readAll({ after: marker })).filter(inStreams(first, second));

        expect(read.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
        const positionInStream = new Map(
          [...(await store.readStream(first)), ...(await store.readStream(second))].map((e) => [e.eventId, e.position]),
        );
        expect(read.map((e) => e.position)).toEqual(read.map((e) => positionInStream.get(e.eventId)));
      });

      it('excludes the event at the `after` position itself', async () => {
        const store = await openStore();
        const stream = newStreamId('account');
        await appendMarker(store);
        const { lastPosition } = await store.appendToStream(stream, [event('Opened')], {
          expectedRevision: 'no_stream',
        });
        await store.appendToStream(stream, [event('Renamed')], { expectedRevision: 0 });

        const read = (await store.readAll({ after: lastPosition })).filter(inStreams(stream));

        expect(read.map((e) => e.type)).toEqual(['Renamed']);
      });

      it('returns at most maxCount events, the first ones after the position', async () => {
        const store = await openStore();
        const marker = await appendMarker(store);
        await store.appendToStream(newStreamId('account'), [event('A'), event('B'), event('C')], {
          expectedRevision: 'no_stream',
        });

        const firstTwo = await store.readAll({ after: marker, maxCount: 2 });
        const everything = await store.readAll({ after: marker });

        expect(firstTwo).toHaveLength(2);
        expect(firstTwo).toEqual(everything.slice(0, 2));
      });
    });

    describe('subscribing to all streams', () => {
      it('delivers the events appended before it, then those appended after, once each and in order, until closed', async () => {
        const store = await openStore();
        const stream = newStreamId('planning');
        const marker = await appendMarker(store);
        await store.appendToStream(stream, [event('Before1'), event('Before2')], {
          expectedRevision: 'no_stream',
        });
        const delivered: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({
          after: marker,
          onEvent: async (recorded) => {
            if (recorded.streamId === stream) delivered.push(recorded);
          },
        });
        subscriptions.push(subscription);

        await waitUntil(() => delivered.length === 2);
        await store.appendToStream(stream, [event('After1')], { expectedRevision: 1 });
        await store.appendToStream(stream, [event('After2')], { expectedRevision: 2 });
        await waitUntil(() => delivered.length === 4);
        await subscription.close();
        await store.appendToStream(stream, [event('AfterClose')], { expectedRevision: 3 });
        await pause(300);

        expect(delivered.map((e) => e.type)).toEqual(['Before1', 'Before2', 'After1', 'After2']);
        expect(delivered.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('never runs two handlers at once', async () => {
        const store = await openStore();
        const stream = newStreamId('burst');
        const marker = await appendMarker(store);
        let running = 0;
        let mostAtOnce = 0;
        const delivered: string[] = [];
        subscriptions.push(
          store.subscribeToAll({
            after: marker,
            onEvent: async (recorded) => {
              if (recorded.streamId !== stream) return;
              running += 1;
              mostAtOnce = Math.max(mostAtOnce, running);
              await pause(2);
              delivered.push(recorded.type);
              running -= 1;
            },
          }),
        );

        const types = Array.from({ length: 10 }, (_, index) => `Tick${index}`);
        for (const [index, type] of types.entries()) {
          await store.appendToStream(stream, [event(type)], {
            expectedRevision: index === 0 ? 'no_stream' : index - 1,
          });
        }
        await waitUntil(() => delivered.length === types.length);

        expect(delivered).toEqual(types);
        expect(mostAtOnce).toBe(1);
      });

      it('stops at the first failing handler and reports its error', async () => {
        const store = await openStore();
        const stream = newStreamId('failing');
        const marker = await appendMarker(store);
        await store.appendToStream(stream, [event('Fine'), event('Poison'), event('Never')], {
          expectedRevision: 'no_stream',
        });
        const handled: string[] = [];
        const reported: unknown[] = [];
        const failure = new Error('projection failed');

        subscriptions.push(
          store.subscribeToAll({
            after: marker,
            onEvent: async (recorded) => {
              if (recorded.streamId !== stream) return;
              handled.push(recorded.type);
              if (recorded.type === 'Poison') throw failure;
            },
            onError: (error) => reported.push(error),
          }),
        );
        await waitUntil(() => reported.length === 1);
        await pause(100);

        expect(reported).toEqual([failure]);
        expect(handled).toEqual(['Fine', 'Poison']);
      });
    });

    describe('concurrent writers', () => {
      const RACES = 20;

      it(`lets exactly one of two writers with the same expected revision win, ${RACES} times out of ${RACES}`, async () => {
        const [writerA, writerB] = [await openStore(), await openStore()];

        for (let race = 0; race < RACES; race += 1) {
          const stream = newStreamId('race');
          // Half the races create the stream, half extend it: both checks must hold under contention.
          const racesOnCreation = race % 2 === 0;
          if (!racesOnCreation) {
            await writerA.appendToStream(stream, [event('Opened')], { expectedRevision: 'no_stream' });
          }
          const expectedRevision = racesOnCreation ? 'no_stream' : 0;
          const [fromA, fromB] = [event('ByA'), event('ByB')];

          const outcomes = await Promise.allSettled([
            writerA.appendToStream(stream, [fromA], { expectedRevision }),
            writerB.appendToStream(stream, [fromB], { expectedRevision }),
          ]);

          const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
          expect(winners).toHaveLength(1);
          expect(losers).toHaveLength(1);
          expectConflict(losers[0], {
            streamId: stream,
            expected: expectedRevision,
            actual: racesOnCreation ? 0 : 1,
          });
          const winningEvent = outcomes[0].status === 'fulfilled' ? fromA : fromB;
          const stored = await writerA.readStream(stream);
          expect(stored.map((e) => e.eventId)).toEqual([
            ...(racesOnCreation ? [] : [expect.any(String)]),
            winningEvent.eventId,
          ]);
        }
      });
    });

    describe('event ids', () => {
      it('keeps a given event id and generates distinct ones when absent', async () => {
        const store = await openStore();
        const stream = newStreamId('ids');
        const given = event('Given');
        const withoutIds = Array.from({ length: 5 }, () => ({ type: 'Generated', data: {} }));

        await store.appendToStream(stream, [given, ...withoutIds], { expectedRevision: 'no_stream' });

        const ids = (await store.readStream(stream)).map((e) => e.eventId);
        expect(ids[0]).toBe(given.eventId);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('never stores an event id twice: a retried append is rejected or absorbed, per adapter', async () => {
        const store = await openStore();
        const stream = newStreamId('retried');
        const marker = await appendMarker(store);
        const batch = [event('Paid'), event('Receipted')];
        await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });

        // SQLite rejects the duplicate ids; EventStoreDB acknowledges an idempotent retry.
        await store.appendToStream(stream, batch, { expectedRevision: 'any' }).catch(() => undefined);

        const logged = (await store.readAll({ after: marker })).filter(inStreams(stream));
        expect(logged.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
      });
    });
  });
}

type EventWithId = EventToAppend & { readonly eventId: string };

function event(type: string, content: Pick<EventToAppend, 'data' | 'metadata'> = { data: {} }): EventWithId {
  return { eventId: randomUUID(), type, ...content };
}

function newStreamId(category: string): string {
  return `contract_${category}-${randomUUID()}`;
}

/** Appends an event to a throwaway stream and returns its position: the start of this test's log. */
async function appendMarker(store: EventStore): Promise<string> {
  const { lastPosition } = await store.appendToStream(newStreamId('marker'), [event('Marker')], {
    expectedRevision: 'no_stream',
  });
  return lastPosition;
}

function inStreams(...streamIds: string[]): (recorded: RecordedEvent) => boolean {
  return (recorded) => streamIds.includes(recorded.streamId);
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise was fulfilled');
}

function expectConflict(
  error: unknown,
  expected: Pick<WrongExpectedRevisionError, 'streamId' | 'expected' | 'actual'>,
): void {
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ code: 'EVENT_STORE.WRONG_EXPECTED_REVISION', kind: 'conflict', ...expected });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await pause(10);
  }
}
