import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
  OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { PROCESS_LOG } from '@osteo/http';
import type { IntegrationEnvelope } from '@osteo/contracts';
import {
  CheckpointStore,
  EventStore,
  EventStoreDbEventStore,
  InMemoryCheckpointStore,
  RecordedEvent,
  SqliteCheckpointStore,
  SqliteEventStore,
} from '@osteo/event-sourcing';
import {
  BusSubscription,
  DocumentProjection,
  EventBus,
  EventPublisher,
  type EventPublisherOptions,
  LeasedEventPublisher,
  ProjectionWriteGate,
  PublisherLease,
  subscribeProjection,
} from '@osteo/messaging';
import { CachingSubjectKeyStore, PersonalDataEventStore, type PersonalDataPolicy, ReadStoreSubjectKeyStore, SqliteSubjectKeyStore, SubjectKeyStore } from '@osteo/personal-data';
import { InMemoryReadStore, MongoReadStore, ReadStore } from '@osteo/read-store';
import type { Logger as ProcessLog } from 'pino';
import { SystemClock } from './clock';
import { PublishersInProcess } from './publishers-in-process';
import { EventFlowMetrics } from './observability/event-flow-metrics';
import { messagingLogOf } from './observability/messaging-log';
import { ReadinessChecks } from './observability/readiness-checks';
import { PLATFORM_CONFIG } from './platform.module';
import type { PlatformConfig } from './platform-config';
import { ReadStoreCheckpointStore } from './read-store-checkpoint-store';
import { InstanceWriteHolds } from './rebuild/instance-write-holds';
import { ReadModelRebuilds } from './rebuild/read-model-rebuilds';
import { type RebuildableReadModelSpec, rebuildableReadModelsOf } from './rebuild/rebuildable-read-models';

/** What a service declares about its events; the module wires the adapters the profile chose. */
export interface ServiceEventFlowSpec {
  /** Service name: names its event store file, its read database and its consumer groups. */
  readonly name: string;
  /**
   * The public topic this service publishes its store's events to, and the translation. It gets
   * the process's configuration for what a translation may need besides the event: identity's
   * e-mail digest key.
   */
  readonly publishes?: {
    readonly topic: string;
    readonly toIntegrationEvent: (recorded: RecordedEvent, config: PlatformConfig) => IntegrationEnvelope | null;
  };
  /** Read models this service keeps, fed from these topics (the access projection is AccessModule's). */
  readonly projections?: {
    readonly topics: readonly string[];
    readonly projections: readonly DocumentProjection[];
  };
  /**
   * Read models `npm run rebuild -- <service> <name>` rebuilds from this service's own store, by
   * name. `'published'`: one of `projections`, fed by this service's own topic, so its live
   * envelopes are `publishes.toIntegrationEvent` of the stored events. Otherwise the translation
   * of the in-service feed that writes it (whose writes must pass the ProjectionWriteGate).
   */
  readonly rebuildable?: Readonly<Record<string, RebuildableReadModelSpec>>;
  /**
   * The personal fields of this service's events: stored encrypted with a key per subject, kept
   * in the service's SubjectKeyStore (crypto-shredding, libs/personal-data). Every reader of the
   * EventStore sees them decrypted, or erased once the subject's key is erased.
   */
  readonly personalData?: PersonalDataPolicy;
}

/** The service's ServiceEventFlowSpec, for what serves the service beside this module (AccessModule). */
export const SERVICE_SPEC = Symbol('SERVICE_SPEC');

async function openEventStore(config: PlatformConfig, name: string): Promise<EventStore> {
  return config.eventStore.kind === 'eventstoredb'
    ? EventStoreDbEventStore.connect(config.eventStore.url, name)
    : SqliteEventStore.open(join(config.dataDir, `${name}.events.sqlite`));
}

/** The MongoDB store reports its reconnections (after a database restart) in the process log. */
async function openReadStore(config: PlatformConfig, name: string, processLog: ProcessLog): Promise<ReadStore> {
  return config.readStore.kind === 'mongodb'
    ? MongoReadStore.connect(config.readStore.url, `${config.readStore.databasePrefix}${name.replace(/-/g, '_')}`, { log: processLog.child({ context: 'read-store' }) })
    : new InMemoryReadStore();
}

