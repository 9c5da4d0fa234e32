import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '@osteo/auth';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../application/request-context';

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user: Principal }>();
  return { principal: request.user, correlationId: String(request.id) };
});
