import { applyDecorators } from '@nestjs/common';
import { ApiExtension, type OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/*
 * The OpenAPI document states every answer a route can give, from a few facts rather than from
 * hundreds of hand-written decorators (completeOpenApiDocument):
 *   - 401 on every route but the public ones, 403 on those a temporary password closes
 *     (AuthenticationGuard), both with the bearer security requirement;
 *   - 400, 413 and 415 on every route with a body (validation, body limit, a body that is not
 *     JSON), 400 on every route with a validated query, 404 and 414 on every route that names a
 *     resource in its path (the access policy answers 404 outside what the caller can see; a path
 *     parameter longer than any id is a 414, ./protocol-answers.ts);
 *   - 409 on every authenticated write: a command appends with the revision it read, and a
 *     concurrent change is a conflict the user must see (libs/event-sourcing's handleCommand);
 *   - what else a route answers (409 with its codes, 429, a 404 without a path parameter…) with
 *     ApiErrors.
 * Every error answer has the one ErrorBody schema. Request schemas carry the constraints the
 * validators enforce, read from class-validator's own metadata (describeValidationConstraints),
 * so that a request valid against the schema is never refused for a rule the schema hides.
 */

export const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 414, 415, 429] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

export const ERROR_BODY_SCHEMA = 'ErrorBody';

const ROUTE_ACCESS_EXTENSION = 'x-route-access';
const ERROR_STATUSES_EXTENSION = 'x-error-statuses';

/** How the authentication guard treats a route, as libs/auth's decorators declare it. */
export type DocumentedRouteAccess = 'public' | 'password-change-allowed';

/** Used by libs/auth's PublicRoute and AllowedDuringPasswordChange: the document follows the guard. */
export const ApiRouteAccess = (access: DocumentedRouteAccess): MethodDecorator & ClassDecorator =>
  ApiExtension(ROUTE_ACCESS_EXTENSION, access) as MethodDecorator & ClassDecorator;

export interface DocumentedError {
  readonly status: ErrorStatus;
  /** The codes the route answers with this status and when, e.g. `APPOINTMENT.DOUBLE_BOOKING`. */
  readonly description: string;
}

/**
 * The error statuses a route answers beyond those its shape implies (see above), each with the
 * shared ErrorBody schema. One call per route.
 */
export const ApiErrors = (...errors: readonly (ErrorStatus | DocumentedError)[]): MethodDecorator =>
  applyDecorators(ApiExtension(ERROR_STATUSES_EXTENSION, errors.map((error) => (typeof error === 'number' ? { status: error } : error))));

/** A class as class-validator and @nestjs/swagger know it: its name is its schema's. */
type DescribedClass = { readonly name: string; readonly prototype: object };

const bodiesNamingSomeField = new Set<DescribedClass>();

/**
 * A PATCH body that must name at least one field (the route refuses `{}` with a 400): its schema
 * says `minProperties: 1`, so that a request valid against the schema is not refused.
 */
export const ApiAtLeastOneField = (): ClassDecorator => (target) => {
  bodiesNamingSomeField.add(target);
};

const bodiesNamingExactlyOne = new Map<DescribedClass, readonly string[]>();

/**
 * A body that must name exactly one of some fields (a code or a recovery code, never both): its
 * schema says `oneOf`, each branch requiring one of them, so that both or neither is invalid.
 */
export const ApiExactlyOneField =
  (...fields: readonly string[]): ClassDecorator =>
  (target) => {
    bodiesNamingExactlyOne.set(target, fields);
  };

