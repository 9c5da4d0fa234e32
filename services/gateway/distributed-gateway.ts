import { DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApplication, createProcessLog } from '@osteo/http';
import { ObservabilityModule, ReadinessChecks } from '@osteo/platform';
import { AccessTokenCheck } from './access-token-check';
import { AsyncApiController } from './asyncapi.controller';
import type { GatewayConfig } from './gateway-config';
import { HealthController } from './health.controller';
import { serviceProxy } from './service-proxy';
import { upstreamServices } from './service-routes';
import { serveWebApplication } from './web-application';

const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/**
 * The gateway is ready when every service behind it answers its liveness probe: only the
 * process, not its stores, which the service's own readiness reports. A gateway is useless
 * without its services, but must not go unready because one of them waits for its broker.
 */
@Injectable()
class UpstreamReadiness {
  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, readiness: ReadinessChecks) {
    for (const service of upstreamServices) {
      readiness.register(`upstream.${service}`, async () => void (await Promise.all(config.upstreams[service].map(answersLivenessProbe))));
    }
  }
}

const UPSTREAM_PROBE_TIMEOUT_MS = 1_000;

async function answersLivenessProbe(upstream: string): Promise<void> {
  const response = await fetch(new URL('/health/live', upstream), { signal: AbortSignal.timeout(UPSTREAM_PROBE_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${upstream}/health/live answered ${response.status}`);
}

/**
 * What the distributed gateway answers itself: its health, metrics and the AsyncAPI document.
 * The rest of the API is proxied to the services. The embedded profile mounts GatewayModule
 * instead, beside the service modules in one process.
 */
@Module({})
export class DistributedGatewayModule {
  static with(config: GatewayConfig): DynamicModule {
    return {
      module: DistributedGatewayModule,
      imports: [ObservabilityModule],
      controllers: [HealthController, AsyncApiController],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, UpstreamReadiness],
    };
  }
}

/** The gateway of the distributed profile, ready to listen. */
export async function createDistributedGateway(config: GatewayConfig, options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const log = createProcessLog({ service: 'gateway', enabled: options.logger !== false });
  const app = await createHttpApplication(DistributedGatewayModule.with(config), {
    title: 'Osteo platform gateway',
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    trustedProxies: config.trustedProxies,
    operatorListener: config.operatorListener,
    logger: options.logger,
  });
  await app.register(serviceProxy, { upstreams: config.upstreams, tokenCheck: new AccessTokenCheck(config.tokenSigningSecret) });
  await serveWebApplication(app.getHttpAdapter().getInstance(), log);
  return app;
}
