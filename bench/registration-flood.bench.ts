/**
 * (h) Another client's latency during a registration flood: p99 of `GET /api/v1/me` for a signed-in
 * client while one address sends 50 registrations at once, next to its p99 alone, measured in the
 * same run, and next to the same flood with the per-address limit lifted (every registration
 * hashed). The throttle counts a registration before its argon2id hash, so a refused one costs
 * next to nothing and the other client keeps its latency.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
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
/** Floods of each kind: enough requests of the other client in flight for a p99. */
const FLOOD_ROUNDS = 10;
const REFUSED_FLOOD_ROUNDS = 100;
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
    // Each address's first flood fills its quota; its next ones are refused whole.
    const first = merged(await floods(baseUrl, me, FLOOD_ROUNDS, (round) => floodingAddress(round)));
    const later = merged(await floods(baseUrl, me, REFUSED_FLOOD_ROUNDS, (round) => floodingAddress(round % FLOOD_ROUNDS)));
    return { alone: summarizeLatencies(alone), first, later };
  });
  const unthrottled = await withPlatform('1000000', async (baseUrl) => {
    const me = await signedInClient(baseUrl, 'client.unthrottled@example.fr');
    for (let index = 0; index < WARM_UP_REQUESTS; index++) await me();
    return merged(await floods(baseUrl, me, FLOOD_ROUNDS, (round) => floodingAddress(round)));
  });

  const row = (what: string, { p50, p99, samples }: LatencySummary, flood: string) => [what, String(samples), formatMs(p50), formatMs(p99), flood];
  const floodCell = (run: FloodRun, count: number) =>
    `${count === 1 ? 'one flood' : `${count} floods`}: ${run.created} created, ${run.refused} refused (429); ${formatMs(run.floodMs / count)} per flood`;
  return {
    title: `GET /me of another client during floods of ${FLOOD_SIZE} parallel registrations from one address, embedded profile`,
    settings: [
      `The other client: one signed-in account sending GET /api/v1/me one at a time (keep-alive, fetch), ${WARM_UP_REQUESTS} warm-up requests first, not counted. Alone: ${BASELINE_REQUESTS} requests. During a flood: as many as it completes while the flood is in flight.`,
      `A flood: ${FLOOD_SIZE} POST /api/v1/auth/register sent at once from one client address (X-Forwarded-For, the platform trusting loopback), one flood at a time. Throttled: a first flood from each of ${FLOOD_ROUNDS} addresses, then ${REFUSED_FLOOD_ROUNDS} more from the same addresses in turn. Unthrottled: ${FLOOD_ROUNDS} floods.`,
      `Throttled: the default limit, ${REGISTRATIONS_PER_ADDRESS} registrations per address within 15 minutes, counted before the argon2id hash (19 MiB, 2 passes): an address's first flood gets ${REGISTRATIONS_PER_ADDRESS} registrations through, its later ones none. Unthrottled: REGISTRATIONS_PER_ADDRESS=1000000, every registration hashed and written, as before #11.`,
      'The platform runs in the bench process, started as `npm start` does, with SQLite event stores in a fresh temporary DATA_DIR per side; the client and the flood share its event loop and the machine\'s cores, as clients of one server do.',
    ],
    table: {
      headers: ['GET /me of the other client', 'requests', 'p50', 'p99', 'the floods'],
      rows: [
        row('alone (baseline)', throttled.alone, '—'),
        row("during an address's first flood, throttled", throttled.first.latencies, floodCell(throttled.first, FLOOD_ROUNDS)),
        row("during the address's later floods, throttled", throttled.later.latencies, floodCell(throttled.later, REFUSED_FLOOD_ROUNDS)),
        row('during the floods, unthrottled', unthrottled.latencies, floodCell(unthrottled, FLOOD_ROUNDS)),
      ],
    },
    verdicts: [
      `p99 against p99 alone: ${ratio(throttled.first, throttled.alone)} during an address's first flood (${REGISTRATIONS_PER_ADDRESS} of its registrations hashed and written), ${ratio(throttled.later, throttled.alone)} during its later ones (all refused before the hash), ${ratio(unthrottled, throttled.alone)} unthrottled.`,
    ],
  };
}

function ratio(run: FloodRun, alone: LatencySummary): string {
  return `${(run.latencies.p99 / alone.p99).toFixed(2)}×`;
}

interface MeasuredFlood extends FloodRun {
  readonly samples: readonly number[];
}

function merged(runs: readonly MeasuredFlood[]): MeasuredFlood {
  const samples = runs.flatMap((run) => run.samples);
  const total = (pick: (run: MeasuredFlood) => number) => runs.reduce((sum, run) => sum + pick(run), 0);
  return { samples, latencies: summarizeLatencies(samples), created: total((run) => run.created), refused: total((run) => run.refused), floodMs: total((run) => run.floodMs) };
}

function floodingAddress(index: number): string {
  return `198.18.7.${index + 1}`;
}

async function floods(baseUrl: string, me: () => Promise<number>, rounds: number, addressOf: (round: number) => string): Promise<MeasuredFlood[]> {
  const runs: MeasuredFlood[] = [];
  for (let round = 0; round < rounds; round++) {
    const samples: number[] = [];
    const started = performance.now();
    let settled = false;
    const flood = Promise.all(
      Array.from({ length: FLOOD_SIZE }, () =>
        post(baseUrl, '/api/v1/auth/register', { email: `flood-${randomUUID()}@example.fr`, password: PASSWORD, displayName: 'Flood' }, addressOf(round)),
      ),
    ).finally(() => (settled = true));
    while (!settled) samples.push(await me());
    const statuses = await flood;
    runs.push({
      samples,
      latencies: summarizeLatencies(samples),
      created: statuses.filter((status) => status === 201).length,
      refused: statuses.filter((status) => status === 429).length,
      floodMs: performance.now() - started,
    });
  }
  return runs;
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
