import { InProcessEventBus } from '@osteo/messaging';
import { Admin, Kafka, logLevel } from 'kafkajs';
import type { PlatformConfig } from '../platform-config';
import { withTimeout } from './with-timeout';

/** A consumer group's subscription, as ServiceEventFlow made it. */
export interface WatchedGroup {
  readonly groupId: string;
  readonly topics: readonly string[];
}

export interface ConsumerLag {
  readonly groupId: string;
  readonly topic: string;
  /** Messages in the topic the group has not yet committed. */
  readonly messages: number;
}

/** What readiness and metrics ask of the bus, beside the EventBus port the services use. */
export abstract class BusProbe {
  /** Resolves when the bus can take a publish. */
  abstract reachable(): Promise<void>;
  abstract consumerLag(groups: readonly WatchedGroup[]): Promise<ConsumerLag[]>;
  abstract close(): Promise<void>;
}

/** The in-process bus is part of the process: reachable whenever the process answers. */
export class InProcessBusProbe extends BusProbe {
  constructor(private readonly bus: InProcessEventBus) {
    super();
  }

  override async reachable(): Promise<void> {}

  override async consumerLag(groups: readonly WatchedGroup[]): Promise<ConsumerLag[]> {
    const watched = new Set(groups.map((group) => group.groupId));
    return this.bus.undeliveredMessages().filter((backlog) => watched.has(backlog.groupId));
  }

  override async close(): Promise<void> {}
}

const ADMIN_TIMEOUT_MS = 2_000;

/**
 * Asks the brokers through an admin client of its own: KafkaEventBus keeps its clients private,
 * and a probe's slow request must never queue behind a publish.
 */
export class KafkaBusProbe extends BusProbe {
  private readonly admin: Admin;
  private connection: Promise<void> | null = null;

  constructor(private readonly config: Extract<PlatformConfig['eventBus'], { kind: 'kafka' }>) {
    super();
    const kafka = new Kafka({
      brokers: [...config.brokers],
      clientId: `${config.clientId}-probe`,
      // A failed probe is reported by readiness; kafkajs's own retry lines would only repeat it.
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: ADMIN_TIMEOUT_MS,
      requestTimeout: ADMIN_TIMEOUT_MS,
    });
    this.admin = kafka.admin();
  }

  override async reachable(): Promise<void> {
    await this.ask(() => this.admin.describeCluster());
  }

  override async consumerLag(groups: readonly WatchedGroup[]): Promise<ConsumerLag[]> {
    const prefix = this.config.topicPrefix;
    const perGroup = await Promise.all(
      groups.map(async ({ groupId, topics }) => {
        const committed = await this.ask(() => this.admin.fetchOffsets({ groupId: prefix + groupId, topics: topics.map((topic) => prefix + topic) }));
        return Promise.all(
          committed.map(async ({ topic, partitions }) => {
            const ends = await this.ask(() => this.admin.fetchTopicOffsets(topic));
            const messages = ends.reduce((sum, end) => {
              const offset = Number(partitions.find((partition) => partition.partition === end.partition)?.offset ?? -1);
              // -1: the group never committed on this partition; everything still in it is lag.
              return sum + Number(end.high) - (offset < 0 ? Number(end.low) : offset);
            }, 0);
            return { groupId, topic: topic.slice(prefix.length), messages };
          }),
        );
      }),
    );
    return perGroup.flat();
  }

  override async close(): Promise<void> {
    if (this.connection) await this.admin.disconnect();
  }

  private async ask<T>(request: () => Promise<T>): Promise<T> {
    this.connection ??= this.admin.connect().catch((error: unknown) => {
      this.connection = null; // the next probe tries again
      throw error;
    });
    await withTimeout(this.connection, ADMIN_TIMEOUT_MS, 'Kafka');
    return withTimeout(request(), ADMIN_TIMEOUT_MS, 'Kafka');
  }
}
