import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { CommandMetadata } from '@osteo/event-sourcing/decider';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

/** Who asks, and the correlation id their request carries through every event it causes. */
export interface Caller {
  readonly principal: Principal;
  readonly correlationId: string;
}

/** The metadata of a command a caller asks for, decided at `now`. */
export const commandMetadata = (caller: Caller, now: Date): CommandMetadata => ({
  now,
  actorId: caller.principal.accountId,
  correlationId: caller.correlationId,
});

/** The authenticated caller of a route, with the request's correlation id (the HTTP edge's request id). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user: Principal }>();
  return { principal: request.user, correlationId: String(request.id) };
});
