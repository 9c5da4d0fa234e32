import type { IntegrationEnvelope } from '@osteo/contracts';
import { EventStore, type RecordedEvent, type StoreSubscription } from '@osteo/event-sourcing';
import { DocumentProjection, ProjectionRunner, ProjectionWriteGate, collectionsChangedBy, integrationEnvelopeOf } from '@osteo/messaging';
import type { ReadDocument, ReadStore } from '@osteo/read-store';
import { ReadStoreCheckpointStore } from './read-store-checkpoint-store';

const POLL_EVERY_MS = 20;
/** Past it `caughtUp` fails and its caller is retried (a bus handler, with backoff): a stalled feed is no reason to hang. */
const CATCH_UP_TIMEOUT_MS = 30_000;

/**
 * Read models a service feeds from its own event store instead of the bus: what they hold must
 * not leave the service (the bus is Kafka), and a write beside the append would be lost on a crash
 * between the two. In commit order, through the idempotent ProjectionRunner and the rebuild's write
 * gate; the checkpoint lives in the read store beside the documents, so both are equally durable.
 */
export class StoreFedReadModels {
  private subscription: StoreSubscription | null = null;
  /** The position of the last event applied; null before the first. */
  private applied: string | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly gate: ProjectionWriteGate,
    private readonly checkpoint: string,
    private readonly projections: readonly DocumentProjection<ReadDocument>[],
  ) {}

  async start(): Promise<void> {
    const runner = new ProjectionRunner(this.readStore, this.projections);
    const checkpoints = new ReadStoreCheckpointStore(this.readStore);
    this.applied = await checkpoints.load(this.checkpoint);
    // No onError: read models that stopped following the store unnoticed would go stale; the store rethrows instead.
    this.subscription = this.store.subscribeToAll({
      after: this.applied ?? undefined,
      onEvent: async (recorded) => {
        const envelope = asPrivateEnvelope(recorded);
        await this.gate.pass(collectionsChangedBy(envelope.type, this.projections), () => runner.apply(envelope));
        await checkpoints.save(this.checkpoint, recorded.position);
        this.applied = recorded.position;
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  /** Resolves once every event in the store when called has been applied. */
  async caughtUp(): Promise<void> {
    const giveUpAt = Date.now() + CATCH_UP_TIMEOUT_MS;
    for (;;) {
      const [unapplied] = await this.store.readAll({ after: this.applied ?? undefined, maxCount: 1 });
      if (unapplied === undefined) return;
      const waitingFor = this.applied;
      while (this.applied === waitingFor) {
        if (Date.now() > giveUpAt) throw new Error(`the read models of ${this.checkpoint} have not applied ${unapplied.position} within ${CATCH_UP_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
      }
    }
  }
}

/** A stored event in the envelope shape ProjectionRunner reads; handed to the runner and to nothing else. */
export function asPrivateEnvelope(recorded: RecordedEvent): IntegrationEnvelope {
  return integrationEnvelopeOf(recorded, recorded.type, recorded.data);
}
