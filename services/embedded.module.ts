import { DynamicModule, Module } from '@nestjs/common';
import { PlatformConfig, PlatformModule } from '@osteo/platform';
import { GatewayModule } from './gateway/gateway.module';
import { serviceModules } from './service-modules';

/**
 * The embedded profile's composition root: the gateway and every service module in one process.
 * It lives outside any service folder because it is the one place allowed to know them all.
 */
@Module({})
export class EmbeddedPlatformModule {
  static with(config: PlatformConfig): DynamicModule {
    return { module: EmbeddedPlatformModule, imports: [PlatformModule.forRoot(config), GatewayModule, ...serviceModules] };
  }
}
