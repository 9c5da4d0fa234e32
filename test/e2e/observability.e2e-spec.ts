import { PassThrough } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@osteo/contracts';
import { createHttpApplication, createProcessLog } from '@osteo/http';
import { ReadinessChecks, loadPlatformConfig } from '@osteo/platform';
import { EmbeddedPlatformModule } from '../../services/embedded.module';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { temporaryDataDir } from '../support/embedded-platform';

const password = 'correct horse battery staple';

/**
 * Logs, health and metrics of the embedded process, started as `npm start` does except that its
 * log goes to a stream the test reads instead of stdout.
 */
describe('observability, embedded profile', () => {
  const dataDir = temporaryDataDir();
  const logLines: string[] = [];
  let app: NestFastifyApplication;
  let baseUrl: string;
  let http: HttpClient;

  beforeAll(async () => {
    const logStream = new PassThrough();
    let unfinishedLine = '';
    logStream.on('data', (chunk: Buffer) => {
      const lines = (unfinishedLine + chunk.toString('utf8')).split('\n');
      unfinishedLine = lines.pop() ?? '';
      logLines.push(...lines);
    });
    const config = loadPlatformConfig({ DATA_DIR: dataDir.path });
    app = await createHttpApplication(EmbeddedPlatformModule.with(config), {
      title: 'test',
      bodyLimitBytes: config.bodyLimitBytes,
      log: createProcessLog({ service: 'embedded', level: 'info', destination: logStream }),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    http = new HttpClient(baseUrl);
  });

  afterAll(async () => {
    await app.close();
    dataDir.remove();
  });

  const metrics = async (): Promise<string> => {
    const scraped = await http.get<string>('/metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain/);
    return scraped.body;
  };

  it('answers the liveness probe', async () => {
    expect(await http.get('/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await http.get('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it("is ready when the bus and every service's stores answer, and names each of them", async () => {
    const ready = await http.get('/health/ready');

    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    const components = ['identity', 'access-grant', 'planning', 'patient-records', 'accounting'].flatMap((service) => [
      `${service}.event-store`,
      `${service}.read-store`,
    ]);
    for (const component of [...components, 'event-bus']) expect(ready.body.info[component]).toEqual({ status: 'up' });
  });

  it('writes one JSON access line per request, with the correlation id the client sent', async () => {
    await fetch(`${baseUrl}/health/live`, { headers: { 'x-correlation-id': 'observability-test-42' } });

    const accessLine = await eventually(() => {
      const line = logLines.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.correlationId === 'observability-test-42');
      expect(line).toBeDefined();
      return line!;
    });
    expect(accessLine).toMatchObject({
      level: 'info',
      service: 'embedded',
      msg: 'request completed',
      method: 'GET',
      route: '/health/live',
      statusCode: 200,
      durationMs: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('exposes request durations by route, and how far publishers and projections got after a registration', async () => {
    const registered = await http.post('/api/v1/auth/register', { email: 'metrics@example.fr', password, displayName: 'Dr Metrics' });
    expect(registered.status).toBe(201);

    const scraped = await eventually(async () => {
      const text = await metrics();
      expect(text).toMatch(/^projection_last_applied_timestamp_seconds\{group="identity\.read-models"\} \d+/m);
      return text;
    });
    expect(scraped).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/auth\/register",status_code="201"\} 1$/m);
    expect(scraped).toMatch(new RegExp(`^event_publisher_checkpoint\\{topic="${Topics.identity.replace('.', '\\.')}"\\} [1-9]\\d*$`, 'm'));
    expect(scraped).toMatch(/^consumer_lag\{group="identity\.read-models",topic="identity\.events"\} \d+$/m);
    // The ledger's own group, the money path, is watched too.
    expect(scraped).toMatch(/^consumer_lag\{group="accounting\.ledger",topic="records\.events"\} \d+$/m);
    expect(scraped).toMatch(/^process_cpu_seconds_total /m);
  });

  it('never writes a password to the log', () => {
    expect(logLines.some((line) => line.includes(password))).toBe(false);
  });

  it('answers 503 naming the component that is down', async () => {
    app.get(ReadinessChecks).register('test.unreachable', () => Promise.reject(new Error('connection refused')));

    const ready = await http.get('/health/ready');

    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'error',
      error: { 'test.unreachable': { status: 'down', message: 'connection refused' } },
      info: { 'event-bus': { status: 'up' } },
    });
  });
});
