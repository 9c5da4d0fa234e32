import { Inject, Injectable } from '@nestjs/common';
import { PROCESS_LOG } from '@osteo/http';
import type { Logger } from 'pino';
import { Counter, Gauge, Registry } from 'prom-client';
import { BusProbe, type WatchedGroup } from './bus-probe';

/** Asking the brokers on every scrape of every replica adds up; a lag this old is still news. */
const CONSUMER_LAG_MAX_AGE_MS = 5_000;

/** How far each publisher and projection of the process has got; see the README's metrics table. */
@Injectable()
export class EventFlowMetrics {
  private readonly publisherCheckpoint: Gauge<'topic'>;
  private readonly projectionLastApplied: Gauge<'group'>;
  private readonly publisherLeaseHeld: Gauge<'topic'>;
  private readonly publisherFencedOff: Counter<'topic'>;
  private readonly watchedGroups: WatchedGroup[] = [];
  private consumerLagSampledAt = 0;

  constructor(
    registry: Registry,
    private readonly bus: BusProbe,
    @Inject(PROCESS_LOG) private readonly log: Logger,
  ) {
    this.publisherCheckpoint = new Gauge({
      name: 'event_publisher_checkpoint',
      help: 'Leading number of the store position last published and acknowledged, per topic (SQLite sequence, EventStoreDB commit position).',
      labelNames: ['topic'] as const,
      registers: [registry],
    });
    this.projectionLastApplied = new Gauge({
      name: 'projection_last_applied_timestamp_seconds',
      help: 'When the event a projection group last applied occurred (Unix seconds); now minus this is how stale its read models are.',
      labelNames: ['group'] as const,
      registers: [registry],
    });
    this.publisherLeaseHeld = new Gauge({
      name: 'event_publisher_lease_held',
      help: 'Whether this instance holds the lease of the topic’s publisher and publishes (1) or stands by (0); the sum over instances is 1.',
      labelNames: ['topic'] as const,
      registers: [registry],
    });
    this.publisherFencedOff = new Counter({
      name: 'event_publisher_fenced_checkpoints_total',
      help: 'Checkpoint saves of this instance refused because another instance had taken the publisher lease over (the instance then stopped publishing).',
      labelNames: ['topic'] as const,
      registers: [registry],
    });
    const sampleConsumerLag = (gauge: Gauge<'group' | 'topic'>): Promise<void> => this.sampleConsumerLag(gauge);
    new Gauge({
      name: 'consumer_lag',
      help: 'Messages of a topic a consumer group has not yet handled and committed.',
      labelNames: ['group', 'topic'] as const,
      registers: [registry],
      async collect() {
        await sampleConsumerLag(this);
      },
    });
  }

  watchConsumerGroup(group: WatchedGroup): void {
    this.watchedGroups.push(group);
  }

  publisherCheckpointed(topic: string, position: string): void {
    this.publisherCheckpoint.set({ topic }, Number.parseInt(position, 10));
  }

  publisherLeaseChanged(topic: string, held: boolean): void {
    this.publisherLeaseHeld.set({ topic }, held ? 1 : 0);
  }

  publisherCheckpointFencedOff(topic: string): void {
    this.publisherFencedOff.inc({ topic });
  }

  projectionApplied(groupId: string, occurredAt: string): void {
    this.projectionLastApplied.set({ group: groupId }, Date.parse(occurredAt) / 1000);
  }

  private async sampleConsumerLag(gauge: Gauge<'group' | 'topic'>): Promise<void> {
    if (Date.now() - this.consumerLagSampledAt < CONSUMER_LAG_MAX_AGE_MS) return;
    try {
      const lags = await this.bus.consumerLag(this.watchedGroups);
      gauge.reset();
      for (const lag of lags) gauge.set({ group: lag.groupId, topic: lag.topic }, lag.messages);
      this.consumerLagSampledAt = Date.now();
    } catch (error) {
      // The previous sample stays exposed; readiness reports the bus itself as down.
      this.log.warn({ err: error }, 'Sampling the consumer lag failed');
    }
  }
}
