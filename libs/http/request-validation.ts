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

function findOperatorKey(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findOperatorKey(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, nested] of Object.entries(value)) {
    const keyPath = path ? `${path}.${key}` : key;
    if (key.startsWith('$') || key.includes('\u0000')) return keyPath;
    const found = findOperatorKey(nested, keyPath);
    if (found) return found;
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
    const offending = findOperatorKey(value, '');
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
