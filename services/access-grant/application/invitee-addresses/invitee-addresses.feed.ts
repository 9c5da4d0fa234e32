import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { EventStore, type RecordedEvent, type StoreSubscription } from '@osteo/event-sourcing';
import { ProjectionRunner, ProjectionWriteGate, collectionsChangedBy, integrationEnvelopeOf } from '@osteo/messaging';
import { ReadStoreCheckpointStore } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { inviteeAddressesProjection } from './invitee-addresses.projection';

const CHECKPOINT = 'access-grant.private-read-models';
const PRIVATE_PROJECTIONS = [inviteeAddressesProjection];

/**
 * Feeds the invitee addresses from access-grant's own store, in commit order, as patient-records
 * feeds its private read models (private-read-models.feed.ts there, for the same reasons): the
 * address must not go to Kafka, and a write beside the append would be lost on a crash between
 * the two. The checkpoint lives in the read store beside the documents, equally durable: an
 * in-memory read store starts empty and replays the store; MongoDB resumes where it stopped.
 */
@Injectable()
export class InviteeAddressesFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: StoreSubscription | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly gate: ProjectionWriteGate,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const runner = new ProjectionRunner(this.readStore, PRIVATE_PROJECTIONS);
    const checkpoints = new ReadStoreCheckpointStore(this.readStore);
    const after = await checkpoints.load(CHECKPOINT);
    // No onError: a feed that stopped unnoticed would leave the lists without addresses; the store rethrows instead.
    this.subscription = this.store.subscribeToAll({
      after: after ?? undefined,
      onEvent: async (recorded) => {
        const envelope = asPrivateEnvelope(recorded);
        await this.gate.pass(collectionsChangedBy(envelope.type, PRIVATE_PROJECTIONS), () => runner.apply(envelope));
        await checkpoints.save(CHECKPOINT, recorded.position);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}

/** The envelope shape ProjectionRunner reads; handed to the runner and to nothing else. */
export function asPrivateEnvelope(recorded: RecordedEvent): IntegrationEnvelope {
  return integrationEnvelopeOf(recorded, recorded.type, recorded.data);
}
