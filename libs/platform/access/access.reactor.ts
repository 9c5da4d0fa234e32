import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AccessReader, accessChangeMarking, accessProjections } from '@osteo/auth';
import { Topics } from '@osteo/contracts';
import { type BusSubscription, EventBus, ProjectionWriteGate, subscribeProjection } from '@osteo/messaging';
import { ReadStore } from '@osteo/read-store';
import { EventFlowMetrics } from '../observability/event-flow-metrics';
import { SERVICE_SPEC, type ServiceEventFlowSpec } from '../service-infrastructure.module';

const ACCESS_TOPICS = [Topics.access];

/**
 * Feeds this service's copy of the access projection from access.events, in a consumer group of
 * its own, and rewrites the access change marker after each access event it applied, so every
 * AccessReader on this read store reads again (docs/adr/0001-access-change-marker.md).
 */
@Injectable()
export class AccessReactor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly groupId: string;
  private subscription: BusSubscription | null = null;

  constructor(
    @Inject(SERVICE_SPEC) spec: ServiceEventFlowSpec,
    private readonly bus: EventBus,
    private readonly readStore: ReadStore,
    private readonly gate: ProjectionWriteGate,
    private readonly metrics: EventFlowMetrics,
    private readonly reader: AccessReader,
  ) {
    this.groupId = `${spec.name}.access`;
  }

  async onApplicationBootstrap(): Promise<void> {
    // The reader's lookups by owner, colleague and grantee: without these indexes, each is a scan.
    await this.reader.ensureIndexes();
    this.metrics.watchConsumerGroup({ groupId: this.groupId, topics: ACCESS_TOPICS });
    this.subscription = await subscribeProjection(this.bus, this.readStore, {
      groupId: this.groupId,
      topics: ACCESS_TOPICS,
      projections: accessProjections,
      gate: this.gate,
      afterApplied: accessChangeMarking(this.readStore, accessProjections),
      onApplied: ({ envelope }) => this.metrics.projectionApplied(this.groupId, envelope.occurredAt),
    });
  }

  /** Before the stores close (on application shutdown), so no delivery runs against a closed store. */
  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close();
  }
}
