/**
 * (e) GET /cabinets/:id/appointments for a week of 50 appointments, under load from autocannon,
 * against a bare route on the same Fastify instance that returns the same body with no work.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { eventually, JsonClient, registerMainAccount, withPlatform } from './platform-harness';
import { type BenchmarkReport, formatCount, formatMs, ratioVerdict } from './report';
import { median } from './statistics';

const REPO_ROOT = resolve(__dirname, '..', '..');
const AUTOCANNON = join(REPO_ROOT, 'node_modules', '.bin', 'autocannon');
const APPOINTMENTS = 50;
const CONNECTIONS = 10;
const MEASURED_SECONDS = 10;
/** Not counted: JIT compilation, connection set-up, lazy initialisation. */
const WARM_UP_SECONDS = 3;
/** Each round measures both routes back to back; the machine is shared, so a few rounds and their median. */
const ROUNDS = 3;
const BARE_PATH = '/bench/bare';
const TARGET_REQUESTS_PER_SECOND = 2_000;
const TARGET_RATIO = 0.3;
/** A week with room for 50 half-hour appointments, Monday to Friday, Paris winter time. */
const WEEK_START = '2027-01-11T00:00:00+01:00';
const WEEK_END = '2027-01-18T00:00:00+01:00';

/** What one autocannon run measured. */
interface LoadRun {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

interface Contender {
  readonly name: string;
  readonly url: string;
  readonly runs: LoadRun[];
}

export async function benchmarkAppointments(): Promise<BenchmarkReport> {
  // The bare route answers with the listing's own body, captured once the scenario is set up.
  let bareBody: unknown = [];
  return withPlatform(
    {},
    async ({ baseUrl }) => {
      const owner = await registerMainAccount(new JsonClient(baseUrl), 'owner@bench.example.fr', 'Dr Claire Martin');
      const { body: cabinet } = await owner.client.expect(201, 'POST', '/cabinets', { name: 'Cabinet des Lilas' });
      const cabinetId = cabinet.cabinetId as string;
      for (let index = 0; index < APPOINTMENTS; index++) {
        await owner.client.expect(201, 'POST', `/cabinets/${cabinetId}/appointments`, {
          practitionerId: owner.accountId,
          patientName: `Jeanne Dupont-${index}`,
          ...slotOf(index),
          reason: 'Lombalgie',
        });
      }
      const listingPath = `/cabinets/${cabinetId}/appointments?from=${encodeURIComponent(WEEK_START)}&to=${encodeURIComponent(WEEK_END)}`;
      const listing = await eventually(async () => {
        const answer = await owner.client.get(listingPath);
        return answer.status === 200 && Array.isArray(answer.body) && answer.body.length === APPOINTMENTS ? (answer.body as unknown[]) : undefined;
      }, `the listing to show ${APPOINTMENTS} appointments`);
      bareBody = listing;

      const token = owner.client.token!;
      const platform: Contender = { name: `GET /api/v1${listingPath.replace(cabinetId, ':id').replace(/\?.*/, '?from&to')} (platform)`, url: `${baseUrl}/api/v1${listingPath}`, runs: [] };
      const bare: Contender = { name: `GET ${BARE_PATH} (baseline: bare route, same server)`, url: `${baseUrl}${BARE_PATH}`, runs: [] };
      for (const contender of [platform, bare]) await load(contender.url, token, WARM_UP_SECONDS);
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating who goes first cancels drift over the run (heap growth, other work on the machine).
        for (const contender of round % 2 === 0 ? [platform, bare] : [bare, platform]) contender.runs.push(await load(contender.url, token, MEASURED_SECONDS));
      }

      const rate = (contender: Contender) => median(contender.runs.map((run) => run.requestsPerSecond));
      const ratio = median(platform.runs.map((run, index) => run.requestsPerSecond / bare.runs[index].requestsPerSecond));
      const row = (contender: Contender) => [
        contender.name,
        formatCount(rate(contender)),
        `${formatCount(Math.min(...contender.runs.map((run) => run.requestsPerSecond)))} – ${formatCount(Math.max(...contender.runs.map((run) => run.requestsPerSecond)))}`,
        `${formatMs(median(contender.runs.map((run) => run.p50Ms)))} / ${formatMs(median(contender.runs.map((run) => run.p99Ms)))}`,
      ];
      const platformRate = rate(platform);
      return {
        title: `Appointments of a week (${APPOINTMENTS}) through the gateway, embedded profile, ${CONNECTIONS} connections`,
        table: {
          headers: ['route', 'requests/s', `range over ${ROUNDS} rounds`, 'latency p50 / p99'],
          rows: [row(platform), row(bare)],
        },
        verdicts: [
          `Platform route: ${formatCount(platformRate)} requests/s (target ≥ ${formatCount(TARGET_REQUESTS_PER_SECOND)}: ${platformRate >= TARGET_REQUESTS_PER_SECOND ? 'met' : 'NOT met'})`,
          ratioVerdict('Platform route / bare route, requests/s', ratio, TARGET_RATIO),
        ],
        settings: [
          `The platform runs in the bench process, started as \`npm start\` does (embedded profile: gateway and every service in one process, in-process bus, in-memory read models, SQLite event stores in a fresh temporary DATA_DIR), listening on 127.0.0.1:0.`,
          `Set up through the API: an owner registers and logs in, opens a cabinet and books ${APPOINTMENTS} half-hour appointments for that week with themself as practitioner (POST /cabinets/:id/appointments); the bench waits until the listing returns all ${APPOINTMENTS} (${formatCount(JSON.stringify(listing).length)} bytes of JSON).`,
          `Platform route: GET /api/v1/cabinets/:id/appointments?from=${WEEK_START}&to=${WEEK_END} with the owner's bearer access token: the authentication guard accepts the JWT (verified by passport-jwt the first time; the same token is then remembered by the guard until it expires, libs/auth/verified-tokens.ts, so under this load the signature is checked once), the password-change rule, validation reads the query, the access check reads planning's access change marker by _id and judges the owner from the access documents its AccessReader keeps for that marker (libs/auth/access/access-reader.ts), the query filters and sorts the cabinet's appointments in the read model.`,
          `Baseline: GET ${BARE_PATH}, registered on the same Fastify instance (app.getHttpAdapter().getInstance()) before the platform listens: same process, same server and its onRequest hook, no authentication, no Nest pipeline, no work; it answers the same ${APPOINTMENTS} appointments (the listing's body, captured once), serialised by Fastify at each request as the platform's route is. The same authorization header is sent to both.`,
          `Load: autocannon ${'8'} (CLI, node_modules/.bin/autocannon, in a child process, so the load generator has its own event loop), ${CONNECTIONS} connections, keep-alive, no pipelining, ${MEASURED_SECONDS} s per run after one ${WARM_UP_SECONDS} s warm-up run per route. ${ROUNDS} rounds, each measuring both routes back to back in alternating order; requests/s and latencies are medians over the rounds, the ratio the median of the rounds' own ratios. Every run must answer only 2xx.`,
          'autocannon and the server share the machine\'s two cores (and with Kafka, FerretDB and whatever else runs): the server\'s one JavaScript thread competes with the load generator for CPU, so both figures are lower than on a dedicated server; the ratio is the figure to read.',
        ],
      };
    },
    (app) => {
      app
        .getHttpAdapter()
        .getInstance()
        .get(BARE_PATH, async () => bareBody);
    },
  );
}

