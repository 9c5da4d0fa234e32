import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { RequestRejected } from './error-body';
import { ErrorBodyFilter } from './error-filter';
import { RejectOperatorKeysPipe, createValidationPipe } from './request-validation';

export const API_PREFIX = 'api/v1';
export const CORRELATION_HEADER = 'x-correlation-id';

export interface HttpApplicationOptions {
  /** Largest accepted request body; larger ones get a 413 before any parsing. */
  readonly bodyLimitBytes?: number;
  readonly title: string;
  readonly logger?: boolean;
  /**
   * Proxies (addresses, CIDR ranges, `loopback`) whose `X-Forwarded-For` names the client: a
   * service behind the gateway then sees its users' addresses, not the gateway's. Default: none.
   */
  readonly trustedProxies?: readonly string[];
}

const correlationIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The HTTP edge shared by every service process: Fastify, `/api/v1`, one error shape,
 * validation that rejects unknown fields and operator keys, a correlation id on every request
 * and response, and the OpenAPI document at `/api/docs`.
 */
export async function createHttpApplication(module: Type<unknown> | DynamicModule, options: HttpApplicationOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers[CORRELATION_HEADER];
      return typeof given === 'string' && correlationIdPattern.test(given) ? given : randomUUID();
    },
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(CORRELATION_HEADER, request.id);
  });
  answerMalformedJsonWithItsOwnCode(fastify);

  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bodyParser: false,
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/{*rest}'] });
  app.useGlobalFilters(new ErrorBodyFilter());
  app.useGlobalPipes(new RejectOperatorKeysPipe(), createValidationPipe());
  app.enableShutdownHooks();
  mountOpenApi(app, options.title);
  return app;
}

/**
 * Fastify's own JSON parsing (size limit, prototype-poisoning refusal) with a stable error code:
 * Nest would otherwise turn a parse failure into an anonymous 400.
 */
function answerMalformedJsonWithItsOwnCode(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body as string, (error, value) => {
      if (error) done(new RequestRejected('invalid', 'REQUEST.MALFORMED_BODY', `Malformed JSON body: ${error.message}`), undefined);
      else done(null, value);
    });
  });
}

function mountOpenApi(app: INestApplication, title: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription('Practice management for osteopaths with delegated access. Money is integer cents; times are ISO-8601 with offset.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
}
