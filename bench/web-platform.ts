/**
 * The built platform for `npm run bench -- web`, started as `npm start` runs it
 * (`node dist/services/embedded.main.js`, serving the web application from dist/web, here from a
 * copy of dist/ taken at the start), and the data
 * the web benchmark needs, seeded through the HTTP API as the web application would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, JsonClient, PASSWORD } from './platform-harness';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const WEB_DIST = join(REPO_ROOT, 'dist', 'web');
export const CABINET_TIME_ZONE = 'Europe/Paris';
export const APPOINTMENTS = 200;
export const LEDGER_ENTRIES = 30;

export interface BuiltPlatform {
  readonly baseUrl: string;
  /** The web application the platform serves: the snapshot's dist/web. */
  readonly webDir: string;
  stop(): Promise<void>;
}

/** A port nobody listens on now (the OS picks it; the short window before it is used is accepted). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * A copy of dist/ (and node_modules linked beside it), so that a `npm run build` in the working tree
 * during the bench (which empties dist/web and renames every chunk) cannot pull the files from under
 * the running platform: the gateway lists the assets once, at start. Copied again when it catches
 * a build half-written (an asset index.html names is missing).
 */
async function snapshotBuild(): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const root = mkdtempSync(join(tmpdir(), 'osteo-bench-build-'));
    cpSync(join(REPO_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    const webDir = join(root, 'dist', 'web');
    const entry = existsSync(join(webDir, 'index.html')) ? readFileSync(join(webDir, 'index.html'), 'utf8') : '';
    const named = [...entry.matchAll(/\/assets\/[^"'\s>]+/g)].map((match) => match[0]);
    if (entry && named.every((asset) => existsSync(join(webDir, asset)))) return root;
    rmSync(root, { recursive: true, force: true });
    if (attempt === 3) throw new Error('dist/web changes under the bench (a build is running?): index.html names assets dist/web does not hold. Run `npm run build` and try again.');
    await sleep(5_000);
  }
}

/**
 * `node dist/services/embedded.main.js` (a snapshot of it, see snapshotBuild) in a temporary
 * DATA_DIR, on a free loopback port, until /health/ready.
 */
export async function startBuiltPlatform(): Promise<BuiltPlatform> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'services', 'embedded.main.js')) || !existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('The platform or its web application is not built (dist/web/index.html is missing): run `npm run build` first (`npm run bench` does it).');
  }
  const snapshot = await snapshotBuild();
  const entry = join(snapshot, 'dist', 'services', 'embedded.main.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-bench-web-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: snapshot,
    env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(snapshot, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The platform exited with ${child.exitCode}: ${errors}`);
    }
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The platform did not answer /health/ready within 60 s: ${errors}`);
    }
    await sleep(200);
  }
  return { baseUrl, webDir: join(snapshot, 'dist', 'web'), stop };
}

export interface SeededOwner {
  readonly email: string;
  readonly password: string;
  readonly cabinetId: string;
  /** The Monday (cabinet's wall date) of the week holding the appointments: next week. */
  readonly monday: string;
  /** Bytes of JSON the agenda receives for that week. */
  readonly listingBytes: number;
}

/**
 * An owner (register, login), a cabinet in Europe/Paris, manual ledger entries this month and
 * 200 appointments next week: 15-minute slots 08:00–18:00, Monday to Friday, practitioner = the
 * owner. Appointments in the past are refused, so the week is the next one.
 */
export async function seedOwner(baseUrl: string): Promise<SeededOwner> {
  const email = 'claire.martin@bench.example.fr';
  const anonymous = new JsonClient(baseUrl);
  const { body: registered } = await anonymous.expect(201, 'POST', '/auth/register', { email, password: PASSWORD, displayName: 'Dr Claire Martin' });
  const ownerId = registered.accountId as string;
  const { body: tokens } = await anonymous.expect(200, 'POST', '/auth/login', { email, password: PASSWORD });
  const owner = anonymous.withToken(tokens.accessToken as string);
  const { body: cabinet } = await owner.expect(201, 'POST', '/cabinets', { name: 'Cabinet des Lilas', timeZone: CABINET_TIME_ZONE });
  const cabinetId = cabinet.cabinetId as string;

  const today = parisToday();
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const daysSoFar = Number(today.slice(8, 10));
  for (let index = 0; index < LEDGER_ENTRIES; index++) {
    const income = index % 5 !== 4;
    await created(owner, '/ledgers/me/entries', {
      kind: income ? 'income' : 'expense',
      cabinetId,
      date: addDays(firstOfMonth, index % daysSoFar),
      label: income ? `Séance ostéopathie ${index + 1}` : `Fournitures du cabinet ${index + 1}`,
      amountCents: income ? 6_000 + (index % 3) * 500 : 2_490 + index * 10,
      paymentMethod: (['card', 'cheque', 'cash', 'transfer'] as const)[index % 4],
    });
  }

  const monday = nextMonday(today);
  for (let index = 0; index < APPOINTMENTS; index++) {
    const day = addDays(monday, Math.floor(index / 40));
    const minutes = 8 * 60 + (index % 40) * 15;
    await created(owner, `/cabinets/${cabinetId}/appointments`, {
      practitionerId: ownerId,
      patientName: `Patient ${String(index + 1).padStart(3, '0')}`,
      start: parisWallTime(day, minutes),
      end: parisWallTime(day, minutes + 15),
      reason: 'Lombalgie',
    });
  }
  const listingPath = `/cabinets/${cabinetId}/appointments?from=${encodeURIComponent(parisWallTime(monday, 0))}&to=${encodeURIComponent(parisWallTime(addDays(monday, 7), 0))}`;
  const listing = await eventually(async () => {
    const answer = await owner.get(listingPath);
    return answer.status === 200 && Array.isArray(answer.body) && answer.body.length === APPOINTMENTS ? (answer.body as unknown[]) : undefined;
  }, `the listing of next week to show ${APPOINTMENTS} appointments`);
  await eventually(async () => {
    const answer = await owner.get(`/ledgers/${ownerId}/entries`);
    return answer.status === 200 && answer.body?.entries?.length === LEDGER_ENTRIES ? true : undefined;
  }, `the ledger to show ${LEDGER_ENTRIES} entries`);
  return { email, password: PASSWORD, cabinetId, monday, listingBytes: JSON.stringify(listing).length };
}

/**
 * A POST that must answer 201. Each service learns of a new cabinet from access-grant's events
 * (within a second): until then it answers 404, and the request is sent again.
 */
async function created(client: JsonClient, path: string, body: unknown): Promise<void> {
  await eventually(async () => {
    const answer = await client.post(path, body);
    if (answer.status === 201) return true;
    if (answer.status === 404) return undefined;
    throw new Error(`POST ${path} answered ${answer.status}, not 201: ${JSON.stringify(answer.body)}`);
  }, `POST ${path} to be accepted`);
}

/** Today's date in Paris, YYYY-MM-DD. */
export function parisToday(now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CABINET_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
}

/** The Monday after today (the first day of next week; weeks start on Monday). */
export function nextMonday(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, (8 - weekday) % 7 || 7);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A Paris wall time (day, minutes after midnight) as ISO-8601 with Paris's offset then, as the API asks. */
export function parisWallTime(day: string, minutes: number): string {
  const wallAsUtc = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  let offset = parisOffsetMinutes(wallAsUtc - 60 * 60_000);
  offset = parisOffsetMinutes(wallAsUtc - offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const absolute = Math.abs(offset);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${new Date(wallAsUtc).toISOString().slice(0, 19)}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

function parisOffsetMinutes(epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: CABINET_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000);
}
