import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_BODY_DEPTH, PRINTABLE_NAME_PATTERN, createHttpApplication, createProcessLog, operatorListenerUrl } from '@osteo/http';
import { loadPlatformConfig } from '@osteo/platform';
import { EmbeddedPlatformModule } from '../../services/embedded.module';
import { SignedIn, registerMainAccount } from '../support/accounts';
import { temporaryDataDir } from '../support/embedded-platform';
import { HttpClient } from '../support/http-client';
import { StubbedGateway, startStubbedGateway } from '../support/stubbed-gateway';

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** node:http rather than fetch: fetch refuses to send TRACE at all. */
function send(baseUrl: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(new URL(path, baseUrl), { method, headers: options.headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: the text is the body
        }
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text, body });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** `[[[…]]]`, `depth` arrays inside each other. */
const nestedArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** `{"a":{"a":…{}}}`, `depth` objects inside each other. */
const nestedObjects = (depth: number): string => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

/** What every error answer is, whoever produced it (libs/http/error-body.ts). */
const errorShape = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String) });

function expectSecurityHeadersOn(answer: RawAnswer): void {
  expect({ nosniff: answer.headers['x-content-type-options'], frame: answer.headers['x-frame-options'] }).toEqual({ nosniff: 'nosniff', frame: 'DENY' });
}

