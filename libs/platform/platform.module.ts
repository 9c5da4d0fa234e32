import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AuthenticationModule, StaticTokenSigningKey } from '@osteo/auth';
import { EventBus, InProcessEventBus, KafkaEventBus } from '@osteo/messaging';
import type { PlatformConfig } from './platform-config';

export const PLATFORM_CONFIG = 'PLATFORM_CONFIG';

function createEventBus(config: PlatformConfig): EventBus {
  const bus = config.eventBus;
  return bus.kind === 'kafka'
    ? new KafkaEventBus({
        brokers: [...bus.brokers],
        clientId: bus.clientId,
        topicPrefix: bus.topicPrefix,
        // An idle fetch returns after this long; it bounds how long closing a consumer takes
        // (kafkajs waits for the fetch in flight), at the cost of a cheap request per interval.
        consumerTimings: { maxWaitTimeMs: 500 },
      })
    : new InProcessEventBus();
}

@Injectable()
class BusCloser implements OnApplicationShutdown {
  constructor(@Inject(EventBus) private readonly bus: EventBus) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

/**
 * What every process shares, whatever services it runs: its configuration, one event bus, and
 * verification of access tokens on every route.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [AuthenticationModule.forRoot(new StaticTokenSigningKey(config.tokens.signingSecret))],
      providers: [{ provide: PLATFORM_CONFIG, useValue: config }, { provide: EventBus, useFactory: () => createEventBus(config) }, BusCloser],
      exports: [PLATFORM_CONFIG, EventBus],
    };
  }
}