/**
 * Keys follow the read store: where it is MongoDB (distributed), a collection there, which every
 * instance of the service shares and backs up with the database; where it is in memory
 * (embedded), a SQLite file of its own beside the event store, since the keys must survive a
 * restart as the events do.
 */
function openSubjectKeyStore(config: PlatformConfig, name: string, readStore: ReadStore): SubjectKeyStore {
  const keys = config.readStore.kind === 'mongodb' ? new ReadStoreSubjectKeyStore(readStore) : new SqliteSubjectKeyStore(join(config.dataDir, `${name}.keys.sqlite`));
  return new CachingSubjectKeyStore(keys);
}

/**
 * The publisher's checkpoint must be exactly as durable as the bus: with the in-process bus
 * (gone at every restart) it starts from zero so the fresh read models are rebuilt; with Kafka
 * it is kept next to the events (SQLite) or next to the read models (EventStoreDB).
 */
function openPublisherCheckpoints(config: PlatformConfig, store: EventStore, readStore: ReadStore): CheckpointStore {
  if (config.eventBus.kind === 'in-process') return new InMemoryCheckpointStore();
  const stored = store instanceof PersonalDataEventStore ? store.inner : store;
  if (stored instanceof SqliteEventStore) return new SqliteCheckpointStore(stored);
  return new ReadStoreCheckpointStore(readStore);
}

/**
 * This instance among those of its service, one per application: the holder in the publisher's
 * lease, the member in the rebuild's write holds, and the `instance` of their logs. Host and pid
 * for operators, and a random part, since one process may run two applications (tests).
 */
const SERVICE_INSTANCE = Symbol('SERVICE_INSTANCE');

