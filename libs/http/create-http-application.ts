import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ErrorBodyFilter } from './error-filter';
import { completeOpenApiDocument, describeValidationConstraints } from './openapi-document';
import { OperatorListenerOptions, serveOperatorRoutesApart } from './operator-listener';
import { PROCESS_LOG, PinoNestLogger, createProcessLog } from './process-log';
import {
  ROUTER_MAX_PARAM_LENGTH,
  answerRouterErrors,
  answerWrongMethodsWith405,
  parseJsonWithinBounds,
  refuseOverlongPathParameters,
} from './protocol-answers';
import { RejectOperatorKeysPipe, createValidationPipe } from './request-validation';
import { securityHeaders, sendHstsOverHttpsAndNoStoreOnApi } from './security-headers';

export const API_PREFIX = 'api/v1';
export const CORRELATION_HEADER = 'x-correlation-id';

export interface HttpApplicationOptions {
  /** Largest accepted request body; larger ones get a 413 before any parsing. */
  readonly bodyLimitBytes?: number;
  readonly title: string;
  /** False silences every log line; the default writes JSON lines to stdout. */
  readonly logger?: boolean;
  /** The process log, when the caller chooses its destination or level; default one named after `title`. */
  readonly log?: Logger;
  /**
   * Proxies (addresses, CIDR ranges, `loopback`) whose `X-Forwarded-For` names the client: a
   * service behind the gateway then sees its users' addresses, not the gateway's. Default: none.
   */
  readonly trustedProxies?: readonly string[];
  /**
   * Serve `/metrics` and `/operator/…` on this listener only (./operator-listener.ts), never on
   * the public port. Default: none, they are served on the one port (the embedded profile).
   */
  readonly operatorListener?: OperatorListenerOptions;
}

const correlationIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The HTTP edge shared by every service process: Fastify, `/api/v1`, one error shape,
 * validation that rejects unknown fields and operator keys, a correlation id on every request
 * and response, security headers (./security-headers.ts) and the OpenAPI document at `/api/docs`
 * (completed by ./openapi-document.ts). Nest's logger writes to the process's
 * pino log, one access line per request included; its prom-client registry (default process
 * metrics, HTTP durations) is provided, as is the log, to every module of the application.
 */
export async function createHttpApplication(module: Type<unknown> | DynamicModule, options: HttpApplicationOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    routerOptions: { maxParamLength: ROUTER_MAX_PARAM_LENGTH },
    // The answer needs the instance (see answerRouterErrors), which exists only after this.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => routerErrors(error, request, reply),
    genReqId: (request: IncomingMessage) => {
      const given = request.headers[CORRELATION_HEADER];
      return typeof given === 'string' && correlationIdPattern.test(given) ? given : randomUUID();
    },
  });
  const fastify = adapter.getInstance();
  const routerErrors = answerRouterErrors(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(CORRELATION_HEADER, request.id);
  });
  parseJsonWithinBounds(fastify);
  const wrongMethods = answerWrongMethodsWith405(fastify);
  sendHstsOverHttpsAndNoStoreOnApi(fastify);
  const log = options.log ?? createProcessLog({ service: options.title, enabled: options.logger !== false });
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  observeRequests(fastify, log, metrics);

  const app = await NestFactory.create<NestFastifyApplication>(ObservedApplicationModule.around(module, log, metrics), adapter, {
    bodyParser: false,
    logger: options.logger === false ? false : new PinoNestLogger(log),
  });
  // Operator routes (read-model rebuilds) are no part of the product's API, nor of its prefix.
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/{*rest}', 'metrics', 'operator/{*rest}'] });
  app.useGlobalFilters(new ErrorBodyFilter());
  app.useGlobalPipes(new RejectOperatorKeysPipe(), createValidationPipe());
  await app.register(fastifyHelmet, securityHeaders);
  // After helmet's hooks, so that these answers carry the security headers too.
  refuseOverlongPathParameters(fastify);
  // Before the 405s: on the public port, operator paths do not exist for any method.
  if (options.operatorListener) serveOperatorRoutesApart(fastify, options.operatorListener);
  wrongMethods.registerHook();
  app.enableShutdownHooks();
  mountOpenApi(app, options.title);
  return app;
}

/** Makes the process log and the metrics registry injectable in every module of the application. */
@Module({})
class ObservedApplicationModule {
  static around(module: Type<unknown> | DynamicModule, log: Logger, metrics: Registry): DynamicModule {
    return {
      module: ObservedApplicationModule,
      global: true,
      imports: [module],
      providers: [
        { provide: PROCESS_LOG, useValue: log },
        { provide: Registry, useValue: metrics },
      ],
      exports: [PROCESS_LOG, Registry],
    };
  }
}

/**
 * One access line and one duration sample per answered request. The route is the matched
 * pattern (`/api/v1/patients/:patientId`), never the URL: ids would explode the metric's label
 * set, and a query string may carry a token.
 */
function observeRequests(fastify: FastifyInstance, log: Logger, metrics: Registry): void {
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [metrics],
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    durations.observe({ method: request.method, route, status_code: reply.statusCode }, reply.elapsedTime / 1000);
    log.info(
      { correlationId: request.id, method: request.method, route, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 },
      'request completed',
    );
  });
}

function mountOpenApi(app: INestApplication, title: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription('Practice management for osteopaths with delegated access. Money is integer cents; times are ISO-8601 with offset.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = () => {
    describeValidationConstraints();
    return completeOpenApiDocument(SwaggerModule.createDocument(app, config));
  };
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
}
