import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { EventStore, type RecordedEvent, type StoreSubscription } from '@osteo/event-sourcing';
import { ProjectionRunner, ProjectionWriteGate, collectionsChangedBy, integrationEnvelopeOf } from '@osteo/messaging';
import { ReadStoreCheckpointStore } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { appointmentsProjection } from './appointments.projection';

const CHECKPOINT = 'planning.private-read-models';
const POLL_EVERY_MS = 20;
/** Past it the caller fails and is retried (a bus handler, with backoff): a stalled feed is no reason to hang. */
const CATCH_UP_TIMEOUT_MS = 30_000;

/**
 * Feeds planning_appointments from planning's own event store, inside planning, as
 * patient-records feeds its directory: the agenda shows the patient's name, which planning.events
 * no longer carries (a topic cannot be crypto-shredded). In commit order, through the idempotent
 * ProjectionRunner and the write gate (so `npm run rebuild` can swap the collection in between two
 * events); the checkpoint lives in the read store beside the documents, equally durable.
 */
@Injectable()
export class AppointmentsFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: StoreSubscription | null = null;
  /** The position of the last event applied; null before the first. */
  private applied: string | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly gate: ProjectionWriteGate,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const runner = new ProjectionRunner(this.readStore, [appointmentsProjection]);
    const checkpoints = new ReadStoreCheckpointStore(this.readStore);
    this.applied = await checkpoints.load(CHECKPOINT);
    // No onError: an agenda that stopped following the store unnoticed would go stale; the store rethrows instead.
    this.subscription = this.store.subscribeToAll({
      after: this.applied ?? undefined,
      onEvent: async (recorded) => {
        const envelope = asPrivateEnvelope(recorded);
        await this.gate.pass(collectionsChangedBy(envelope.type, [appointmentsProjection]), () => runner.apply(envelope));
        await checkpoints.save(CHECKPOINT, recorded.position);
        this.applied = recorded.position;
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }

  /**
   * Resolves once every event in the store when called has been applied. The erasure waits for
   * it after deleting a key: an event read (decrypted) just before is then in the agenda, where
   * the erasure finds it, and every later read is erased anyway.
   */
  async caughtUp(): Promise<void> {
    const giveUpAt = Date.now() + CATCH_UP_TIMEOUT_MS;
    for (;;) {
      const [unapplied] = await this.store.readAll({ after: this.applied ?? undefined, maxCount: 1 });
      if (unapplied === undefined) return;
      const waitingFor = this.applied;
      while (this.applied === waitingFor) {
        if (Date.now() > giveUpAt) throw new Error(`planning's agenda feed has not applied ${unapplied.position} within ${CATCH_UP_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
      }
    }
  }
}

/** The envelope shape ProjectionRunner reads; handed to the runner and to nothing else. */
export function asPrivateEnvelope(recorded: RecordedEvent): IntegrationEnvelope {
  return integrationEnvelopeOf(recorded, recorded.type, recorded.data);
}
