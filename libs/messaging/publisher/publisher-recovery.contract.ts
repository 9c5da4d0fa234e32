/**
 * The publisher's promise, checked over each bus adapter: killed half way and restarted on the
 * same checkpoint, it publishes every public event at least once, and a projection consuming
 * the topic ends exactly where a single clean pass would have left it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IntegrationEnvelope } from '@osteo/contracts';
import type { CheckpointStore, EventStore } from '@osteo/event-sourcing';
import { InMemoryReadStore, type ReadStore } from '@osteo/read-store';
import { type BusSubscription, EventBus, type OutgoingMessage, type SubscribeOptions } from '../event-bus';
import type { MessagingLogger } from '../messaging-logger';
import { ProjectionRunner } from '../projection/document-projection';
import { subscribeProjection } from '../projection/subscribe-projection';
import {
  cabinetHistory,
  type CabinetEvent,
  cabinetRosterProjection,
  toAppend,
  toPublicCabinetEvent,
} from '../test-support/cabinet-roster';
import { EventPublisher } from './event-publisher';

export interface PublisherRecoveryFixture {
  readonly openBus: () => Promise<EventBus>;
  readonly openStore: () => Promise<{ readonly store: EventStore; readonly checkpoints: CheckpointStore }>;
}

const TOPIC = 'cabinets.events';

export function describePublisherRecovery(name: string, fixture: PublisherRecoveryFixture): void {
  describe(`EventPublisher over ${name}`, () => {
    it(
      'given a publisher killed half way, when a new one resumes from its checkpoint, ' +
        'then every event arrives at least once and the projection matches a clean pass',
      async () => {
        const bus = await fixture.openBus();
        const { store, checkpoints } = await fixture.openStore();
        try {
          const history = cabinetHistory(8, 15);
          const appendedBeforeCrash = history.slice(0, 80);
          const appendedAfterRestart = history.slice(80);
          await appendAll(store, appendedBeforeCrash);

          const deliveries: IntegrationEnvelope[] = [];
          await bus.subscribe({
            groupId: 'audit',
            topics: [TOPIC],
            handle: async (message) => void deliveries.push(message.envelope),
          });
          const rosters = new InMemoryReadStore();
          await subscribeProjection(bus, rosters, {
            groupId: 'cabinet-rosters',
            topics: [TOPIC],
            projections: [cabinetRosterProjection],
          });

          const logged: string[] = [];
          const publisherOptions = {
            store,
            checkpoints,
            topic: TOPIC,
            toIntegrationEvent: toPublicCabinetEvent,
            maxBatchSize: 10,
            retry: { initialDelayMs: 10, maxDelayMs: 50 },
            logger: { log: (level, message) => void logged.push(`${level}: ${message}`) } satisfies MessagingLogger,
          };

          // The first publisher dies during its fourth publish, after half of that batch went out.
          const dyingBus = new BusDyingDuringPublish(bus, 4);
          const first = new EventPublisher({ ...publisherOptions, bus: dyingBus });
          await first.start();
          await dyingBus.died;
          await first.stop();

          expect(logged).toContain('warn: Publishing a batch of events failed; retrying after a pause');
          const checkpoint = await checkpoints.load(`publisher:${TOPIC}`);
          const notCheckpointed = new Set(
            (await store.readAll({ after: checkpoint ?? undefined })).map((event) => event.eventId),
          );
          const checkpointedPublicIds = (await store.readAll())
            .filter((event) => !notCheckpointed.has(event.eventId) && toPublicCabinetEvent(event) !== null)
            .map((event) => event.eventId);
          // Checkpointed only once acknowledged: nothing behind the checkpoint missed the broker.
          expect(checkpointedPublicIds.length).toBeGreaterThan(0);
          expect(dyingBus.acknowledgedEventIds).toEqual(expect.arrayContaining(checkpointedPublicIds));

          const second = new EventPublisher({ ...publisherOptions, bus });
          await second.start();
          await appendAll(store, appendedAfterRestart);
          await second.waitUntilCaughtUp();
          await second.stop();

          const published = (await store.readAll()).flatMap((event) => toPublicCabinetEvent(event) ?? []);
          const publishedIds = published.map((envelope) => envelope.eventId);
          await eventually(() =>
            expect(new Set(deliveries.map((envelope) => envelope.eventId))).toEqual(new Set(publishedIds)),
          );
          // The half batch acknowledged before the crash was published again after it.
          expect(deliveries.length).toBeGreaterThan(published.length);

          const cleanPass = new InMemoryReadStore();
          const cleanRunner = new ProjectionRunner(cleanPass, [cabinetRosterProjection]);
          for (const envelope of published) await cleanRunner.apply(envelope);
          const expectedRosters = await allRosters(cleanPass);
          expect(expectedRosters.length).toBeGreaterThan(0);
          await eventually(async () => expect(await allRosters(rosters)).toEqual(expectedRosters));
        } finally {
          await bus.close();
          await store.close();
        }
      },
    );
  });
}

async function appendAll(store: EventStore, events: readonly CabinetEvent[]): Promise<void> {
  for (const event of events) {
    await store.appendToStream(event.streamId, [toAppend(event, `request-${event.streamId}`)], {
      expectedRevision: 'any',
    });
  }
}

function allRosters(readStore: ReadStore): Promise<unknown[]> {
  return readStore.collection(cabinetRosterProjection.collection).find({}, { sort: { _id: 1 } });
}

async function eventually(assertion: () => void | Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
}

/**
 * Stands for a publisher process killed while publishing: during its `fatalCall`-th publish it
 * forwards the first half of the batch (which the broker acknowledges), then fails, and every
 * later publish fails too.
 */
class BusDyingDuringPublish extends EventBus {
  readonly acknowledgedEventIds: string[] = [];
  readonly died: Promise<void>;
  private reportDeath: () => void = () => undefined;
  private calls = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly fatalCall: number,
  ) {
    super();
    this.died = new Promise((resolve) => (this.reportDeath = resolve));
  }

  override async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.calls += 1;
    if (this.calls < this.fatalCall) return this.forward(topic, messages);
    if (this.calls === this.fatalCall) await this.forward(topic, messages.slice(0, Math.ceil(messages.length / 2)));
    this.reportDeath();
    throw new Error('The publisher process was killed before the broker acknowledged the batch');
  }

  override subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    return this.bus.subscribe(options);
  }

  override async close(): Promise<void> {
    // The real bus belongs to the test.
  }

  private async forward(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    await this.bus.publish(topic, messages);
    this.acknowledgedEventIds.push(...messages.map((message) => message.envelope.eventId));
  }
}
