import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../application/request-context/request-context';

/** The correlation id (set by the HTTP edge as the request id) and the caller's address. */
export const CurrentRequest = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return { correlationId: String(request.id), clientAddress: request.ip };
});
