import { BadRequestException, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';

function describe(errors: readonly ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      // class-validator names the property alone; name the full path for nested fields.
      text.startsWith(error.property) ? `${path}${text.slice(error.property.length)}` : `${path}: ${text}`,
    );
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/**
 * DTO validation: unknown fields are rejected (not silently dropped), wrong types never reach
 * the domain, and the message names every offending field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, code: 'REQUEST.INVALID', message: describe(errors).join('; ') }),
  });
}

/**
 * The path of the first key starting with `$` (or holding a NUL), walked with an explicit stack:
 * a recursive walk overflowed on deeply nested bodies. The body's depth is bounded before this
 * runs (body-depth.ts); params and query strings are flat.
 */
export function findOperatorKey(value: unknown): string | null {
  const pending: Array<{ readonly value: unknown; readonly path: string }> = [{ value, path: '' }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const entries = Array.isArray(current)
      ? current.map((item, index) => ({ value: item as unknown, path: `${path}[${index}]` }))
      : Object.entries(current).map(([key, nested]) => ({ key, value: nested, path: path ? `${path}.${key}` : key }));
    for (const entry of entries) {
      if ('key' in entry && (entry.key.startsWith('$') || entry.key.includes('\u0000'))) return entry.path;
    }
    // Reversed, so that the first offending key in document order is the one named.
    pending.push(...entries.reverse());
  }
  return null;
}

/**
 * Query operators (`{"$gt": ""}`) have no business in any request: refuse them before any DTO
 * logic, so no read model query can ever be steered by a client.
 */
@Injectable()
export class RejectOperatorKeysPipe implements PipeTransform {
  transform(value: unknown): unknown {
    const offending = findOperatorKey(value);
    if (offending) {
      throw new BadRequestException({
        statusCode: 400,
        code: 'REQUEST.OPERATOR_NOT_ALLOWED',
        message: `${offending}: keys starting with "$" are not allowed`,
      });
    }
    return value;
  }
}
