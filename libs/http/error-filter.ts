import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { ErrorBody, statusForRejection } from './error-body';

/** Errors Fastify raises before Nest sees the request (body parsing, size limit). */
const fastifyCodes: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.EMPTY_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.INVALID_CONTENT_LENGTH',
};

const codeForStatus: Readonly<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'REQUEST.INVALID',
  [HttpStatus.UNAUTHORIZED]: 'AUTH.UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'AUTH.FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'RESOURCE.NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'REQUEST.METHOD_NOT_ALLOWED',
  [HttpStatus.CONFLICT]: 'RESOURCE.CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'REQUEST.BODY_TOO_LARGE',
  [HttpStatus.URI_TOO_LONG]: 'REQUEST.URI_TOO_LONG',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'REQUEST.RATE_LIMITED',
};

/** Maps every error to `{statusCode, code, message}` so clients can rely on one shape. */
export function toErrorBody(error: unknown): ErrorBody & { retryAfterSeconds?: number } {
  // instanceof is enough: every refusal with a code and a kind, the event store's conflict too, is a Rejection.
  if (error instanceof Rejection) {
    return {
      statusCode: statusForRejection[error.kind],
      code: error.code,
      message: error.message,
      retryAfterSeconds: error.details.retryAfterSeconds,
    };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const response = error.getResponse();
    const given = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const message = Array.isArray(given.message) ? given.message.join('; ') : String(given.message ?? error.message);
    const code = typeof given.code === 'string' ? given.code : (codeForStatus[statusCode] ?? `HTTP.${statusCode}`);
    return { statusCode, code, message };
  }
  const fastifyError = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (typeof fastifyError?.code === 'string' && typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const code =
      fastifyCodes[fastifyError.code] ?? (fastifyError.code.startsWith('FST_ERR_CTP') ? 'REQUEST.MALFORMED_BODY' : codeForStatus[fastifyError.statusCode]);
    return { statusCode: fastifyError.statusCode, code: code ?? `HTTP.${fastifyError.statusCode}`, message: String(fastifyError.message) };
  }
  if (error instanceof SyntaxError) {
    return { statusCode: 400, code: 'REQUEST.MALFORMED_BODY', message: `Malformed JSON body: ${error.message}` };
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'Internal error' };
}

/**
 * The challenge every 401 carries (RFC 7235 requires one; RFC 6750 gives the Bearer scheme):
 * `error="invalid_token"` when a token was presented and refused, bare when none was.
 */
export function bearerChallenge(authorization: string | string[] | undefined): string {
  return typeof authorization === 'string' && /^Bearer\s+\S/i.test(authorization) ? 'Bearer error="invalid_token"' : 'Bearer';
}

@Catch()
export class ErrorBodyFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { retryAfterSeconds, ...body } = toErrorBody(error);
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (retryAfterSeconds !== undefined) void reply.header('Retry-After', String(retryAfterSeconds));
    if (body.statusCode === 401) void reply.header('WWW-Authenticate', bearerChallenge(host.switchToHttp().getRequest<FastifyRequest>().headers.authorization));
    void reply.status(body.statusCode).send(body);
  }
}