const defaultDescriptions: Readonly<Record<ErrorStatus, string>> = {
  400: 'Invalid request: a field, the query or the JSON body is refused (REQUEST.INVALID, REQUEST.MALFORMED_BODY, …)',
  401: 'No valid access token (AUTH.UNAUTHENTICATED), or its session ended: a logout, a password change or reset (AUTH.SESSION_ENDED)',
  403: 'Not allowed: the role does not permit this (ACCESS.FORBIDDEN), or the temporary password must be changed first (AUTH.PASSWORD_CHANGE_REQUIRED), or two-factor sign-in enrolled first (AUTH.TWO_FACTOR_REQUIRED), or a display name chosen first (ACCOUNT.DISPLAY_NAME_REQUIRED)',
  404: 'Not found, or outside every cabinet the caller can see (RESOURCE.NOT_FOUND)',
  409: 'Conflict with the current state; also when it changed meanwhile (EVENT_STORE.WRONG_EXPECTED_REVISION): read it again and decide again',
  413: 'Request body over the size limit (REQUEST.BODY_TOO_LARGE)',
  414: 'A path parameter longer than any id (REQUEST.URI_TOO_LONG)',
  415: 'The body is not JSON: Content-Type must be application/json (REQUEST.UNSUPPORTED_MEDIA_TYPE)',
  429: 'Too many attempts; the Retry-After header says when to try again',
};

const errorBodySchema = {
  type: 'object',
  description: 'Every error answer: the HTTP status, a stable dotted code, a human-readable message.',
  properties: {
    statusCode: { type: 'integer', example: 404 },
    code: { type: 'string', example: 'RESOURCE.NOT_FOUND' },
    message: { type: 'string', example: 'Patient not found' },
  },
  required: ['statusCode', 'code', 'message'],
  additionalProperties: false,
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type JsonObject = Record<string, unknown>;
interface OperationLike extends JsonObject {
  responses: Record<string, JsonObject>;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  security?: unknown;
}

/** Adds what the routes' shapes imply to a document Nest's SwaggerModule built (see the top of this file). */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  schemas[ERROR_BODY_SCHEMA] = errorBodySchema;
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (pathItem as Record<string, OperationLike | undefined>)[method];
      if (operation) completeOperation(operation, method);
    }
  }
  refuseUnknownFieldsInValidatedSchemas(schemas as Record<string, JsonObject>);
  allowNullInNullableEnums(document);
  for (const body of bodiesNamingSomeField) {
    const schema = (schemas as Record<string, JsonObject>)[body.name];
    if (schema) schema.minProperties = 1;
  }
  for (const [body, fields] of bodiesNamingExactlyOne) {
    const schema = (schemas as Record<string, JsonObject>)[body.name];
    if (schema) schema.oneOf = fields.map((field) => ({ required: [field] }));
  }
  linkCreationsToTheirResources(document.paths as Record<string, Record<string, OperationLike | undefined>>, schemas as Record<string, JsonObject>);
  return document;
}

/**
 * OpenAPI links from each creation to the operations on what it created: `POST /cabinets` answers
 * `{cabinetId}`, which every `/cabinets/{cabinetId}/…` route takes. A path parameter the target
 * shares with the creation's own path is passed on too (`$request.path.cabinetId`). Clients and
 * tools that chain calls (Schemathesis's stateful phase) follow them; nothing is declared by hand.
 */
