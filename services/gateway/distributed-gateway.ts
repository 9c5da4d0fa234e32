import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApplication } from '@osteo/http';
import { AccessTokenCheck } from './access-token-check';
import { AsyncApiController } from './asyncapi.controller';
import type { GatewayConfig } from './gateway-config';
import { HealthController } from './health.controller';
import { serviceProxy } from './service-proxy';

/**
 * What the distributed gateway answers itself: its health and the AsyncAPI document. The rest of
 * the API is proxied to the services. The embedded profile mounts GatewayModule instead, beside
 * the service modules in one process.
 */
@Module({ controllers: [HealthController, AsyncApiController] })
export class DistributedGatewayModule {}

/** The gateway of the distributed profile, ready to listen. */
export async function createDistributedGateway(config: GatewayConfig, options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const app = await createHttpApplication(DistributedGatewayModule, {
    title: 'Osteo platform gateway',
    bodyLimitBytes: config.bodyLimitBytes,
    trustedProxies: config.trustedProxies,
    logger: options.logger,
  });
  await app.register(serviceProxy, { upstreams: config.upstreams, tokenCheck: new AccessTokenCheck(config.tokenSigningSecret) });
  return app;
}
