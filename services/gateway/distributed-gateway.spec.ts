import { once } from 'node:events';
import { IncomingHttpHeaders, Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@osteo/auth';
import { InvalidConfigurationError } from '@osteo/platform';
import { createDistributedGateway } from './distributed-gateway';
import { GatewayConfig, loadGatewayConfig } from './gateway-config';
import { UpstreamService, upstreamServices, upstreamUrlVariable } from './service-routes';

/**
 * The distributed gateway in front of stand-in services that record what reaches them: who owns
 * which route, the token check at the edge, what is forwarded, and the answers the gateway gives
 * itself (401, 413, 502, its health and the AsyncAPI document).
 */

const SECRET = 'a-signing-secret-of-at-least-32-bytes-for-tests';
const BODY_LIMIT_BYTES = 2048;

interface ForwardedRequest {
  readonly service: UpstreamService;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A stand-in service: answers 200 with its name and records every request it receives. */
async function startRecordingService(service: UpstreamService, received: ForwardedRequest[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ service, method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      // identity sets the browser's refresh cookie: the gateway must hand it back untouched.
      const cookie = service === 'identity' ? { 'set-cookie': 'osteo_refresh=s.t; Max-Age=60; Path=/api/v1/auth; HttpOnly; SameSite=Strict' } : {};
      response.writeHead(200, { 'content-type': 'application/json', ...cookie }).end(JSON.stringify({ service }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

function accessToken(claims: { audience?: string; secret?: string; withoutExpiry?: boolean; withoutIssueTime?: boolean } = {}): string {
  return new JwtService({ secret: claims.secret ?? SECRET }).sign(
    { sub: 'account-1', mcp: false, knd: 'main', sid: 'session-1' },
    {
      algorithm: 'HS256',
      issuer: ACCESS_TOKEN_ISSUER,
      audience: claims.audience ?? ACCESS_TOKEN_AUDIENCE,
      ...(claims.withoutExpiry ? {} : { expiresIn: 60 }),
      ...(claims.withoutIssueTime ? { noTimestamp: true } : {}),
    },
  );
}

describe('distributed gateway', () => {
  const received: ForwardedRequest[] = [];
  const services = new Map<UpstreamService, Server>();
  let gateway: NestFastifyApplication;
  let gatewayUrl: string;
  const bearer = { authorization: `Bearer ${accessToken()}` };

  async function startGateway(env: Record<string, string> = {}): Promise<{ app: NestFastifyApplication; url: string }> {
    const config: GatewayConfig = loadGatewayConfig({
      JWT_SECRET: SECRET,
      BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
      // Its metrics listener on a free port too: several gateways run at once here.
      OPERATOR_PORT: '0',
      ...Object.fromEntries([...services].map(([service, server]) => [upstreamUrlVariable(service), urlOf(server)])),
      ...env,
    });
    const app = await createDistributedGateway(config, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, url: urlOf(app.getHttpServer() as Server) };
  }

  beforeAll(async () => {
    for (const service of upstreamServices) services.set(service, await startRecordingService(service, received));
    ({ app: gateway, url: gatewayUrl } = await startGateway());
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all([...services.values()].map((server) => new Promise((resolve) => server.close(resolve))));
  });

  beforeEach(() => received.splice(0));

  const send = (path: string, init: RequestInit = {}) => fetch(`${gatewayUrl}${path}`, init);
  const lastForwarded = () => received.at(-1);

  it.each([
    ['POST', '/api/v1/auth/login', 'identity'],
    ['POST', '/api/v1/auth/password', 'identity'],
    ['GET', '/api/v1/me', 'identity'],
    ['GET', '/api/v1/cabinets', 'access-grant'],
    ['POST', '/api/v1/cabinets/c-1/close', 'access-grant'],
    ['DELETE', '/api/v1/cabinets/c-1/colleagues/a-2', 'access-grant'],
    ['GET', '/api/v1/invitations', 'access-grant'],
    ['POST', '/api/v1/invitations/i-1/accept', 'access-grant'],
    ['PATCH', '/api/v1/delegations/d-1', 'access-grant'],
    ['GET', '/api/v1/cabinets/c-1/appointments?from=2031-01-01T00%3A00%3A00Z', 'planning'],
    ['POST', '/api/v1/appointments/a-1/cancel', 'planning'],
    ['POST', '/api/v1/cabinets/c-1/patients', 'patient-records'],
    ['GET', '/api/v1/patients/p-1/consultations', 'patient-records'],
    ['POST', '/api/v1/consultations/x-1/complete', 'patient-records'],
    ['GET', '/api/v1/ledgers/a-1/entries?year=2031', 'accounting'],
  ])('%s %s goes to %s, path and query unchanged', async (method, path, service) => {
    const answer = await send(path, { method, headers: bearer });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ service });
    expect(lastForwarded()).toMatchObject({ service, method, url: path });
  });

  it.each(['register', 'login', 'login/two-factor', 'refresh', 'password-reset', 'password-reset/confirm'])('lets POST /api/v1/auth/%s through without a token', async (endpoint) => {
    expect((await send(`/api/v1/auth/${endpoint}`, { method: 'POST' })).status).toBe(200);
    expect(lastForwarded()).toMatchObject({ service: 'identity', url: `/api/v1/auth/${endpoint}` });
  });

  it.each([
    ['no token', {}],
    ['another scheme', { authorization: `Basic ${accessToken()}` }],
    ['a token signed with another secret', { authorization: `Bearer ${accessToken({ secret: 'another-secret-of-at-least-32-bytes-long' })}` }],
    ['a token for another audience', { authorization: `Bearer ${accessToken({ audience: 'somebody-else' })}` }],
    ['an unsigned token', { authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}.` }],
    ['a well-signed token without an expiry', { authorization: `Bearer ${accessToken({ withoutExpiry: true })}` }],
    ['a well-signed token without an issue time', { authorization: `Bearer ${accessToken({ withoutIssueTime: true })}` }],
  ])('answers 401 itself for %s, without reaching any service', async (_case, headers) => {
    const answer = await send('/api/v1/cabinets', { headers });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED', message: 'A valid bearer access token is required' });
    expect(received).toEqual([]);
  });

  it('forwards the correlation id, and the client address in place of any the client claimed', async () => {
    const answer = await send('/api/v1/me', {
      headers: { ...bearer, 'x-correlation-id': 'trace-42', 'x-forwarded-for': '203.0.113.9', 'x-forwarded-host': 'evil.example' },
    });
    expect(answer.headers.get('x-correlation-id')).toBe('trace-42');
    expect(lastForwarded()?.headers).toMatchObject({ 'x-correlation-id': 'trace-42', 'x-forwarded-for': '127.0.0.1', authorization: bearer.authorization });
    expect(lastForwarded()?.headers['x-forwarded-host']).toBeUndefined();
  });

  it('forwards the refresh cookie and its transport header to identity, the protocol it saw, and identity\'s Set-Cookie back', async () => {
    const answer = await send('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { cookie: 'osteo_refresh=s.t', 'x-refresh-token-transport': 'cookie', 'x-forwarded-proto': 'https' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.getSetCookie()).toEqual(['osteo_refresh=s.t; Max-Age=60; Path=/api/v1/auth; HttpOnly; SameSite=Strict']);
    // The client's X-Forwarded-Proto is a claim: the gateway says what it saw (plain HTTP here).
    expect(lastForwarded()?.headers).toMatchObject({ cookie: 'osteo_refresh=s.t', 'x-refresh-token-transport': 'cookie', 'x-forwarded-proto': 'http' });
  });

  it('generates a correlation id when the client sent none, and forwards that one', async () => {
    const answer = await send('/api/v1/me', { headers: bearer });
    const generated = answer.headers.get('x-correlation-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(lastForwarded()?.headers['x-correlation-id']).toBe(generated);
  });

  it('takes the client address from X-Forwarded-For only when the peer is a trusted proxy', async () => {
    const behindProxy = await startGateway({ TRUSTED_PROXIES: 'loopback' });
    try {
      await fetch(`${behindProxy.url}/api/v1/me`, { headers: { ...bearer, 'x-forwarded-for': '203.0.113.9' } });
      expect(lastForwarded()?.headers['x-forwarded-for']).toBe('203.0.113.9');
    } finally {
      await behindProxy.app.close();
    }
  });

  it('forwards the body byte for byte, whatever it holds: the service validates it', async () => {
    const body = '{"name":"Cabinet A",  "address": {"$gt": ""}}';
    await send('/api/v1/cabinets', { method: 'POST', headers: { ...bearer, 'content-type': 'application/json; charset=utf-8' }, body });
    expect(lastForwarded()).toMatchObject({ body, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) } });
  });

  it('refuses a path with dot segments instead of forwarding it somewhere else', async () => {
    // A URL would have its dot segments resolved before sending (WHATWG); a raw path keeps them.
    const { port } = new URL(gatewayUrl);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const raw = request({ host: '127.0.0.1', port, path: '/api/v1/cabinets/%2e%2e/%2e%2e/me', headers: bearer }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      raw.on('error', reject);
      raw.end();
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 400, code: 'REQUEST.INVALID_PATH' });
    expect(received).toEqual([]);
  });

  it('answers 413 itself for a body over the limit', async () => {
    const answer = await send('/api/v1/cabinets', { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES) }) });
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ statusCode: 413, code: 'REQUEST.BODY_TOO_LARGE' });
    expect(received).toEqual([]);
  });

  it('answers 502 with the error body when the owning service does not answer', async () => {
    const unreachable = createServer();
    unreachable.listen(0, '127.0.0.1');
    await once(unreachable, 'listening');
    const closedPort = urlOf(unreachable);
    await new Promise((resolve) => unreachable.close(resolve));
    const withPlanningDown = await startGateway({ PLANNING_URL: closedPort });
    try {
      const answer = await fetch(`${withPlanningDown.url}/api/v1/appointments/a-1`, { headers: bearer });
      expect(answer.status).toBe(502);
      expect(await answer.json()).toEqual({ statusCode: 502, code: 'GATEWAY.SERVICE_UNAVAILABLE', message: 'The planning service is unavailable; try again shortly' });
      expect((await fetch(`${withPlanningDown.url}/api/v1/cabinets`, { headers: bearer })).status).toBe(200);
    } finally {
      await withPlanningDown.app.close();
    }
  });

  it('serves its health and the AsyncAPI document itself, and 404 for a path no service owns', async () => {
    expect(await (await send('/health')).json()).toEqual({ status: 'ok' });
    expect(await (await send('/api/v1/asyncapi.json')).json()).toMatchObject({ asyncapi: expect.stringMatching(/^3\./) });
    const unknown = await send('/api/v1/prescriptions', { headers: bearer });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404, code: 'RESOURCE.NOT_FOUND' });
    expect(received).toEqual([]);
  });

  it('refuses to start without its secret and the address of every service, listing each problem', () => {
    const problemsOf = (env: Record<string, string>): readonly string[] => {
      try {
        loadGatewayConfig(env);
        return [];
      } catch (error) {
        if (error instanceof InvalidConfigurationError) return error.problems;
        throw error;
      }
    };
    expect(problemsOf({ TRUSTED_PROXIES: 'localhost', IDENTITY_URL: 'ftp://identity' })).toEqual([
      'JWT_SECRET is required (the secret every service verifies access tokens with)',
      'TRUSTED_PROXIES must list IP addresses, CIDR ranges or loopback, linklocal, uniquelocal (got "localhost")',
      'IDENTITY_URL must be a http or https URL (got "ftp://identity")',
      'ACCESS_GRANT_URL is required',
      'PLANNING_URL is required',
      'PATIENT_RECORDS_URL is required',
      'ACCOUNTING_URL is required',
    ]);
  });
});

describe('distributed gateway in front of two instances of a service', () => {
  it('given IDENTITY_URL listing two instances, then requests go to each in turn', async () => {
    const received: ForwardedRequest[] = [];
    const secondIdentity: ForwardedRequest[] = [];
    const servers = await Promise.all(upstreamServices.map((service) => startRecordingService(service, received)));
    const second = await startRecordingService('identity', secondIdentity);
    const env = Object.fromEntries(upstreamServices.map((service, index) => [upstreamUrlVariable(service), urlOf(servers[index])]));
    env.IDENTITY_URL = `${env.IDENTITY_URL}, ${urlOf(second)}`;
    const app = await createDistributedGateway(loadGatewayConfig({ JWT_SECRET: SECRET, ...env }), { logger: false });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const url = urlOf(app.getHttpServer() as Server);
      for (let login = 0; login < 4; login += 1) {
        await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      }
      expect(received.filter((forwarded) => forwarded.service === 'identity')).toHaveLength(2);
      expect(secondIdentity).toHaveLength(2);
    } finally {
      await app.close();
      for (const server of [...servers, second]) server.close();
    }
  });
});