/** The index-th half-hour slot of the week: ten a day from 09:00, Monday to Friday. */
function slotOf(index: number): { start: string; end: string } {
  const day = Math.floor(index / 10);
  const slot = index % 10;
  const start = Date.parse(WEEK_START) + day * 24 * 3600_000 + 9 * 3600_000 + slot * 30 * 60_000;
  return { start: parisTime(start), end: parisTime(start + 30 * 60_000) };
}

/** ISO-8601 with the +01:00 offset the API expects of a client in Paris in winter. */
function parisTime(epochMs: number): string {
  return new Date(epochMs + 3600_000).toISOString().replace(/\.\d{3}Z$/, '+01:00');
}

interface AutocannonJson {
  readonly duration: number;
  readonly requests: { readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}

/** One autocannon run in a child process; its JSON summary from stdout. */
function load(url: string, token: string, seconds: number): Promise<LoadRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(AUTOCANNON, ['-c', String(CONNECTIONS), '-d', String(seconds), '-j', '-H', `authorization=Bearer ${token}`, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${stderr}`));
      const result = JSON.parse(stdout) as AutocannonJson;
      if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
        return reject(new Error(`autocannon on ${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`));
      }
      resolvePromise({ requestsPerSecond: result.requests.total / result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99 });
    });
  });
}
