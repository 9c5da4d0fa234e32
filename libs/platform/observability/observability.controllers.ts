import { Controller, Get, Header, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { PublicRoute } from '@osteo/auth';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { ReadinessChecks } from './readiness-checks';

const componentStatusesSchema = {
  type: 'object',
  nullable: true,
  additionalProperties: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'], additionalProperties: true },
};
/** @nestjs/terminus's HealthCheckResult. */
const healthCheckResultSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['error', 'ok', 'shutting_down'] },
    info: componentStatusesSchema,
    error: componentStatusesSchema,
    details: { ...componentStatusesSchema, nullable: false },
  },
  required: ['status', 'details'],
};

/** For orchestrators: `live` restarts a stuck process, `ready` routes traffic only to a useful one. */
@ApiTags('health')
@Controller('health')
export class ProbeController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessChecks,
  ) {}

  /** The process answers HTTP: nothing else is checked, so a broker outage never restarts it. */
  @Get('live')
  @PublicRoute()
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every registered component answers, else 503; terminus's body names each one. */
  @Get('ready')
  @PublicRoute()
  @HealthCheck()
  @ApiOkResponse({ description: 'Every component answers', schema: healthCheckResultSchema })
  @ApiServiceUnavailableResponse({ description: 'Some component does not answer; the body names each one', schema: healthCheckResultSchema })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.readiness.asIndicators());
    } catch (error) {
      // Answered here, not by the global error filter, which would replace terminus's body.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @PublicRoute()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
