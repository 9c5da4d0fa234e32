import type { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PublicRoute } from '@osteo/auth';
import { HSTS_VALUE, createHttpApplication } from '@osteo/http';
import { HttpClient } from '../support/http-client';
import { StubbedGateway, startStubbedGateway } from '../support/stubbed-gateway';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';

const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join(';');

/** What every answer carries, API or not, success or error. */
function expectSecurityHeaders(headers: Headers): void {
  expect({
    csp: headers.get('content-security-policy'),
    nosniff: headers.get('x-content-type-options'),
    referrer: headers.get('referrer-policy'),
    frame: headers.get('x-frame-options'),
    hsts: headers.get('strict-transport-security'),
  }).toEqual({ csp: STRICT_CSP, nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY', hsts: null });
}

const password = 'correct horse battery staple';

describe('security headers, embedded platform', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let http: HttpClient;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    http = new HttpClient(platform.baseUrl);
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  it('sends them, and Cache-Control no-store, on an API answer carrying account data', async () => {
    expect((await http.post('/api/v1/auth/register', { email: 'headers@example.fr', password, displayName: 'Dr Headers' })).status).toBe(201);
    const session = await http.post('/api/v1/auth/login', { email: 'headers@example.fr', password });
    expectSecurityHeaders(session.headers);
    expect(session.headers.get('cache-control')).toBe('no-store');
    const me = await http.withToken(session.body.accessToken).get('/api/v1/me');
    expect(me.status).toBe(200);
    expectSecurityHeaders(me.headers);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('sends them on error answers: a 401, a 400 and an API 404', async () => {
    const unauthenticated = await http.get('/api/v1/cabinets');
    expect(unauthenticated.status).toBe(401);
    const invalid = await http.post('/api/v1/auth/register', { email: 'not an address', unknown: true });
    expect(invalid.status).toBe(400);
    const missing = await http.get('/api/v1/no-such-route');
    expect(missing.status).toBe(404);
    for (const answer of [unauthenticated, invalid, missing]) {
      expectSecurityHeaders(answer.headers);
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('sends them outside the API too (health, the web application), without the API’s no-store', async () => {
    for (const path of ['/health', '/', '/agenda']) {
      const answer = await fetch(`${platform.baseUrl}${path}`);
      await answer.arrayBuffer();
      expectSecurityHeaders(answer.headers);
      expect(answer.headers.get('cache-control')).not.toBe('no-store');
    }
  });

  it('keeps the Swagger UI working under the strict policy: no inline script, every asset from its own origin', async () => {
    const page = await fetch(`${platform.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expectSecurityHeaders(page.headers);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    // script-src 'self' without 'unsafe-inline': every script must be a file, none inline.
    expect(scripts.filter(([, attributes, body]) => !/\bsrc=/.test(attributes) || body.trim() !== '')).toEqual([]);
    const assets = [...html.matchAll(/\b(?:src|href)=["']([^"']+)["']/g)].map(([, url]) => url);
    expect(assets.filter((url) => /^(?:[a-z]+:)?\/\//i.test(url))).toEqual([]);
    for (const asset of assets) {
      const answer = await fetch(new URL(asset, `${platform.baseUrl}/api/docs/`));
      await answer.arrayBuffer();
      expect({ asset, status: answer.status }).toEqual({ asset, status: 200 });
    }
  });
});

@Controller('probe')
class ProbeController {
  @Get()
  @PublicRoute()
  probe(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('Strict-Transport-Security', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createHttpApplication(ProbeModule, { title: 'probe', logger: false, trustedProxies: ['loopback'] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  it('is sent only over HTTPS, as a trusted proxy reports it, never over plain HTTP', async () => {
    const plain = await fetch(`${baseUrl}/api/v1/probe`);
    await plain.arrayBuffer();
    expect(plain.status).toBe(200);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const overHttps = await fetch(`${baseUrl}/api/v1/probe`, { headers: { 'x-forwarded-proto': 'https' } });
    await overHttps.arrayBuffer();
    expect(overHttps.headers.get('strict-transport-security')).toBe(HSTS_VALUE);
  });
});

describe('security headers, distributed gateway', () => {
  let gateway: StubbedGateway;

  beforeAll(async () => {
    // A bare service that sends none of these headers: whatever the client gets, the gateway added.
    gateway = await startStubbedGateway((request, response) => {
      const missing = request.url?.includes('missing');
      response.writeHead(missing ? 404 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(missing ? { statusCode: 404, code: 'RESOURCE.NOT_FOUND', message: 'Patient not found' } : [{ patientId: 'p-1' }]));
    });
  });

  afterAll(() => gateway.close());

  it('adds them, and no-store, to proxied answers: a patient listing and a service’s 404', async () => {
    for (const [path, status] of [
      ['/api/v1/cabinets/c-1/patients', 200],
      ['/api/v1/patients/missing', 404],
    ] as const) {
      const answer = await fetch(`${gateway.url}${path}`, { headers: { authorization: gateway.bearer() } });
      await answer.arrayBuffer();
      expect({ path, status: answer.status }).toEqual({ path, status });
      expectSecurityHeaders(answer.headers);
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('sends them on its own answers: a 401 at the edge, a 404 for no API route', async () => {
    const unauthenticated = await fetch(`${gateway.url}/api/v1/patients/p-1`);
    await unauthenticated.arrayBuffer();
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated.headers);
    expect(unauthenticated.headers.get('cache-control')).toBe('no-store');
    const missing = await fetch(`${gateway.url}/api/v1/no-such-route`);
    await missing.arrayBuffer();
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers);
  });
});
