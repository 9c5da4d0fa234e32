import type { ArgumentMetadata } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { RejectOperatorKeysPipe, createValidationPipe } from '@osteo/http';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The other half of an exact document: a request the schema allows is not refused by the
 * validation for a rule the schema does not state. Bodies and queries are drawn from the schemas
 * of the served document and handed to the very pipes every route runs (operator keys, then
 * class-validator with whitelist and forbid-unknown). Domain rules (a password's common words, a
 * date in the future, a cabinet the caller cannot see) come after and are the routes' own 400s.
 */

/** Rules a schema cannot state, each said in the field's description instead. */
const STATED_IN_DESCRIPTION: Readonly<Record<string, string>> = {
  timeZone: 'an IANA time zone Intl knows',
};

const calendarDay = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
const dateTime = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,20}$/), fc.stringMatching(/^[a-z0-9]{1,20}$/), fc.constantFrom('fr', 'com', 'org'))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

function arbitraryOf(schema: any, schemas: Record<string, any>, name: string): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryOf(schemas[schema.$ref.replace('#/components/schemas/', '')], schemas, name);
  const value = valueArbitrary(schema, schemas, name);
  return schema.nullable ? fc.oneof(value, fc.constant(null)) : value;
}

function valueArbitrary(schema: any, schemas: Record<string, any>, name: string): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((value: unknown) => value !== null));
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'date') return calendarDay;
      if (schema.format === 'date-time') return dateTime;
      if (schema.format === 'email') return email;
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.min(schema.maxLength ?? 300, 300);
      const text = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern)).filter((candidate) => candidate.length >= minLength && candidate.length <= (schema.maxLength ?? Infinity))
        : fc.string({ minLength, maxLength, unit: 'grapheme' }).filter((candidate) => candidate.length >= minLength && candidate.length <= (schema.maxLength ?? Infinity));
      return text;
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9 });
    case 'number': {
      if (schema.multipleOf) {
        const steps = 1 / schema.multipleOf;
        return fc.integer({ min: Math.ceil((schema.minimum ?? -1e6) * steps), max: Math.floor((schema.maximum ?? 1e6) * steps) }).map((count) => count / steps);
      }
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = arbitraryOf(schema.items, schemas, name);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 10, 10) };
      return schema.uniqueItems ? fc.uniqueArray(items, constraints) : fc.array(items, constraints);
    }
    case 'object': {
      const required = new Set<string>(schema.required ?? []);
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, arbitraryOf(property, schemas, `${name}.${key}`)]));
      const object = fc.record(properties, { requiredKeys: [...required] });
      return schema.minProperties ? object.filter((candidate) => Object.keys(candidate).length >= schema.minProperties) : object;
    }
    default:
      throw new Error(`${name}: no generator for ${JSON.stringify(schema)}`);
  }
}

/** The schema without the properties whose rule only their description states. */
function withoutDescribedRules(schema: any): any {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([key]) => !(key in STATED_IN_DESCRIPTION)));
  return { ...schema, properties, required: (schema.required ?? []).filter((key: string) => key in properties) };
}

function validatedClassNamed(name: string): new () => object {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<new () => object, unknown> };
  const found = [...storage.validationMetadatas.keys()].find((target) => target.name === name);
  if (!found) throw new Error(`no validated class named ${name}`);
  return found;
}

async function runsThroughThePipes(value: unknown, metadata: ArgumentMetadata): Promise<void> {
  const validated = new RejectOperatorKeysPipe().transform(value);
  await createValidationPipe().transform(validated, metadata);
}

describe('requests valid against the OpenAPI document', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let document: any;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    document = await (await fetch(`${platform.baseUrl}/api/docs/openapi.json`)).json();
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  function operations(): { name: string; operation: any }[] {
    return Object.entries(document.paths).flatMap(([path, item]: [string, any]) =>
      Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
  }

  it('pass the validation of every body', async () => {
    const bodies = new Set<string>();
    for (const { operation } of operations()) {
      const ref: string | undefined = operation.requestBody?.content?.['application/json']?.schema?.$ref;
      if (ref) bodies.add(ref.replace('#/components/schemas/', ''));
    }
    expect(bodies.size).toBeGreaterThan(10);
    for (const name of bodies) {
      const schema = withoutDescribedRules(document.components.schemas[name]);
      const metatype = validatedClassNamed(name);
      await fc.assert(
        fc.asyncProperty(arbitraryOf(schema, document.components.schemas, name), async (body) => {
          await runsThroughThePipes(body, { type: 'body', metatype });
        }),
        { numRuns: 60 },
      );
    }
  });

  it('pass the validation of every query', async () => {
    let queries = 0;
    for (const { name, operation } of operations()) {
      const parameters: any[] = (operation.parameters ?? []).filter((parameter: any) => parameter.in === 'query');
      if (parameters.length === 0) continue;
      queries += 1;
      const metatype = queryClassOf(operation.operationId);
      const schema = {
        type: 'object',
        properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
        required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      };
      await fc.assert(
        fc.asyncProperty(arbitraryOf(schema, document.components.schemas, name), async (query) => {
          // A query string carries text: what the schema says of a number, the client writes as digits.
          const asText = Object.fromEntries(Object.entries(query as object).map(([key, value]) => [key, String(value)]));
          await runsThroughThePipes(asText, { type: 'query', metatype });
        }),
        { numRuns: 60 },
      );
    }
    expect(queries).toBeGreaterThan(3);
  });

  /** The @Query() DTO of a route, from its controller's parameter types (operationId is `Controller_method`). */
  function queryClassOf(operationId: string): new () => object {
    const [controllerName, method] = operationId.split('_');
    for (const module of platform.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as any;
        if (controller?.name !== controllerName) continue;
        const routeArguments = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) as Record<string, { index: number }>;
        const parameterTypes = Reflect.getMetadata('design:paramtypes', controller.prototype, method) as (new () => object)[];
        const queryArgument = Object.entries(routeArguments).find(([key]) => key.startsWith(`${RouteParamtypes.QUERY}:`));
        if (queryArgument) return parameterTypes[queryArgument[1].index];
      }
    }
    throw new Error(`no @Query() DTO for ${operationId}`);
  }
});