function linkCreationsToTheirResources(paths: Record<string, Record<string, OperationLike | undefined>>, schemas: Record<string, JsonObject>): void {
  const operations = Object.values(paths).flatMap((pathItem) => HTTP_METHODS.flatMap((method) => (pathItem[method] ? [pathItem[method]] : [])));
  const pathParametersOf = (operation: OperationLike) =>
    (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  for (const source of operations) {
    const created = source.responses['201'] as { content?: Record<string, { schema?: { $ref?: string } }>; links?: JsonObject } | undefined;
    const reference = created?.content?.['application/json']?.schema?.$ref;
    const answered = reference ? (schemas[reference.replace('#/components/schemas/', '')]?.properties as JsonObject | undefined) : undefined;
    if (!created || !answered) continue;
    const sourceParameters = new Set(pathParametersOf(source));
    const links: JsonObject = {};
    for (const target of operations) {
      const targetParameters = pathParametersOf(target);
      if (target === source || typeof target.operationId !== 'string' || !targetParameters.some((name) => name in answered)) continue;
      if (!targetParameters.every((name) => name in answered || sourceParameters.has(name))) continue;
      links[target.operationId] = {
        operationId: target.operationId,
        parameters: Object.fromEntries(targetParameters.map((name) => [name, name in answered ? `$response.body#/${name}` : `$request.path.${name}`])),
      };
    }
    if (Object.keys(links).length > 0) created.links = links;
  }
}

function completeOperation(operation: OperationLike, method: (typeof HTTP_METHODS)[number]): void {
  const access = operation[ROUTE_ACCESS_EXTENSION] as DocumentedRouteAccess | undefined;
  const declared = (operation[ERROR_STATUSES_EXTENSION] as { status: ErrorStatus; description?: string }[] | undefined) ?? [];
  delete operation[ROUTE_ACCESS_EXTENSION];
  delete operation[ERROR_STATUSES_EXTENSION];

  const statuses = new Map<number, string | undefined>();
  const add = (status: ErrorStatus, description?: string) => {
    if (!statuses.has(status) || description !== undefined) statuses.set(status, description);
  };
  if (access === 'public') {
    delete operation.security;
  } else {
    operation.security = [{ bearer: [] }];
    add(401);
    if (access !== 'password-change-allowed') add(403);
    if (method !== 'get' && method !== 'head' && method !== 'options') add(409);
  }
  const parameters = operation.parameters ?? [];
  if (operation.requestBody !== undefined) {
    add(400);
    add(413);
    add(415);
  }
  if (parameters.some((parameter) => parameter.in === 'query')) add(400);
  if (parameters.some((parameter) => parameter.in === 'path')) {
    add(404);
    add(414);
  }
  for (const { status, description } of declared) add(status, description);

  for (const [status, description] of statuses) {
    const existing = operation.responses[String(status)];
    operation.responses[String(status)] = { ...existing, description: description ?? (existing?.description as string) ?? defaultDescriptions[status as ErrorStatus] };
  }
  // Every 4xx answer, whoever declared it, has the one error shape.
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!/^4\d\d$/.test(status)) continue;
    if (!response.description) response.description = defaultDescriptions[Number(status) as ErrorStatus] ?? 'Error';
    response.content = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_BODY_SCHEMA}` } } };
  }
  operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * OpenAPI 3.0.3: `nullable` adds null to the type, but an `enum` still lists every allowed value,
 * so a nullable enum lists null too (else validators and generators refuse the null).
 */
function allowNullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) allowNullInNullableEnums(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as JsonObject;
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  for (const value of Object.values(schema)) allowNullInNullableEnums(value);
}

/** The validation pipe refuses unknown fields (forbidNonWhitelisted): the schemas of validated classes say so. */
function refuseUnknownFieldsInValidatedSchemas(schemas: Record<string, JsonObject>): void {
  const validatedClassNames = new Set([...validatedClasses()].map((target) => target.name));
  for (const [name, schema] of Object.entries(schemas)) {
    if (validatedClassNames.has(name) && schema.type === 'object') schema.additionalProperties = false;
  }
}

function validatedClasses(): Set<DescribedClass> {
  return new Set(validationMetadatas().keys());
}

/** class-validator's registry of every decorated class (public, if not in its typings). */
function validationMetadatas(): Map<DescribedClass, ValidationMetadata[]> {
  return (getMetadataStorage() as unknown as { validationMetadatas: Map<DescribedClass, ValidationMetadata[]> }).validationMetadatas;
}

type SchemaKeywords = Record<string, unknown>;

/** Where @ApiProperty keeps a property's options (@nestjs/swagger's API_MODEL_PROPERTIES, not exported). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/**
 * Copies what class-validator enforces into @nestjs/swagger's property metadata, before the
 * document is built, so that bodies and query parameters alike state their constraints. A keyword
 * the property's @ApiProperty states itself is kept (it may state the domain's stricter rule,
 * such as a password's 12 to 128 characters).
 */
export function describeValidationConstraints(): void {
  for (const [target, metadatas] of validationMetadatas()) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of metadatas) {
      if (!metadata.propertyName) continue;
      byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    }
    for (const [property, propertyMetadatas] of byProperty) {
      const existing = Reflect.getOwnMetadata(API_MODEL_PROPERTIES, target.prototype, property) as SchemaKeywords | undefined;
      if (!existing) continue;
      const { own, items } = keywordsOf(propertyMetadatas, existing);
      const merged: SchemaKeywords = { ...own, ...existing };
      // The reflected `Number` says less than IsInt.
      if (own.type === 'integer' && (existing.type === Number || existing.type === 'number')) merged.type = 'integer';
      if (Object.keys(items).length > 0) {
        merged.items = { ...(existing.type === String || existing.type === 'string' ? { type: 'string' } : {}), ...items, ...(existing.items as SchemaKeywords | undefined) };
      }
      Reflect.defineMetadata(API_MODEL_PROPERTIES, merged, target.prototype, property);
    }
  }
}

const DATE_ONLY_PATTERN = /^\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$$/;
const FOUR_DIGIT_YEAR = '^\\d{4}';
const YEAR_FROM_100 = '^(?:0[1-9]|[1-9]\\d)\\d{2}';

function keywordsOf(metadatas: readonly ValidationMetadata[], existing: SchemaKeywords): { own: SchemaKeywords; items: SchemaKeywords } {
  const own: SchemaKeywords = {};
  const items: SchemaKeywords = {};
  const isArray = existing.isArray === true || existing.type === 'array';
  const isString = existing.type === String || existing.type === 'string';
  for (const metadata of metadatas) {
    const keywords = metadata.each && isArray ? items : own;
    const [first] = (metadata.constraints ?? []) as unknown[];
    switch (metadata.name) {
      case 'maxLength':
        keywords.maxLength = first;
        break;
      case 'minLength':
        keywords.minLength = first;
        break;
      case 'isNotEmpty':
        // An empty string is refused; on anything else (a number, an array) minLength would mean nothing.
        if (isString && (!isArray || metadata.each)) keywords.minLength = Math.max(1, (keywords.minLength as number | undefined) ?? 0);
        break;
      case 'matches':
        // Several patterns on one field (a shape and "not blank") are all enforced: keep the first
        // in `pattern`, and the first is the shape wherever a field has two.
        if (keywords.pattern === undefined) keywords.pattern = first instanceof RegExp ? first.source : String(first);
        break;
      case 'isIn':
        keywords.enum = [...(first as readonly unknown[])];
        break;
      case 'isInt':
        keywords.type = 'integer';
        break;
      case 'isNumber': {
        const options = (first ?? {}) as { maxDecimalPlaces?: number };
        if (options.maxDecimalPlaces !== undefined) keywords.multipleOf = 10 ** -options.maxDecimalPlaces;
        break;
      }
      case 'min':
        keywords.minimum = first;
        break;
      case 'max':
        keywords.maximum = first;
        break;
      case 'isEmail':
        keywords.format = 'email';
        break;
      case 'arrayNotEmpty':
        own.minItems = Math.max(1, (own.minItems as number | undefined) ?? 0);
        break;
      case 'arrayMinSize':
        own.minItems = first;
        break;
      case 'arrayMaxSize':
        own.maxItems = first;
        break;
      case 'arrayUnique':
        own.uniqueItems = true;
        break;
      default:
        break;
    }
  }
  // An ISO-8601 check next to a pattern: the pattern says the shape, the format the calendar.
  const iso8601 = metadatas.find((metadata) => metadata.name === 'isIso8601');
  if (iso8601) {
    own.format = typeof own.pattern === 'string' && DATE_ONLY_PATTERN.test(own.pattern) ? 'date' : 'date-time';
    // The strict check (validator.js) reads the years 0000 to 0099 as two-digit years and refuses
    // them, where the formats allow them: the pattern states it (`0059-04-06` is a 400).
    const [options] = (iso8601.constraints ?? []) as ({ strict?: boolean } | undefined)[];
    if (options?.strict && typeof own.pattern === 'string' && own.pattern.startsWith(FOUR_DIGIT_YEAR)) {
      own.pattern = `${YEAR_FROM_100}${own.pattern.slice(FOUR_DIGIT_YEAR.length)}`;
    }
  }
  for (const keywords of [own, items]) {
    for (const [key, value] of Object.entries(keywords)) if (value === undefined) delete keywords[key];
  }
  return { own, items };
}
