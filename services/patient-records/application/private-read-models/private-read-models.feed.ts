import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { EventStore, type RecordedEvent, type StoreSubscription } from '@osteo/event-sourcing';
import { ProjectionRunner, ProjectionWriteGate, collectionsChangedBy, integrationEnvelopeOf } from '@osteo/messaging';
import { ReadStoreCheckpointStore } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import { patientConsultationsProjection } from '../patient-consultations/patient-consultations.projection';
import { PATIENT_DIRECTORY, patientDirectoryProjection } from '../patient-directory/patient-directory.projection';

const CHECKPOINT = 'patient-records.private-read-models';
const PRIVATE_PROJECTIONS = [patientDirectoryProjection, patientConsultationsProjection];

/**
 * Feeds patient-records' private read models (the directory searched by name, the consultations
 * of each patient) from this service's own event store, inside this service.
 *
 * Why not the bus, like every other projection: what these read models hold (names, reasons,
 * examinations, notes) must never leave patient-records, and the bus is Kafka in the distributed
 * profile. Why not writes from the command handlers: that would be a second write beside the
 * append, lost on a crash between the two. So the read models follow the store, in commit order,
 * as the publisher does, through the same idempotent ProjectionRunner: each stored event is put in
 * the envelope shape the runner reads, and goes nowhere else. The checkpoint lives in the read
 * store beside the documents it describes, so the two are equally durable: an in-memory read
 * store starts empty and replays the whole store; MongoDB resumes where it stopped.
 *
 * Single records are not read here: GET /patients/:id and the access log read their own streams,
 * so what was just written is always there.
 */
@Injectable()
export class PrivateReadModelsFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: StoreSubscription | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly gate: ProjectionWriteGate,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.readStore.collection(PATIENT_DIRECTORY).createIndex({ keys: { cabinetId: 1, lastNameFolded: 1, firstNameFolded: 1 } });
    const runner = new ProjectionRunner(this.readStore, PRIVATE_PROJECTIONS);
    const checkpoints = new ReadStoreCheckpointStore(this.readStore);
    const after = await checkpoints.load(CHECKPOINT);
    // No onError: a feed that stopped unnoticed would leave searches stale; the store rethrows instead.
    this.subscription = this.store.subscribeToAll({
      after: after ?? undefined,
      onEvent: async (recorded) => {
        const envelope = asPrivateEnvelope(recorded);
        // Through the gate, so `npm run rebuild` can swap a rebuilt read model in between two events.
        await this.gate.pass(collectionsChangedBy(envelope.type, PRIVATE_PROJECTIONS), () => runner.apply(envelope));
        await checkpoints.save(CHECKPOINT, recorded.position);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}

/** The envelope shape ProjectionRunner reads; it is handed to the runner and to nothing else. */
export function asPrivateEnvelope(recorded: RecordedEvent): IntegrationEnvelope {
  return integrationEnvelopeOf(recorded, recorded.type, recorded.data);
}
