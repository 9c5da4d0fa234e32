import { InMemoryCheckpointStore, SqliteCheckpointStore, SqliteEventStore } from '@osteo/event-sourcing';
import { InProcessEventBus } from '../in-process/in-process-event-bus';
import { toPublicCabinetEvent } from '../test-support/cabinet-roster';
import { RecordingBus } from '../test-support/recording-bus';
import { EventPublisher } from './event-publisher';
import { describePublisherRecovery } from './publisher-recovery.contract';

describePublisherRecovery('the in-process bus and an in-memory SQLite store', {
  openBus: async () => new InProcessEventBus({ handlerRetry: { initialDelayMs: 5, maxDelayMs: 50 } }),
  openStore: async () => {
    const store = SqliteEventStore.open(':memory:');
    return { store, checkpoints: new SqliteCheckpointStore(store) };
  },
});

describe('EventPublisher', () => {
  it('given only private events, when it catches up, then nothing is published but the checkpoint passes them', async () => {
    const store = SqliteEventStore.open(':memory:');
    const checkpoints = new InMemoryCheckpointStore();
    const bus = new RecordingBus();
    const { lastPosition } = await store.appendToStream(
      'cabinet-1',
      [
        { type: 'CabinetNotesEdited', data: { notes: 'first' } },
        { type: 'CabinetNotesEdited', data: { notes: 'second' } },
      ],
      { expectedRevision: 'no_stream' },
    );
    const publisher = new EventPublisher({
      store,
      checkpoints,
      bus,
      topic: 'cabinets.events',
      toIntegrationEvent: toPublicCabinetEvent,
    });

    await publisher.start();
    await publisher.waitUntilCaughtUp();
    await publisher.stop();
    await store.close();

    expect(bus.published).toEqual([]);
    expect(await checkpoints.load('publisher:cabinets.events')).toBe(lastPosition);
  });

  it('given a batch in flight, when stopped, then it waits for the acknowledgement and saves the checkpoint', async () => {
    const store = SqliteEventStore.open(':memory:');
    const checkpoints = new InMemoryCheckpointStore();
    const bus = new RecordingBus();
    const acknowledge = bus.holdNextPublish();
    const { lastPosition } = await store.appendToStream(
      'cabinet-1',
      [{ type: 'CabinetOpened', data: { name: 'Cabinet du Parc' } }],
      { expectedRevision: 'no_stream' },
    );
    const publisher = new EventPublisher({
      store,
      checkpoints,
      bus,
      topic: 'cabinets.events',
      toIntegrationEvent: toPublicCabinetEvent,
    });
    await publisher.start();
    await bus.publishStarted;

    const stopped = publisher.stop();
    acknowledge();
    await stopped;
    await store.close();

    expect(bus.published.map((message) => message.key)).toEqual(['cabinet-1']);
    expect(await checkpoints.load('publisher:cabinets.events')).toBe(lastPosition);
  });
});
