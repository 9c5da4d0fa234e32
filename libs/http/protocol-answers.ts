import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './body-depth';
import { ErrorBody } from './error-body';

/**
 * The answers Fastify would otherwise give in its own words (or not at all): wrong method,
 * over-long path ids, bad URLs, unsupported media types, bodies nested too deep. Each one gets
 * the platform's error shape (error-body.ts) and the status HTTP gives it.
 */

/** Ids are UUIDs; a path parameter longer than this is no id of ours. */
export const MAX_PATH_PARAMETER_LENGTH = 200;
/**
 * Fastify's router gives its own 414 body (echoing the URL) past its maxParamLength; set far
 * above ours (Node already refuses request heads over 16 KB), so our check answers instead.
 */
export const ROUTER_MAX_PARAM_LENGTH = 16 * 1024;

function sendErrorBody(reply: FastifyReply, body: ErrorBody): FastifyReply {
  return reply.status(body.statusCode).send(body);
}

/**
 * Fastify's JSON parsing (size limit, prototype-poisoning refusal) with stable error codes, and a
 * bound on nesting checked iteratively before anything recursive (operator-key scan,
 * class-transformer, class-validator) walks the body: 2,000 nested arrays overflowed the stack.
 * Nest would otherwise turn a parse failure into an anonymous 400.
 */
export function parseJsonWithinBounds(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body as string, (error, value) => {
      if (error) done(new Rejection('invalid', 'REQUEST.MALFORMED_BODY', `Malformed JSON body: ${error.message}`), undefined);
      else if (nestsDeeperThan(value, MAX_BODY_DEPTH)) {
        done(new Rejection('invalid', 'REQUEST.TOO_DEEP', `The body nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep`), undefined);
      } else done(null, value);
    });
  });
  // Fastify reads text/plain by default: a JSON body sent as text then failed validation as a
  // string (400). No route takes text, so it is a 415 like any other type.
  fastify.removeContentTypeParser('text/plain');
}

/** What a probe answer carries that is no security header. */
const NOT_SECURITY_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'cache-control', 'x-correlation-id']);

/**
 * Answers with our shape what Fastify's router refuses before any route runs: a path that is not
 * valid percent-encoding (400), a parameter past the router's own length limit (414), without
 * echoing the URL. Fastify runs no hook for these (`frameworkErrors`), so the security headers
 * are copied from a probe answer taken once the server listens: the same headers, from the one
 * configuration, without a second copy of it.
 */
export function answerRouterErrors(fastify: FastifyInstance): (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) => void {
  let securityHeaders: Record<string, string | string[]> = {};
  fastify.addHook('onListen', async () => {
    const probe = await fastify.inject({ method: 'GET', url: '/health/live' });
    securityHeaders = Object.fromEntries(
      Object.entries(probe.headers).filter((entry): entry is [string, string | string[]] => !NOT_SECURITY_HEADERS.has(entry[0]) && entry[1] !== undefined),
    );
  });
  return (error, _request, reply) => {
    void reply.headers(securityHeaders);
    if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      void sendErrorBody(reply, { statusCode: 414, code: 'REQUEST.URI_TOO_LONG', message: 'A path parameter is too long' });
    } else {
      void sendErrorBody(reply, { statusCode: 400, code: 'REQUEST.INVALID_PATH', message: 'The path is not a valid URL path' });
    }
  };
}

/**
 * 414 for a path parameter longer than any id (a 5,000-character one got Fastify's own body
 * echoing the URL). Registered after the security headers' hook, so the answer carries them.
 */
export function refuseOverlongPathParameters(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const params = request.params as Record<string, string> | undefined;
    // `*` holds the rest of a path the gateway forwards; the service behind checks its own ids.
    const overlong = Object.entries(params ?? {}).some(([name, value]) => name !== '*' && value.length > MAX_PATH_PARAMETER_LENGTH);
    if (overlong) {
      return sendErrorBody(reply, { statusCode: 414, code: 'REQUEST.URI_TOO_LONG', message: `A path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters` });
    }
  });
}

/** A route pattern (`/api/v1/patients/:patientId`, `/api/v1/cabinets/*`) as a regular expression. */
function patternMatcher(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * 405 with `Allow` for a method the path has no route for, when it has routes for others (TRACE,
 * or PUT on a resource that is patched): a 404 would say the resource does not exist. The routes
 * are learnt as they are registered; the web application's catch-all (`/*`, client routes) is
 * left out, so a wrong method on an unknown path stays a 404.
 */
export function answerWrongMethodsWith405(fastify: FastifyInstance): { registerHook(): void } {
  const methodsByPattern = new Map<string, { matcher: RegExp; methods: Set<string> }>();
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (route.url === '/*' || route.url === '*') return;
    const entry = methodsByPattern.get(route.url) ?? { matcher: patternMatcher(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method);
    if (entry.methods.has('GET')) entry.methods.add('HEAD');
    methodsByPattern.set(route.url, entry);
  });
  const allowedMethods = (path: string): string[] => {
    const allowed = new Set<string>();
    for (const { matcher, methods } of methodsByPattern.values()) {
      if (matcher.test(path)) for (const method of methods) allowed.add(method);
    }
    return [...allowed].sort();
  };
  return {
    // A second step, so that the hook runs after the security headers' one.
    registerHook: () =>
      fastify.addHook('onRequest', async (request, reply) => {
        if (!request.is404) return;
        const allowed = allowedMethods(request.url.split('?')[0]);
        if (allowed.length === 0 || allowed.includes(request.method)) return;
        void reply.header('allow', allowed.join(', '));
        return sendErrorBody(reply, { statusCode: 405, code: 'REQUEST.METHOD_NOT_ALLOWED', message: `${request.method} is not allowed here; allowed: ${allowed.join(', ')}` });
      }),
  };
}
