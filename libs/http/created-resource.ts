import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, Type, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiCreatedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { API_PREFIX } from './create-http-application';

const LOCATION_TEMPLATE = 'osteo:created-location';

/**
 * The URL of what a creation made, from a template under the API prefix: each `{name}` is taken
 * from the answered body (`{patientId}`), else from the route's own path parameters
 * (`{cabinetId}`), percent-encoded. A name found in neither is a programming mistake: it throws.
 */
export function createdLocation(template: string, answered: unknown, pathParameters: Readonly<Record<string, string>>): string {
  const body = (typeof answered === 'object' && answered !== null ? answered : {}) as Record<string, unknown>;
  const path = template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_placeholder, name: string) => {
    const value = typeof body[name] === 'string' ? body[name] : pathParameters[name];
    if (typeof value !== 'string' || value === '') throw new Error(`Location ${template}: neither the answer nor the path names ${name}`);
    return encodeURIComponent(value);
  });
  return `/${API_PREFIX}${path}`;
}

/** Sets the Location header of a 201 from the route's template (CreatedAt). */
@Injectable()
export class CreatedLocationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const template = this.reflector.get<string | undefined>(LOCATION_TEMPLATE, context.getHandler());
    const http = context.switchToHttp();
    return next.handle().pipe(
      map((answered: unknown) => {
        if (template !== undefined) {
          const params = (http.getRequest<FastifyRequest>().params ?? {}) as Record<string, string>;
          void http.getResponse<FastifyReply>().header('Location', createdLocation(template, answered, params));
        }
        return answered;
      }),
    );
  }
}

/**
 * A route that creates a resource: 201 with `type` as its body, and a `Location` header with the
 * URL of what it created (`template` under /api/v1, e.g. `/patients/{patientId}`), documented in
 * the OpenAPI. Where the API has no GET for the one resource, the template names the nearest
 * collection that lists it, and the route says so beside it.
 */
export const CreatedAt = (type: Type<unknown>, template: string): MethodDecorator =>
  applyDecorators(
    ApiCreatedResponse({
      type,
      headers: {
        Location: {
          description: `The URL of what was created: /${API_PREFIX}${template}`,
          required: true,
          schema: { type: 'string', format: 'uri-reference', example: `/${API_PREFIX}${template}` },
        },
      },
    }),
    SetMetadata(LOCATION_TEMPLATE, template),
    UseInterceptors(CreatedLocationInterceptor),
  );
