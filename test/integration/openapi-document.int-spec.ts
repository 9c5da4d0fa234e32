import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_ROUTE } from '@osteo/auth';
import { ERROR_STATUSES } from '@osteo/http';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Operation = { operationId: string; responses: Record<string, any>; requestBody?: any; parameters?: any[]; security?: unknown[] };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

describe('the OpenAPI document of the embedded platform', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any> } };
  let operations: { name: string; operation: Operation }[];

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    const answer = await fetch(`${platform.baseUrl}/api/docs/openapi.json`);
    expect(answer.status).toBe(200);
    document = (await answer.json()) as typeof document;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method]).map((method) => ({ name: `${method.toUpperCase()} ${path}`, operation: item[method] })),
    );
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  /** operationIds (`Controller_method`, SwaggerModule's default) of the routes the authentication guard lets through without a token. */
  function publicOperationIds(): Set<string> {
    const ids = new Set<string>();
    for (const module of platform.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
        if (!controller?.prototype) continue;
        for (const method of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = (controller.prototype as Record<string, unknown>)[method];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          if (Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, controller)) ids.add(`${controller.name}_${method}`);
        }
      }
    }
    return ids;
  }

  it('declares one ErrorBody schema: statusCode, code and message, all required', () => {
    expect(document.components.schemas.ErrorBody).toMatchObject({
      type: 'object',
      properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } },
      required: ['statusCode', 'code', 'message'],
    });
  });

  it('gives every operation a success answer with a schema for each content type, or a 204 without content', () => {
    const lacking = operations.flatMap(({ name, operation }) => {
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length === 0) return [`${name}: no 2xx answer`];
      return successes.flatMap(([status, response]) => {
        if (status === '204') return response.content ? [`${name}: 204 with content`] : [];
        const contents = Object.entries(response.content ?? {});
        if (contents.length === 0) return [`${name}: ${status} without content`];
        return contents.filter(([, media]: [string, any]) => !media.schema).map(([type]) => `${name}: ${status} ${type} without schema`);
      });
    });
    expect(lacking).toEqual([]);
  });

  it('leaves no answer without a schema: every status but 204 has content with one', () => {
    const lacking = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status, response]) => status !== '204' && !Object.values(response.content ?? {}).some((media: any) => media.schema))
        .map(([status]) => `${name}: ${status}`),
    );
    expect(lacking).toEqual([]);
  });

  it('declares 401 with the ErrorBody schema, and the bearer security, on every route the guard does not leave public; neither on public ones', () => {
    const publicIds = publicOperationIds();
    expect(publicIds.size).toBeGreaterThan(0);
    const wrong = operations.flatMap(({ name, operation }) => {
      const isPublic = publicIds.has(operation.operationId);
      const unauthorized = operation.responses['401'];
      if (isPublic) return operation.security ? [`${name}: public yet has a security requirement`] : [];
      if (!operation.security) return [`${name}: no security requirement`];
      if (unauthorized?.content?.['application/json']?.schema?.$ref !== ERROR_BODY_REF) return [`${name}: no 401 with ErrorBody`];
      return [];
    });
    expect(wrong).toEqual([]);
  });

  it('answers errors only among 400, 401, 403, 404, 409, 413, 414, 415, 429 (and a readiness 503), each with the ErrorBody schema', () => {
    const allowed = new Set<string>(ERROR_STATUSES.map(String));
    const wrong = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .flatMap(([status, response]) => {
          if (status === '503' && name === 'GET /health/ready') return [];
          if (!allowed.has(status)) return [`${name}: ${status} is not an error status of the API`];
          return response.content?.['application/json']?.schema?.$ref === ERROR_BODY_REF ? [] : [`${name}: ${status} without ErrorBody`];
        }),
    );
    expect(wrong).toEqual([]);
  });

  it('declares 400, 413 and 415 wherever a body is read, 400 wherever a query is validated, 404 and 414 wherever the path names a resource', () => {
    const wrong = operations.flatMap(({ name, operation }) => {
      const statuses = Object.keys(operation.responses);
      const missing: string[] = [];
      if (operation.requestBody && !['400', '413', '415'].every((status) => statuses.includes(status))) missing.push('400/413/415 for its body');
      if (operation.parameters?.some((parameter) => parameter.in === 'query') && !statuses.includes('400')) missing.push('400 for its query');
      if (operation.parameters?.some((parameter) => parameter.in === 'path') && !(statuses.includes('404') && statuses.includes('414'))) missing.push('404/414 for its path');
      return missing.map((what) => `${name}: ${what}`);
    });
    expect(wrong).toEqual([]);
  });

  it('says that request bodies refuse unknown fields, and states what the validators enforce', () => {
    const bodySchemas = operations.flatMap(({ operation }) => {
      const ref: string | undefined = operation.requestBody?.content?.['application/json']?.schema?.$ref;
      return ref ? [ref.replace('#/components/schemas/', '')] : [];
    });
    expect(bodySchemas.length).toBeGreaterThan(10);
    for (const name of bodySchemas) expect({ name, additionalProperties: document.components.schemas[name].additionalProperties }).toEqual({ name, additionalProperties: false });

    const schemas = document.components.schemas;
    expect(schemas.RecordManualEntryDto.properties).toMatchObject({
      kind: { enum: ['income', 'expense'] },
      // The strict ISO check refuses the years 0000 to 0099 (read as two-digit years): stated.
      date: { type: 'string', pattern: '^(?:0[1-9]|[1-9]\\d)\\d{2}-\\d{2}-\\d{2}$', format: 'date' },
      amountCents: { type: 'integer', minimum: 1 },
      label: { maxLength: expect.any(Number) },
    });
    expect(schemas.BookAppointmentDto.properties).toMatchObject({
      practitionerId: { minLength: 1, maxLength: 64 },
      patientId: { minLength: 1, maxLength: 64 },
      patientName: { minLength: 1 },
      start: { format: 'date-time', pattern: expect.any(String) },
    });
    // Which fields take null is stated, and only those: a null anywhere else is a 400.
    const nullable = (name: string) => Object.keys(schemas[name].properties).filter((property) => schemas[name].properties[property].nullable === true);
    expect(nullable('BookAppointmentDto')).toEqual([]);
    expect(nullable('ChangeAppointmentDto')).toEqual(['reason']);
    expect(nullable('RegisterPatientDto')).toEqual([]);
    expect(nullable('UpdatePatientDto')).toEqual(['phone', 'email', 'medicalHistory']);
    expect(nullable('OpenConsultationDto')).toEqual([]);
    expect(nullable('ReviseConsultationDto')).toEqual(['notes', 'examination', 'treatment']);
    // PATCH bodies that name no field are refused: their schemas say so.
    for (const name of ['UpdatePatientDto', 'ReviseConsultationDto', 'ChangeAppointmentDto', 'ChangeDelegationDto', 'ChangeCabinetDto']) {
      expect({ name, minProperties: schemas[name].minProperties }).toEqual({ name, minProperties: 1 });
    }
    expect(schemas.ConsultationFeeDto.properties.feeCents).toMatchObject({ type: 'integer', minimum: 1, maximum: expect.any(Number) });
    expect(schemas.RegisterAccountDto.properties).toMatchObject({ email: { format: 'email', maxLength: 254 }, password: { minLength: 12, maxLength: 128 } });
    const exportQuery = document.paths['/api/v1/ledgers/{accountId}/export'].get.parameters!;
    expect(exportQuery).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'query', name: 'format', required: true, schema: expect.objectContaining({ enum: ['csv', 'pdf'] }) }),
        expect.objectContaining({ in: 'query', name: 'from', schema: expect.objectContaining({ format: 'date' }) }),
      ]),
    );
  });

  it('describes the ledger export as a CSV or PDF file, and exact response shapes for lists', () => {
    const exportOk = document.paths['/api/v1/ledgers/{accountId}/export'].get.responses['200'];
    expect(exportOk.content).toEqual({
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    });
    const appointments = document.paths['/api/v1/cabinets/{cabinetId}/appointments'].get.responses['200'];
    expect(appointments.content['application/json'].schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/AppointmentViewDto' } });
    expect(document.components.schemas.ConsultationListingDto.properties.feeCents).toMatchObject({ type: 'integer', nullable: true });
    expect(document.components.schemas.ConsultationListingDto.required).toEqual(expect.arrayContaining(['feeCents', 'paymentMethod', 'notes']));
  });

  it('links each creation to the operations on what it created, passing on the ids its own path names', () => {
    const links = (path: string) => document.paths[path].post.responses['201'].links as Record<string, { operationId: string; parameters: Record<string, string> }>;
    expect(links('/api/v1/cabinets').PatientsController_register).toEqual({
      operationId: 'PatientsController_register',
      parameters: { cabinetId: '$response.body#/cabinetId' },
    });
    expect(links('/api/v1/cabinets/{cabinetId}/patients').PatientsController_read).toEqual({
      operationId: 'PatientsController_read',
      parameters: { patientId: '$response.body#/patientId' },
    });
    expect(Object.keys(links('/api/v1/patients/{patientId}/consultations'))).toEqual(
      expect.arrayContaining(['ConsultationsController_revise', 'ConsultationsController_complete', 'ConsultationsController_correctFee', 'ConsultationsController_delete']),
    );
    // Every link names an operation of the document, with every path parameter it takes.
    const byId = new Map(operations.map(({ operation }) => [operation.operationId, operation]));
    for (const { operation } of operations) {
      for (const link of Object.values((operation.responses['201'] as { links?: Record<string, { operationId: string; parameters: Record<string, string> }> } | undefined)?.links ?? {})) {
        const target = byId.get(link.operationId);
        const pathParameters = (target?.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
        expect({ link: link.operationId, parameters: Object.keys(link.parameters).sort() }).toEqual({ link: link.operationId, parameters: pathParameters.sort() });
      }
    }
  });

  it('declares 429 on login, and 403 AUTH.PASSWORD_CHANGE_REQUIRED only where a temporary password closes the route', () => {
    const me = document.paths['/api/v1/me'].get.responses;
    expect(me['403']).toBeUndefined();
    expect(document.paths['/api/v1/cabinets'].get.responses['403']).toBeDefined();
    expect(document.paths['/api/v1/auth/login'].post.responses['429']).toBeDefined();
  });
});
