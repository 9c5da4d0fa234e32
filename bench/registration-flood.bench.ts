/**
 * (h) Another client's latency during a registration flood: p99 of `GET /api/v1/me` for a signed-in
 * client while one address sends 50 registrations at once, next to its p99 alone, measured in the
 * same run, and next to the same flood with the per-address limit lifted (every registration
 * hashed). The throttle counts a registration before its argon2id hash, so a refused one costs
 * next to nothing and the other client keeps its latency.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpApplication } from '@osteo/http';
import { loadPlatformConfig } from '@osteo/platform';
import { EmbeddedPlatformModule } from '../services/embedded.module';
import { type BenchmarkReport, formatMs } from './report';
import { type LatencySummary, summarizeLatencies } from './statistics';

const PASSWORD = 'correct horse battery staple';
const FLOOD_SIZE = 50;
const FLOOD_ROUNDS = 10;
/** The other client's requests alone: about as many as it sends during all the floods. */
const BASELINE_REQUESTS = 600;
const WARM_UP_REQUESTS = 100;
const REGISTRATIONS_PER_ADDRESS = 20;

interface FloodRun {
  readonly latencies: LatencySummary;
  readonly created: number;
  readonly refused: number;
  readonly floodMs: number;
}

export async function benchmarkRegistrationFlood(): Promise<BenchmarkReport> {
  const throttled = await withPlatform(String(REGISTRATIONS_PER_ADDRESS), async (baseUrl) => {
    const me = await signedInClient(baseUrl, 'client.throttled@example.fr');
    for (let index = 0; index < WARM_UP_REQUESTS; index++) await me();
    const alone: number[] = [];
    for (let index = 0; index < BASELINE_REQUESTS; index++) alone.push(await me());
    return { alone: summarizeLatencies(alone), flood: await floods(baseUrl, me) };
  });
  const unthrottled = await withPlatform('1000000', async (baseUrl) => {
    const me = await signedInClient(baseUrl, 'client.unthrottled@example.fr');
    for (let index = 0; index < WARM_UP_REQUESTS; index++) await me();
    return floods(baseUrl, me);
  });

  const row = (what: string, { p50, p99, samples }: LatencySummary, flood: string) => [what, String(samples), formatMs(p50), formatMs(p99), flood];
  const floodCell = (run: FloodRun) =>
    `${run.created} created, ${run.refused} refused (429) over ${FLOOD_ROUNDS} floods; ${formatMs(run.floodMs / FLOOD_ROUNDS)} per flood`;
  return {
    title: `GET /me of another client during floods of ${FLOOD_SIZE} parallel registrations from one address, embedded profile`,
    settings: [
      `The other client: one signed-in account sending GET /api/v1/me one at a time (keep-alive, fetch), ${WARM_UP_REQUESTS} warm-up requests first, not counted. Alone: ${BASELINE_REQUESTS} requests. During the floods: as many as it completes while each flood is in flight.`,
      `A flood: ${FLOOD_SIZE} POST /api/v1/auth/register sent at once from one client address (X-Forwarded-For, the platform trusting loopback), each address new, ${FLOOD_ROUNDS} floods one after the other.`,
      `Throttled: the default limit, ${REGISTRATIONS_PER_ADDRESS} registrations per address within 15 minutes, counted before the argon2id hash (19 MiB, 2 passes). Unthrottled: REGISTRATIONS_PER_ADDRESS=1000000, every registration hashed, as before #11.`,
      'The platform runs in the bench process, started as `npm start` does, with SQLite event stores in a fresh temporary DATA_DIR per side; the client and the flood share its event loop and the machine\'s cores, as clients of one server do.',
    ],
    table: {
      headers: ['GET /me of the other client', 'requests', 'p50', 'p99', 'the floods'],
      rows: [
        row('alone (baseline)', throttled.alone, '—'),
        row('during the floods, throttled', throttled.flood.latencies, floodCell(throttled.flood)),
        row('during the floods, unthrottled', unthrottled.latencies, floodCell(unthrottled)),
      ],
    },
    verdicts: [
      `p99 during the floods against p99 alone: ${(throttled.flood.latencies.p99 / throttled.alone.p99).toFixed(2)}× throttled, ${(unthrottled.latencies.p99 / throttled.alone.p99).toFixed(2)}× unthrottled.`,
    ],
  };
}

async function floods(baseUrl: string, me: () => Promise<number>): Promise<FloodRun> {
  const latencies: number[] = [];
  let created = 0;
  let refused = 0;
  let floodMs = 0;
  for (let round = 0; round < FLOOD_ROUNDS; round++) {
    const address = `198.18.7.${round + 1}`;
    const started = performance.now();
    let settled = false;
    const flood = Promise.all(
      Array.from({ length: FLOOD_SIZE }, (_, index) =>
        post(baseUrl, '/api/v1/auth/register', { email: `flood-${round}-${index}@example.fr`, password: PASSWORD, displayName: 'Flood' }, address),
      ),
    ).finally(() => (settled = true));
    while (!settled) latencies.push(await me());
    const statuses = await flood;
    floodMs += performance.now() - started;
    created += statuses.filter((status) => status === 201).length;
    refused += statuses.filter((status) => status === 429).length;
  }
  return { latencies: summarizeLatencies(latencies), created, refused, floodMs };
}

async function post(baseUrl: string, path: string, body: unknown, clientAddress: string): Promise<number> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Registers and logs in an account from an address of its own; resolves with one timed GET /me. */
async function signedInClient(baseUrl: string, email: string): Promise<() => Promise<number>> {
  const address = '198.18.200.1';
  if ((await post(baseUrl, '/api/v1/auth/register', { email, password: PASSWORD, displayName: 'Dr Claire Martin' }, address)) !== 201) {
    throw new Error(`Could not register ${email}`);
  }
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}`, 'x-forwarded-for': address } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET /me answered ${response.status}`);
    return performance.now() - started;
  };
}

/** The platform as `npm start` starts it, trusting loopback so each flood can claim its own address. */
async function withPlatform<T>(registrationsPerAddress: string, use: (baseUrl: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-bench-flood-'));
  try {
    const config = loadPlatformConfig({ DATA_DIR: dataDir, TRUSTED_PROXIES: 'loopback', REGISTRATIONS_PER_ADDRESS: registrationsPerAddress });
    const app = await createHttpApplication(EmbeddedPlatformModule.with(config), {
      title: 'bench',
      bodyLimitBytes: config.bodyLimitBytes,
      trustedProxies: config.trustedProxies,
      logger: false,
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.getHttpServer().address() as { port: number };
      return await use(`http://127.0.0.1:${port}`);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
