import { once } from 'node:events';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/** Where a process serves its operators' routes apart from its public port. */
export interface OperatorListenerOptions {
  readonly port: number;
  /** 127.0.0.1 by default: Prometheus and `npm run rebuild` run beside the process. */
  readonly host: string;
}

/** `/metrics` and `/operator/…` (read-model rebuilds): for operators, never for the public. */
const OPERATOR_PATH = /^\/(metrics|operator)(\/|\?|$)/;
/** Probes answer on both: an orchestrator may ask either. */
const PROBE_PATH = /^\/health(\/|\?|$)/;

const arrivedOnOperatorListener = Symbol('arrivedOnOperatorListener');
type TaggedRequest = IncomingMessage & { [arrivedOnOperatorListener]?: true };

const operatorAddresses = new WeakMap<FastifyInstance, AddressInfo>();

/**
 * A second HTTP listener, on its own port and address, for what only operators may reach: the
 * metrics (which tell request rates per route, consumer lag, dead letters) and the operator
 * routes. The public port answers them 404, as if they did not exist, and the operator port
 * answers nothing of the API. Both listeners feed the same Fastify instance (`routing`), so one
 * set of routes, hooks, metrics and shutdown serves both; only the arrival tag differs.
 * The listener opens when the application is ready (a port in use fails the start) and closes
 * with it.
 */
export function serveOperatorRoutesApart(fastify: FastifyInstance, listener: OperatorListenerOptions): void {
  const server: Server = createServer((request: TaggedRequest, response) => {
    request[arrivedOnOperatorListener] = true;
    fastify.routing(request, response);
  });
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url;
    if (PROBE_PATH.test(path)) return;
    const onOperatorListener = (request.raw as TaggedRequest)[arrivedOnOperatorListener] === true;
    if (OPERATOR_PATH.test(path) === onOperatorListener) return;
    return reply.status(404).send({ statusCode: 404, code: 'RESOURCE.NOT_FOUND', message: `Cannot ${request.method} ${path.split('?')[0].slice(0, 200)}` });
  });
  fastify.addHook('onReady', async () => {
    server.listen(listener.port, listener.host);
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
    operatorAddresses.set(fastify, server.address() as AddressInfo);
  });
  fastify.addHook('onClose', async () => {
    if (!server.listening) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
}

/** The operator listener's URL once the application is ready; undefined when it has none. */
export function operatorListenerUrl(app: NestFastifyApplication): string | undefined {
  const address = operatorAddresses.get(app.getHttpAdapter().getInstance());
  if (!address) return undefined;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
