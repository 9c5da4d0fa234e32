import type { IncomingHttpHeaders } from 'node:http';
import { Logger } from '@nestjs/common';
import replyFrom from '@fastify/reply-from';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, HTTPMethods, RouteHandlerMethod, onRequestAsyncHookHandler } from 'fastify';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { API_PREFIX, CORRELATION_HEADER, ErrorBody, bearerChallenge, toErrorBody } from '@osteo/http';
import type { AccessTokenCheck } from './access-token-check';
import { UpstreamService, serviceRoutes, upstreamServices } from './service-routes';

export interface ServiceProxyOptions {
  readonly upstreams: Readonly<Record<UpstreamService, readonly string[]>>;
  readonly tokenCheck: AccessTokenCheck;
}

/** Every method the API uses; HEAD comes with GET. */
const PROXIED_METHODS: HTTPMethods[] = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];

/** Forwarding headers the gateway drops; it sets X-Forwarded-For itself. */
const CLIENT_FORWARDING_CLAIMS = ['forwarded', 'x-forwarded-host', 'x-forwarded-proto'];

const logger = new Logger('Gateway');

/**
 * Routes `/api/v1/...` to the service that owns the path (./service-routes.ts), after checking
 * the access token on every route but the public ones. Registered in a scope of its own, so that
 * its body handling and error answers apply to proxied routes only.
 */
export const serviceProxy: FastifyPluginAsync<ServiceProxyOptions> = async (scope, { upstreams, tokenCheck }) => {
  await scope.register(replyFrom, { disableRequestLogging: true });

  // Bodies pass through byte for byte: parsing and validating them is each service's job. Read as
  // a buffer, they are still held to the body limit (413) before any service sees them.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  scope.setErrorHandler((error, request, reply) => {
    const body = toErrorBody(error);
    if (body.statusCode === 401) void reply.header('WWW-Authenticate', bearerChallenge(request.headers.authorization));
    sendErrorBody(reply, body, error);
  });

  const requireAccessToken: onRequestAsyncHookHandler = async (request) => {
    if (!tokenCheck.accepts(request.headers.authorization)) {
      throw new Rejection('unauthenticated', 'AUTH.UNAUTHENTICATED', 'A valid bearer access token is required');
    }
  };

  for (const service of upstreamServices) {
    const { subtrees, publicEndpoints = [] } = serviceRoutes[service];
    const handler = forwardTo(service, upstreams[service]);
    for (const { method, path } of publicEndpoints) scope.route({ method, url: `/${API_PREFIX}${path}`, handler });
    for (const subtree of subtrees) {
      for (const path of [subtree, `${subtree}/*`]) {
        scope.route({ method: PROXIED_METHODS, url: `/${API_PREFIX}${path}`, onRequest: requireAccessToken, handler });
      }
    }
  }
};

/** Each request to the next of the service's instances, in turn. */
function forwardTo(service: UpstreamService, instances: readonly string[]): RouteHandlerMethod {
  let requests = 0;
  return (request, reply) => {
    const upstream = instances[requests++ % instances.length];
    try {
      reply.from(request.url, {
        getUpstream: () => upstream,
        // A body without a type is forwarded as opaque bytes (reply-from would encode it as JSON).
        body: request.body,
        contentType: request.headers['content-type'] ?? 'application/octet-stream',
        rewriteRequestHeaders: (_request, headers) => upstreamHeaders(request, headers as IncomingHttpHeaders),
        onError: (_reply, { error }) => {
          logger.warn(`${service} did not answer ${request.method} ${request.url} (correlation id ${request.id}): ${describeFailure(error)}`);
          sendErrorBody(reply, { statusCode: 502, code: 'GATEWAY.SERVICE_UNAVAILABLE', message: `The ${service} service is unavailable; try again shortly` });
        },
      });
    } catch (error) {
      // reply-from refuses a path it cannot forward safely (dot segments, bad escapes) before sending.
      throw new Rejection('invalid', 'REQUEST.INVALID_PATH', error instanceof Error ? error.message : String(error));
    }
  };
}

/**
 * The gateway is the edge: forwarding headers a client sent are only its claims, so they are
 * replaced by what the gateway saw (its own TRUSTED_PROXIES decide what `request.ip` and
 * `request.protocol` are). The protocol tells identity whether the refresh cookie must be
 * `Secure`. The correlation id is the request's own, taken from the client or generated.
 * Cookies and `X-Refresh-Token-Transport` pass unchanged, as does the answer's `Set-Cookie`.
 */
function upstreamHeaders(request: FastifyRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const forwarded: IncomingHttpHeaders = { ...headers };
  for (const claim of CLIENT_FORWARDING_CLAIMS) delete forwarded[claim];
  return { ...forwarded, [CORRELATION_HEADER]: request.id, 'x-forwarded-for': request.ip, 'x-forwarded-proto': request.protocol };
}

function describeFailure(error: Error): string {
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

function sendErrorBody(reply: FastifyReply, { statusCode, code, message }: ErrorBody, cause?: unknown): void {
  if (statusCode >= 500 && cause !== undefined) logger.error(cause instanceof Error ? (cause.stack ?? cause.message) : String(cause));
  void reply.status(statusCode).send({ statusCode, code, message });
}