describe('the HTTP edge of the embedded platform: every answer in the platform’s shape and status', () => {
  const dataDir = temporaryDataDir();
  const logLines: string[] = [];
  let app: NestFastifyApplication;
  let baseUrl: string;
  let owner: SignedIn;
  let ownerToken: string;

  beforeAll(async () => {
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const config = loadPlatformConfig({ DATA_DIR: dataDir.path });
    app = await createHttpApplication(EmbeddedPlatformModule.with(config), {
      title: 'test',
      bodyLimitBytes: config.bodyLimitBytes,
      log: createProcessLog({ service: 'embedded', level: 'info', destination: logStream }),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    owner = await registerMainAccount(new HttpClient(baseUrl), 'edges@example.fr', 'Dr Edges');
    ownerToken = (await new HttpClient(baseUrl).post('/api/v1/auth/login', { email: 'edges@example.fr', password: 'correct horse battery staple' })).body.accessToken;
  });

  afterAll(async () => {
    await app.close();
    dataDir.remove();
  });

  const errorLines = () => logLines.filter((line) => ['error', 'fatal'].includes((JSON.parse(line) as { level?: string }).level ?? ''));

  describe('deeply nested JSON', () => {
    const deepBodies = [
      ['2,000 nested arrays', nestedArrays(2000)],
      ['2,000 nested arrays in a field', `{"email":${nestedArrays(2000)},"password":"x"}`],
      ['2,000 nested objects', nestedObjects(2000)],
    ] as const;

    it.each(deepBodies)('%s: a 400 REQUEST.TOO_DEEP on /auth/login without a token, and on an authenticated route, nothing logged as an error', async (_name, body) => {
      const errorsBefore = errorLines().length;
      const login = await send(baseUrl, 'POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json' }, body });
      expect(login).toMatchObject({ status: 400, body: errorShape(400, 'REQUEST.TOO_DEEP') });
      const cabinet = await send(baseUrl, 'POST', '/api/v1/cabinets', {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerToken}` },
        body,
      });
      expect(cabinet).toMatchObject({ status: 400, body: errorShape(400, 'REQUEST.TOO_DEEP') });
      expect(errorLines().slice(errorsBefore)).toEqual([]);
    });

    it(`lets a body ${MAX_BODY_DEPTH} levels deep through to validation, and refuses one level more`, async () => {
      // The cabinet's name nested in arrays: the object is the first level.
      const nameAtDepth = (depth: number) => `{"name":${nestedArrays(depth - 1)}}`;
      const atLimit = await owner.http.postRaw('/api/v1/cabinets', nameAtDepth(MAX_BODY_DEPTH));
      expect(atLimit).toMatchObject({ status: 400, body: errorShape(400, 'REQUEST.INVALID') });
      const beyond = await owner.http.postRaw('/api/v1/cabinets', nameAtDepth(MAX_BODY_DEPTH + 1));
      expect(beyond).toMatchObject({ status: 400, body: errorShape(400, 'REQUEST.TOO_DEEP') });
      // A valid body is not refused for being nested at all.
      expect((await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Lilas' })).status).toBe(201);
    });
  });

  it('answers a 5,000-character path id with a 414 in its shape, without echoing the URL', async () => {
    const longId = 'a'.repeat(5000);
    const answer = await send(baseUrl, 'GET', `/api/v1/patients/${longId}`, { headers: { authorization: `Bearer ${ownerToken}` } });
    expect(answer).toMatchObject({ status: 414, body: errorShape(414, 'REQUEST.URI_TOO_LONG') });
    expect(answer.text).not.toContain('aaaaaaaaaa');
    expectSecurityHeadersOn(answer);
  });

  it('answers a path that is no valid percent-encoding with a 400 in its shape', async () => {
    const answer = await send(baseUrl, 'GET', '/api/v1/patients/%E0%A4%A', { headers: { authorization: `Bearer ${ownerToken}` } });
    expect(answer).toMatchObject({ status: 400, body: errorShape(400, 'REQUEST.INVALID_PATH') });
    expectSecurityHeadersOn(answer);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('answers a JSON body sent as %s with a 415 in its shape', async (contentType) => {
    const body = JSON.stringify({ email: 'edges@example.fr', password: 'correct horse battery staple' });
    const answer = await send(baseUrl, 'POST', '/api/v1/auth/login', { headers: { 'content-type': contentType }, body });
    expect(answer).toMatchObject({ status: 415, body: errorShape(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE') });
    expectSecurityHeadersOn(answer);
  });

  it.each([
    ['TRACE', '/api/v1/auth/login', ['POST']],
    ['DELETE', '/api/v1/auth/login', ['POST']],
    ['TRACE', '/api/v1/cabinets', ['GET', 'HEAD', 'POST']],
    ['PUT', '/api/v1/patients/p-1', ['GET', 'HEAD', 'PATCH', 'DELETE']],
  ])('answers %s on %s, an existing path, with a 405 naming the allowed methods', async (method, path, allowed) => {
    const answer = await send(baseUrl, method, path, { headers: { authorization: `Bearer ${ownerToken}` } });
    expect(answer).toMatchObject({ status: 405, body: errorShape(405, 'REQUEST.METHOD_NOT_ALLOWED') });
    expect(String(answer.headers.allow).split(', ').sort()).toEqual([...allowed].sort());
    expectSecurityHeadersOn(answer);
  });

  it('challenges a missing token with WWW-Authenticate: Bearer, and a bad one with error="invalid_token" (RFC 6750)', async () => {
    const missing = await send(baseUrl, 'GET', '/api/v1/me');
    expect(missing).toMatchObject({ status: 401, body: errorShape(401, 'AUTH.UNAUTHENTICATED') });
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    const invalid = await send(baseUrl, 'GET', '/api/v1/me', { headers: { authorization: 'Bearer not-a-token' } });
    expect(invalid.status).toBe(401);
    expect(invalid.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('keeps the shape for an unknown route, a body too large and malformed JSON', async () => {
    expect(await send(baseUrl, 'GET', '/api/v1/no-such-route')).toMatchObject({ status: 404, body: errorShape(404, 'RESOURCE.NOT_FOUND') });
    const oversized = await owner.http.post('/api/v1/cabinets', { name: 'x'.repeat(70 * 1024) });
    expect(oversized).toMatchObject({ status: 413, body: errorShape(413, 'REQUEST.BODY_TOO_LARGE') });
    expect(await owner.http.postRaw('/api/v1/cabinets', '{"name":')).toMatchObject({ status: 400, body: errorShape(400, 'REQUEST.MALFORMED_BODY') });
  });

  describe('names', () => {
    it.each([
      ['only spaces', '   '],
      ['a newline', 'Cabinet\ndes Lilas'],
      ['a tab', 'Cabinet\tdes Lilas'],
      ['a NUL', 'Cabinet\u0000'],
      ['a C1 control', 'Cabinet\u0085'],
      ['a bidi override', 'Cabinet \u202Esalil'],
      ['a bidi isolate', 'Cabinet \u2066x\u2069'],
    ])('refuses a cabinet name holding %s with a 400 naming the field', async (_name, name) => {
      const answer = await owner.http.post('/api/v1/cabinets', { name });
      expect(answer).toMatchObject({ status: 400, body: errorShape(400, 'REQUEST.INVALID') });
      expect(answer.body.message).toContain('name');
    });

    it('states the rule in the OpenAPI document as each name field’s pattern, so generated clients agree', async () => {
      const { components } = (await send(baseUrl, 'GET', '/api/docs/openapi.json')).body as { components: { schemas: Record<string, { properties: Record<string, { pattern?: string }> }> } };
      const namePatterns = [
        components.schemas.OpenCabinetDto.properties.name,
        components.schemas.RegisterAccountDto.properties.displayName,
        components.schemas.RegisterPatientDto.properties.firstName,
        components.schemas.RegisterPatientDto.properties.lastName,
        components.schemas.BookAppointmentDto.properties.patientName,
      ].map((property) => property.pattern);
      expect(new Set(namePatterns)).toEqual(new Set([PRINTABLE_NAME_PATTERN.source]));
    });

    it('refuses such a display name at registration, and a patient’s first name, and accepts names with accents, apostrophes and hyphens, and free text over several lines', async () => {
      const anonymous = new HttpClient(baseUrl);
      const refused = await anonymous.post('/api/v1/auth/register', { email: 'blank@example.fr', password: 'correct horse battery staple', displayName: ' \t ' });
      expect(refused).toMatchObject({ status: 400, body: errorShape(400, 'REQUEST.INVALID') });
      const cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet d’Ostéopathie Saint-Éloi' })).body.cabinetId;
      expect(cabinetId).toEqual(expect.any(String));
      const patient = { lastName: 'N’Diaye-Lefèvre', birthDate: '1980-02-03' };
      expect((await owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { ...patient, firstName: 'Zoé\u0007' })).status).toBe(400);
      const registered = await owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { ...patient, firstName: 'Zoé Anne' });
      expect(registered.status).toBe(201);
      // Free text runs over lines; a NUL or an escape is still refused.
      const consultations = `/api/v1/patients/${registered.body.patientId}/consultations`;
      const today = new Date().toISOString().slice(0, 10);
      expect((await owner.http.post(consultations, { date: today, reason: 'Lombalgie', notes: 'Depuis lundi.\r\n\tSuivi dans 3 semaines.' })).status).toBe(201);
      for (const notes of ['note\u0000', 'note\u001B[31m']) {
        expect(await owner.http.post(consultations, { date: today, reason: 'Lombalgie', notes })).toMatchObject({ status: 400, body: errorShape(400, 'REQUEST.INVALID') });
      }
    });
  });
});

describe('the HTTP edge of the distributed gateway', () => {
  let gateway: StubbedGateway;

  beforeAll(async () => {
    gateway = await startStubbedGateway((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('[]');
    });
  });

  afterAll(() => gateway.close());

  it('answers TRACE on a proxied path with a 405 in its shape', async () => {
    const answer = await send(gateway.url, 'TRACE', '/api/v1/cabinets', { headers: { authorization: gateway.bearer() } });
    expect(answer).toMatchObject({ status: 405, body: errorShape(405, 'REQUEST.METHOD_NOT_ALLOWED') });
    expect(answer.headers.allow).toEqual(expect.stringContaining('GET'));
    expectSecurityHeadersOn(answer);
  });

  it('challenges at the edge with WWW-Authenticate', async () => {
    expect((await send(gateway.url, 'GET', '/api/v1/cabinets')).headers['www-authenticate']).toBe('Bearer');
    expect((await send(gateway.url, 'GET', '/api/v1/cabinets', { headers: { authorization: 'Bearer forged' } })).headers['www-authenticate']).toBe(
      'Bearer error="invalid_token"',
    );
  });

  it('answers an unknown route with a 404 in its shape', async () => {
    expect(await send(gateway.url, 'GET', '/api/v1/no-such-route')).toMatchObject({ status: 404, body: errorShape(404, 'RESOURCE.NOT_FOUND') });
  });

  it('serves /metrics on its operator listener only, never on the public port', async () => {
    const operatorUrl = operatorListenerUrl(gateway.app);
    expect(operatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await send(gateway.url, 'GET', '/metrics')).toMatchObject({ status: 404, body: errorShape(404, 'RESOURCE.NOT_FOUND') });
    expect((await send(gateway.url, 'GET', '/operator/read-models')).status).toBe(404);
    const scraped = await send(operatorUrl!, 'GET', '/metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('http_request_duration_seconds');
    // The operator listener is not a second door to the API.
    expect((await send(operatorUrl!, 'GET', '/api/v1/cabinets', { headers: { authorization: gateway.bearer() } })).status).toBe(404);
  });
});
