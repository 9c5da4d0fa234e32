import { Module } from '@nestjs/common';
import { AsyncApiController } from './asyncapi.controller';
import { HealthController } from './health.controller';

/**
 * The HTTP entry for end users. In the embedded profile the service modules are mounted beside it
 * in the same process (services/embedded.main.ts), so it routes by plain Nest controllers.
 */
@Module({ controllers: [HealthController, AsyncApiController] })
export class GatewayModule {}
