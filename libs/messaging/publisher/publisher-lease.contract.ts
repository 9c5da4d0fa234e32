import { InMemoryCheckpointStore, SqliteEventStore } from '@osteo/event-sourcing';
import type { ReadStore } from '@osteo/read-store';
import { toPublicCabinetEvent } from '../test-support/cabinet-roster';
import type { EventBus } from '../event-bus';
import { RecordingBus } from '../test-support/recording-bus';
import { LeasedEventPublisher } from './leased-event-publisher';
import { CheckpointFencedOffError, type LeaseClock, PublisherLease } from './publisher-lease';

const LEASE_MS = 10_000;
const NAME = 'publisher:cabinets.events';

/**
 * The PublisherLease on one ReadStore adapter, with a clock the test moves: acquisition,
 * renewal, expiry, takeover, the fenced checkpoint save, and a LeasedEventPublisher stepping
 * down when its late save is refused. `open` gives a fresh, empty store each time.
 */
export function describePublisherLeaseContract(adapter: string, open: () => Promise<ReadStore>): void {
  describe(`PublisherLease on ${adapter}`, () => {
    let readStore: ReadStore;
    let clock: MovableClock;
    const leaseOf = (holder: string, previous?: InMemoryCheckpointStore): PublisherLease =>
      new PublisherLease({ readStore, name: NAME, holder, clock, leaseMs: LEASE_MS, previousCheckpoints: previous });

    beforeEach(async () => {
      readStore = await open();
      clock = new MovableClock();
    });

    afterEach(async () => {
      await readStore.dropAll();
      await readStore.close();
    });

    it('given no lease yet, when an instance asks, then it holds token 1, starting from the checkpoint kept before leases', async () => {
      const previous = new InMemoryCheckpointStore();
      await previous.save(NAME, '42');
      const a = leaseOf('a', previous);

      expect(await a.acquireOrRenew()).toBe(true);

      expect(a.token).toBe(1);
      expect(await a.read()).toEqual({ holder: 'a', token: 1, expiresAt: new Date(clock.now().getTime() + LEASE_MS), position: '42' });
      expect(await a.checkpoints().load(NAME)).toBe('42');
    });

    it('given a live lease, when another instance asks, then it is refused, and renewals keep it refused past the first expiry', async () => {
      const a = leaseOf('a');
      const b = leaseOf('b');
      await a.acquireOrRenew();

      expect(await b.acquireOrRenew()).toBe(false);
      clock.advance(LEASE_MS / 2);
      expect(await a.acquireOrRenew()).toBe(true);
      clock.advance(LEASE_MS / 2 + 1);

      expect(await b.acquireOrRenew()).toBe(false);
      expect(b.token).toBeNull();
      expect((await a.read())?.holder).toBe('a');
    });

    it('given a lease past its expiry, when another instance asks, then it takes over with the next token and the former holder cannot renew', async () => {
      const a = leaseOf('a');
      const b = leaseOf('b');
      await a.acquireOrRenew();
      clock.advance(LEASE_MS + 1);

      expect(await b.acquireOrRenew()).toBe(true);

      expect(b.token).toBe(2);
      expect(await a.acquireOrRenew()).toBe(false);
      expect(a.token).toBeNull();
      expect((await b.read())?.holder).toBe('b');
    });

    it('given a lease past its expiry that nobody took over, when its holder renews, then it still holds it with the same token', async () => {
      const a = leaseOf('a');
      await a.acquireOrRenew();
      clock.advance(LEASE_MS * 3);

      expect(await a.acquireOrRenew()).toBe(true);
      expect(a.token).toBe(1);
    });

    it('given two instances taking an expired lease over at once, then exactly one gets it', async () => {
      const a = leaseOf('a');
      await a.acquireOrRenew();
      clock.advance(LEASE_MS + 1);
      const takers = ['b', 'c', 'd'].map((holder) => leaseOf(holder));

      const outcomes = await Promise.all(takers.map((taker) => taker.acquireOrRenew()));

      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect((await a.read())?.token).toBe(2);
    });

    it('given a holder whose lease was taken over, when it saves a checkpoint late, then the save is refused and the position stays the new holder’s', async () => {
      const a = leaseOf('a');
      const b = leaseOf('b');
      await a.acquireOrRenew();
      await a.checkpoints().save(NAME, '10');
      clock.advance(LEASE_MS + 1);
      await b.acquireOrRenew();
      await b.checkpoints().save(NAME, '20');

      await expect(a.checkpoints().save(NAME, '30')).rejects.toThrow(CheckpointFencedOffError);

      expect(a.token).toBeNull();
      expect(await b.checkpoints().load(NAME)).toBe('20');
    });

    it('given a released lease, when another instance asks, then it takes over at once', async () => {
      const a = leaseOf('a');
      const b = leaseOf('b');
      await a.acquireOrRenew();

      await a.release();

      expect(await b.acquireOrRenew()).toBe(true);
      expect(b.token).toBe(2);
    });

    it('given a publishing holder paused past its lease, when it resumes, then its late checkpoint is refused, it steps down, and nothing is lost', async () => {
      const store = SqliteEventStore.open(':memory:');
      await store.appendToStream('cabinet-1', [{ type: 'CabinetOpened', data: { name: 'Cabinet du Parc' } }], { expectedRevision: 'no_stream' });
      await store.appendToStream('cabinet-2', [{ type: 'CabinetOpened', data: { name: 'Cabinet des Lilas' } }], { expectedRevision: 'no_stream' });
      const busA = new RecordingBus();
      const busB = new RecordingBus();
      const fencedOff: CheckpointFencedOffError[] = [];
      const publisherOf = (lease: PublisherLease, bus: EventBus): LeasedEventPublisher =>
        new LeasedEventPublisher({
          lease,
          store,
          bus,
          topic: 'cabinets.events',
          toIntegrationEvent: toPublicCabinetEvent,
          renewEveryMs: 60_000,
          logger: { log: () => undefined },
          onFencedOff: (error) => fencedOff.push(error),
        });
      const a = publisherOf(leaseOf('a'), busA);
      const b = publisherOf(leaseOf('b'), busB);
      try {
        // A reads both events and hands them to the broker, which has not acknowledged yet: A is "paused".
        const acknowledgeA = busA.holdNextPublish();
        await a.start();
        await busA.publishStarted;
        expect(a.publishing).toBe(true);

        // Past A's lease, B takes over and publishes from the last checkpoint (none yet).
        clock.advance(LEASE_MS + 1);
        await b.start();
        expect(b.publishing).toBe(true);
        await b.waitUntilCaughtUp();
        const endOfStore = (await leaseOf('reader').read())?.position;

        // A resumes: its broker acknowledges, its checkpoint save is refused, it steps down without throwing.
        acknowledgeA();
        await until(() => fencedOff.length === 1);
        await a.turn();

        expect(a.publishing).toBe(false);
        expect(fencedOff[0]?.token).toBe(1);
        expect((await leaseOf('reader').read())?.position).toBe(endOfStore);
        // A's messages are duplicates of B's (same envelopes, same eventIds): consumers absorb them.
        expect(busA.published.map((message) => message.envelope.eventId)).toEqual(busB.published.map((message) => message.envelope.eventId));
        expect(busB.published).toHaveLength(2);

        // Once B stops (releasing the lease), A takes over from B's checkpoint: only what is new.
        await b.stop();
        await store.appendToStream('cabinet-3', [{ type: 'CabinetOpened', data: { name: 'Cabinet du Port' } }], { expectedRevision: 'no_stream' });
        await a.turn();
        expect(a.publishing).toBe(true);
        await a.waitUntilCaughtUp();
        expect(busA.published.map((message) => message.key)).toEqual(['cabinet-1', 'cabinet-2', 'cabinet-3']);
        expect((await leaseOf('reader').read())?.token).toBe(3);
      } finally {
        await a.stop();
        await b.stop();
        await store.close();
      }
    });
  });
}

class MovableClock implements LeaseClock {
  private at = Date.parse('2026-03-02T09:00:00.000Z');

  now(): Date {
    return new Date(this.at);
  }

  advance(ms: number): void {
    this.at += ms;
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