function newInstanceId(): string {
  return `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

/** What the flow asks of its publisher, leased or not. */
interface Publisher {
  start(): Promise<void>;
  stop(): Promise<void>;
  waitUntilCaughtUp(timeoutMs?: number): Promise<void>;
}

/**
 * Several instances of a service share its stores only where the bus is Kafka and the read store
 * MongoDB: there one publisher at a time holds a lease in the read store, and its checkpoint moves
 * into the lease's document (fenced, libs/messaging/publisher/publisher-lease.ts), starting from
 * the one kept before. Elsewhere (the embedded profile, one process) the publisher runs as before,
 * with no lease to pay for.
 */
function openPublisher(
  config: PlatformConfig,
  store: EventStore,
  readStore: ReadStore,
  options: Omit<EventPublisherOptions, 'checkpoints'>,
  metrics: EventFlowMetrics,
  instance: string,
): Publisher {
  const previousCheckpoints = openPublisherCheckpoints(config, store, readStore);
  if (config.eventBus.kind !== 'kafka' || config.readStore.kind !== 'mongodb') return new EventPublisher({ ...options, checkpoints: previousCheckpoints });
  const lease = new PublisherLease({
    readStore,
    name: `publisher:${options.topic}`,
    holder: instance,
    clock: new SystemClock(),
    leaseMs: config.publisherLeaseMs,
    previousCheckpoints,
  });
  // 0 until this instance holds the lease: the standby instances show up in the metrics too.
  metrics.publisherLeaseChanged(options.topic, false);
  return new LeasedEventPublisher({
    ...options,
    lease,
    renewEveryMs: Math.floor(config.publisherLeaseMs / 3),
    onLeaseHeld: (held) => metrics.publisherLeaseChanged(options.topic, held),
    onFencedOff: () => metrics.publisherCheckpointFencedOff(options.topic),
  });
}

/** Starts the service's publisher and projections once the application is up; stops them first on shutdown. */
@Injectable()
export class ServiceEventFlow implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private publisher: Publisher | null = null;
  private projectionSubscription: BusSubscription | null = null;
  private markStarted!: () => void;
  /** Resolved once bootstrapped: asked earlier, `publishedUpToNow` cannot know what there is to publish. */
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  constructor(
    @Inject(SERVICE_SPEC) private readonly spec: ServiceEventFlowSpec,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly bus: EventBus,
    private readonly metrics: EventFlowMetrics,
    @Inject(PROCESS_LOG) private readonly processLog: ProcessLog,
    private readonly gate: ProjectionWriteGate,
    publishersInProcess: PublishersInProcess,
    @Inject(SERVICE_INSTANCE) private readonly instance: string,
  ) {
    this.logger = new Logger(`${spec.name}.event-flow`);
    publishersInProcess.register(() => this.publishedUpToNow());
  }

  async onApplicationBootstrap(): Promise<void> {
    const { projections, publishes, name } = this.spec;
    // Projections subscribe first, so with the in-process bus nothing published at start is missed.
    if (projections) {
      const groupId = `${name}.read-models`;
      this.metrics.watchConsumerGroup({ groupId, topics: projections.topics });
      this.projectionSubscription = await subscribeProjection(this.bus, this.readStore, {
        groupId,
        topics: projections.topics,
        projections: projections.projections,
        gate: this.gate,
        onApplied: (message) => this.metrics.projectionApplied(groupId, message.envelope.occurredAt),
      });
    }
    if (publishes) {
      // Created or checked now (retention, libs/messaging/kafka/kafka-topics.ts): a topic that
      // cannot be made right fails the start, not the first publish, however late that comes.
      await this.bus.prepareTopics([publishes.topic]);
      const publisherOptions: Omit<EventPublisherOptions, 'checkpoints'> = {
        store: this.store,
        bus: this.bus,
        topic: publishes.topic,
        toIntegrationEvent: (recorded) => publishes.toIntegrationEvent(recorded, this.config),
        logger: messagingLogOf(this.processLog.child({ component: `${name}.publisher`, instance: this.instance })),
        onCheckpoint: (position) => this.metrics.publisherCheckpointed(publishes.topic, position),
      };
      this.publisher = openPublisher(this.config, this.store, this.readStore, publisherOptions, this.metrics, this.instance);
      await this.publisher.start();
    }
    this.logger.log(`started (${this.config.eventStore.kind} store, ${this.config.eventBus.kind} bus, ${this.config.readStore.kind} read models)`);
    this.markStarted();
  }

  async onModuleDestroy(): Promise<void> {
    await this.publisher?.stop();
    await this.projectionSubscription?.close();
  }

  /** Resolves once every event already in the store has been published (tests, benchmarks). */
  async publishedUpToNow(timeoutMs?: number): Promise<void> {
    await this.started;
    await this.publisher?.waitUntilCaughtUp(timeoutMs);
  }
}

/** Any read answers: the store is open and reachable. The collection need not exist. */
const READINESS_PROBE_COLLECTION = 'readiness-probe';

@Injectable()
class StoreReadiness {
  constructor(@Inject(SERVICE_SPEC) spec: ServiceEventFlowSpec, store: EventStore, readStore: ReadStore, readiness: ReadinessChecks) {
    readiness.register(`${spec.name}.event-store`, () => store.readAll({ maxCount: 1 }));
    readiness.register(`${spec.name}.read-store`, () => readStore.collection(READINESS_PROBE_COLLECTION).findOne({}));
  }
}

@Injectable()
class RebuildableReadModelsRegistration {
  constructor(
    @Inject(SERVICE_SPEC) spec: ServiceEventFlowSpec,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    store: EventStore,
    readStore: ReadStore,
    gate: ProjectionWriteGate,
    rebuilds: ReadModelRebuilds,
  ) {
    rebuilds.register(spec.name, {
      store,
      readStore,
      gate,
      readModels: rebuildableReadModelsOf(spec, config),
      afterSwap: async (collection) => {
        const swapped = Object.values(spec.rebuildable ?? {}).find(({ projection }) => projection.collection === collection);
        await swapped?.afterSwap?.(readStore);
      },
    });
  }
}

/** How often each instance says it is alive and reads the rebuild holds of the others. */
const WRITE_HOLD_PERIOD_MS = 1_000;
/** An instance unseen for this long is not waited for, and its hold counts as released. */
const WRITE_HOLD_MEMBER_TIMEOUT_MS = 10_000;
const WRITE_HOLD_ACKNOWLEDGE_TIMEOUT_MS = 30_000;

/**
 * Where instances share the read store (MongoDB), a rebuild's hold holds the live writers of
 * every instance (docs/adr/0002-rebuild-gate.md, "Several instances"). Joins before any live
 * writer starts (they start at bootstrap, after every module's init).
 */
@Injectable()
class WriteHoldsAcrossInstances implements OnModuleInit, BeforeApplicationShutdown {
  private holds: InstanceWriteHolds | null = null;

  constructor(
    @Inject(SERVICE_SPEC) private readonly spec: ServiceEventFlowSpec,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly readStore: ReadStore,
    private readonly gate: ProjectionWriteGate,
    @Inject(PROCESS_LOG) private readonly processLog: ProcessLog,
    @Inject(SERVICE_INSTANCE) private readonly instance: string,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.readStore.kind !== 'mongodb') return;
    const { instance } = this;
    this.holds = new InstanceWriteHolds({
      readStore: this.readStore,
      gate: this.gate,
      instance,
      clock: new SystemClock(),
      periodMs: WRITE_HOLD_PERIOD_MS,
      memberTimeoutMs: WRITE_HOLD_MEMBER_TIMEOUT_MS,
      acknowledgeTimeoutMs: WRITE_HOLD_ACKNOWLEDGE_TIMEOUT_MS,
      logger: messagingLogOf(this.processLog.child({ component: `${this.spec.name}.write-holds`, instance })),
    });
    this.gate.holdAcrossInstances(this.holds);
    await this.holds.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.holds?.stop();
  }
}

@Injectable()
class StoreCloser implements OnApplicationShutdown {
  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.readStore.close();
  }
}

@Injectable()
class SubjectKeyStoreCloser implements OnApplicationShutdown {
  constructor(private readonly keys: SubjectKeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}

/**
 * A service's own event store and read store, chosen by the platform configuration, and the
 * flow between them and the bus. Import once per service module; its stores are that service's
 * alone (no service reads another's store).
 */
@Module({})
export class ServiceInfrastructureModule {
  static forService(spec: ServiceEventFlowSpec): DynamicModule {
    const { personalData } = spec;
    const eventStoreProviders: Provider[] = personalData
      ? [
          { provide: SubjectKeyStore, inject: [PLATFORM_CONFIG, ReadStore], useFactory: (config: PlatformConfig, readStore: ReadStore) => openSubjectKeyStore(config, spec.name, readStore) },
          {
            provide: EventStore,
            inject: [PLATFORM_CONFIG, SubjectKeyStore],
            useFactory: async (config: PlatformConfig, keys: SubjectKeyStore) => new PersonalDataEventStore(await openEventStore(config, spec.name), keys, personalData),
          },
          SubjectKeyStoreCloser,
        ]
      : [{ provide: EventStore, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => openEventStore(config, spec.name) }];
    return {
      module: ServiceInfrastructureModule,
      providers: [
        { provide: SERVICE_SPEC, useValue: spec },
        { provide: SERVICE_INSTANCE, useFactory: newInstanceId },
        ...eventStoreProviders,
        { provide: ReadStore, inject: [PLATFORM_CONFIG, PROCESS_LOG], useFactory: (config: PlatformConfig, processLog: ProcessLog) => openReadStore(config, spec.name, processLog) },
        // One per service: what its live projection writers pass, and its rebuilds hold.
        { provide: ProjectionWriteGate, useFactory: () => new ProjectionWriteGate() },
        WriteHoldsAcrossInstances,
        ServiceEventFlow,
        StoreReadiness,
        RebuildableReadModelsRegistration,
        StoreCloser,
      ],
      exports: [SERVICE_SPEC, EventStore, ReadStore, ServiceEventFlow, ProjectionWriteGate, ...(personalData ? [SubjectKeyStore] : [])],
    };
  }
}
