import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AuthenticationModule, StaticTokenSigningKey } from '@osteo/auth';
import { PROCESS_LOG } from '@osteo/http';
import { type DeadLetterObserver, EventBus, InProcessEventBus, KafkaEventBus, MessagingLogger } from '@osteo/messaging';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { EndedSessionsReactor } from './ended-sessions.reactor';
import { BusProbe, InProcessBusProbe, KafkaBusProbe } from './observability/bus-probe';
import { deadLetterCounterIn } from './observability/dead-letter-metrics';
import { EventFlowMetrics } from './observability/event-flow-metrics';
import { messagingLogOf } from './observability/messaging-log';
import { ObservabilityModule } from './observability/observability.module';
import { ReadinessChecks } from './observability/readiness-checks';
import type { PlatformConfig } from './platform-config';
import { PublishersInProcess } from './publishers-in-process';
import { OPERATOR_KEY, OperatorKeyGuard } from './rebuild/operator-key.guard';
import { ReadModelRebuildController } from './rebuild/read-model-rebuild.controller';
import { ReadModelRebuilds } from './rebuild/read-model-rebuilds';

export const PLATFORM_CONFIG = 'PLATFORM_CONFIG';

function createEventBus(config: PlatformConfig, logger: MessagingLogger, onDeadLettered: DeadLetterObserver): EventBus {
  const bus = config.eventBus;
  return bus.kind === 'kafka'
    ? new KafkaEventBus({
        brokers: [...bus.brokers],
        clientId: bus.clientId,
        topicPrefix: bus.topicPrefix,
        ...bus.topics,
        // An idle fetch returns after this long; it bounds how long closing a consumer takes
        // (kafkajs waits for the fetch in flight), at the cost of a cheap request per interval.
        consumerTimings: { maxWaitTimeMs: 500 },
        logger,
        onDeadLettered,
      })
    : new InProcessEventBus({ logger, onDeadLettered });
}

function createBusProbe(config: PlatformConfig, bus: EventBus): BusProbe {
  if (config.eventBus.kind === 'kafka') return new KafkaBusProbe(config.eventBus);
  if (bus instanceof InProcessEventBus) return new InProcessBusProbe(bus);
  throw new Error('The in-process profile must run the InProcessEventBus');
}

@Injectable()
class BusCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    private readonly probe: BusProbe,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.bus.close(), this.probe.close()]);
  }
}

/** Readiness waits on the bus whatever services the process runs: each of them publishes or consumes. */
@Injectable()
class BusReadiness {
  constructor(probe: BusProbe, readiness: ReadinessChecks) {
    readiness.register('event-bus', () => probe.reachable());
  }
}

/**
 * What every process shares, whatever services it runs: its configuration, one event bus,
 * verification of access tokens on every route (and of their sessions, fed from identity.events),
 * health and metrics endpoints, and the operator routes that rebuild the read models its services
 * register.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        AuthenticationModule.forRoot(new StaticTokenSigningKey(config.tokens.signingSecret), config.tokens.accessTokenTtlSeconds),
        ObservabilityModule,
      ],
      controllers: [ReadModelRebuildController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: OPERATOR_KEY, useValue: config.operatorKey },
        OperatorKeyGuard,
        ReadModelRebuilds,
        {
          provide: EventBus,
          inject: [PROCESS_LOG, Registry],
          useFactory: (log: Logger, registry: Registry) => createEventBus(config, messagingLogOf(log), deadLetterCounterIn(registry)),
        },
        { provide: BusProbe, inject: [EventBus], useFactory: (bus: EventBus) => createBusProbe(config, bus) },
        BusCloser,
        BusReadiness,
        EventFlowMetrics,
        PublishersInProcess,
        EndedSessionsReactor,
      ],
      exports: [PLATFORM_CONFIG, EventBus, EventFlowMetrics, ReadModelRebuilds, PublishersInProcess],
    };
  }
}
