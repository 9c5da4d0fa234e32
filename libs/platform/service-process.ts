import { Controller, DynamicModule, Get, Inject, Module, Type } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@osteo/auth';
import { createHttpApplication, createProcessLog, operatorListenerUrl } from '@osteo/http';
import { ReplicationFactorError, TopicConfigurationError } from '@osteo/messaging';
import { PlatformModule } from './platform.module';
import { InvalidConfigurationError, PlatformConfig, loadPlatformConfig } from './platform-config';

const SERVICE_NAME = Symbol('SERVICE_NAME');

/** Names the service, so that whoever waits for a port can tell it reached the process it started. */
@ApiTags('health')
@Controller('health')
class ServiceHealthController {
  constructor(@Inject(SERVICE_NAME) private readonly service: string) {}

  @Get()
  @PublicRoute()
  @ApiOkResponse({
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, service: { type: 'string' } }, required: ['status', 'service'] },
  })
  health(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.service };
  }
}

@Module({})
class ServiceProcessModule {
  static of(service: string, serviceModule: Type<unknown>, config: PlatformConfig): DynamicModule {
    return {
      module: ServiceProcessModule,
      imports: [PlatformModule.forRoot(config), serviceModule],
      controllers: [ServiceHealthController],
      providers: [{ provide: SERVICE_NAME, useValue: service }],
    };
  }
}

/**
 * Runs one service as its own process, the distributed profile's unit of deployment
 * (`node dist/services/<name>/main.js`). The configuration is read from the environment and
 * validated before anything starts: a bad one is listed, problem by problem, then the process
 * exits with status 1, as does any failure to start.
 */
export function runServiceProcess(service: string, serviceModule: Type<unknown>): void {
  startServiceProcess(service, serviceModule).catch((error: unknown) => {
    // What the operator must fix is said in full; a stack trace would only bury it.
    const forTheOperator = error instanceof InvalidConfigurationError || error instanceof TopicConfigurationError || error instanceof ReplicationFactorError;
    console.error(forTheOperator ? `${service}: ${error.message}` : error);
    process.exit(1);
  });
}

async function startServiceProcess(service: string, serviceModule: Type<unknown>): Promise<void> {
  const config = loadPlatformConfig({ ...process.env, PROFILE: process.env.PROFILE ?? 'distributed' }, service);
  const log = createProcessLog({ service });
  const app = await createHttpApplication(ServiceProcessModule.of(service, serviceModule, config), {
    title: `Osteo platform: ${service}`,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    trustedProxies: config.trustedProxies,
    operatorListener: config.operatorListener ?? undefined,
  });
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  log.info({ profile: config.profile, url: await app.getUrl(), operatorUrl: operatorListenerUrl(app), dataDir: config.dataDir }, `${service} listening`);
}
