/**
 * (f) Rebuilding planning's appointments read model from 1 000 000 stored events in the embedded
 * profile, through `npm run rebuild`'s own client and the platform's operator route, while the
 * platform serves; against raw better-sqlite3 reading the same rows and folding the same
 * documents into a plain Map.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { createHttpApplication } from '@osteo/http';
import { EventBus, InProcessEventBus } from '@osteo/messaging';
import { type RebuildRun, ServiceEventFlow, loadPlatformConfig, runRebuildCommand } from '@osteo/platform';
import { ReadStore } from '@osteo/read-store';
import Database from 'better-sqlite3';
import { EmbeddedPlatformModule } from '../services/embedded.module';
import { PLANNING_APPOINTMENTS } from '../services/planning/application/appointments/appointments.projection';
import { PlanningModule } from '../services/planning/planning.module';
import { importedProviderOf } from './platform-harness';
import { type BenchmarkReport, formatCount, formatMs } from './report';
import { type LatencySummary, median, summarizeLatencies } from './statistics';

/** Each unit of activity: 5 bookings, 2 of them moved, 2 cancelled: 20 stored events. */
const UNITS = 50_000;
const EVENTS = UNITS * 20;
const BOOKINGS = UNITS * 5;
const PRACTITIONERS = 40;
const CABINETS = 10;
/** Rebuild and baseline alternate; three rounds give a median and keep the run within three minutes. */
const ROUNDS = 3;
const TARGET_SECONDS = 60;
/** Between two looks at the rebuild's progress, as `npm run rebuild` does but finer. */
const POLL_INTERVAL_MS = 100;
const INSERT_TRANSACTION_ROWS = 50_000;
const STARTUP_REPLAY_TIMEOUT_MS = 300_000;

export async function benchmarkRebuild(): Promise<BenchmarkReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-bench-rebuild-'));
  try {
    const storeFile = join(dataDir, 'planning.events.sqlite');
    const preparing = performance.now();
    const expectedDocuments = await writePlanningHistory(storeFile);
    console.error(`bench: ${formatCount(EVENTS)} planning events written in ${formatMs(performance.now() - preparing)}`);

    const rebuilds: RebuildRound[] = [];
    const baselines: number[] = [];
    const operatorKey = randomBytes(32).toString('base64url');
    const platform = await startPlatform(dataDir, operatorKey);
    try {
      const startingUp = performance.now();
      await untilStartupReplayDone(platform);
      console.error(`bench: the platform replayed the store at start in ${formatMs(performance.now() - startingUp)}`);
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating which side goes first cancels any drift over the run.
        if (round % 2 === 0) {
          rebuilds.push(await rebuildThroughOperatorRoute(platform, operatorKey, expectedDocuments));
          baselines.push(rawFold(storeFile, expectedDocuments));
        } else {
          baselines.push(rawFold(storeFile, expectedDocuments));
          rebuilds.push(await rebuildThroughOperatorRoute(platform, operatorKey, expectedDocuments));
        }
        console.error(`bench: round ${round + 1}: rebuild ${formatMs(rebuilds.at(-1)!.run.durationMs)}, baseline ${formatMs(baselines.at(-1)!)}`);
      }
    } finally {
      await platform.app.close();
    }

    const rebuildMs = median(rebuilds.map(({ run }) => run.durationMs));
    const baselineMs = median(baselines);
    const served = summarizeLatencies(rebuilds.flatMap(({ livenessLatenciesMs }) => livenessLatenciesMs));
    const last = rebuilds.at(-1)!.run;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const range = (samples: readonly number[]) => `${seconds(Math.min(...samples))} – ${seconds(Math.max(...samples))}`;
    return {
      title: `Rebuild of planning's appointments read model from ${formatCount(EVENTS)} stored events, embedded profile`,
      settings: [
        `The store: ${formatCount(EVENTS)} planning events as the command handlers store them, written straight into planning.events.sqlite before the platform starts (not timed): ${formatCount(BOOKINGS)} bookings (AppointmentBooked and the agenda's AgendaSlotClaimed), ${formatCount(UNITS * 2)} moves (AppointmentMoved, AgendaSlotClaimed, AgendaSlotReleased) and ${formatCount(UNITS * 2)} cancellations (AppointmentCancelled, AgendaSlotReleased), ${PRACTITIONERS} practitioners in ${CABINETS} cabinets; ${formatCount(expectedDocuments)} appointments in the end.`,
        'The platform runs in the bench process, started as `npm start` does (embedded profile: SQLite event stores, in-process bus, in-memory read stores), with OPERATOR_KEY set; it first replays the store into its read models, as at every start, and the rebuilds begin once that is done.',
        `Platform: \`npm run rebuild -- planning appointments\`'s own client (runRebuildCommand) calls POST /operator/read-models/planning/appointments/rebuilds, then follows GET /operator/rebuilds/:id every ${POLL_INTERVAL_MS} ms; the figure is the duration the platform reports (from the request to the swap). It reads the store in pages of 1 000 through SqliteEventStore.readAll, reads them through planning's PersonalDataEventStore (these events, written in clear, are read as they are), maps each event with asPrivateEnvelope (the agenda feed's), folds the envelopes with ProjectionFold (the projection's evolve and the runner's guards), bulk-inserts the documents into a shadow collection (insertAbsent, 500 at a time), catches up, holds the live writers, renames the shadow onto planning_appointments.`,
        'Raw baseline: better-sqlite3 iterates the same rows (SELECT … ORDER BY position), parses the data of the appointment events with JSON.parse and folds the same document fields (no guards) into a Map: what the fold costs without the platform. It writes no read store: the Map is its read model.',
        `While each rebuild runs, a client sends GET /health/live one request at a time: its latencies show how long the event loop stays busy between two turns (pages of 1 000 events, batches of 500 documents).`,
        `${ROUNDS} rounds, each a rebuild and a baseline, alternating which goes first; medians. Figures from a shared two-core machine: other work running beside the bench stretches both sides.`,
      ],
      table: {
        headers: ['client', 'duration (median)', `range over ${ROUNDS} rounds`, 'events/s'],
        rows: [
          ['platform: npm run rebuild → operator route → rebuildReadModel', seconds(rebuildMs), range(rebuilds.map(({ run }) => run.durationMs)), formatCount(EVENTS / (rebuildMs / 1000))],
          ['raw better-sqlite3 + Map fold (baseline)', seconds(baselineMs), range(baselines), formatCount(EVENTS / (baselineMs / 1000))],
        ],
      },
      verdicts: [
        `Rebuild from ${formatCount(EVENTS)} events: ${seconds(rebuildMs)} (target ≤ ${TARGET_SECONDS} s: ${rebuildMs <= TARGET_SECONDS * 1000 ? 'met' : 'NOT met'}), ${(rebuildMs / baselineMs).toFixed(1)} × the raw baseline's ${seconds(baselineMs)}.`,
        `Last rebuild: ${formatCount(last.eventsRead)} events read, ${formatCount(last.documentsWritten)} documents written, ${formatCount(last.eventsCaughtUp)} caught up, live writes held ${formatMs(last.swapMs ?? 0)} for the swap.`,
        `Served meanwhile: ${formatCount(served.samples)} GET /health/live, ${latencyCell(served)} (p50 / p99), slowest ${formatMs(Math.max(...rebuilds.flatMap(({ livenessLatenciesMs }) => livenessLatenciesMs)))}, every one answered 200.`,
      ],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function latencyCell({ p50, p99 }: LatencySummary): string {
  return `${formatMs(p50)} / ${formatMs(p99)}`;
}

// --- The store ---------------------------------------------------------------------------------

interface StoredRow {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly occurredAt: string;
  readonly actorId: string;
}

/**
 * Writes the history with SqliteEventStore's own table (it creates it), as fast as SQLite allows:
 * large transactions, no fsync. Answers how many appointments it leaves.
 */
async function writePlanningHistory(storeFile: string): Promise<number> {
  await SqliteEventStore.open(storeFile).close();
  const db = new Database(storeFile);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const insert = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    let pending: StoredRow[] = [];
    const flush = db.transaction((rows: readonly StoredRow[]) => {
      for (const row of rows) {
        const metadata = JSON.stringify({ correlationId: randomUUID(), actorId: row.actorId, occurredAt: row.occurredAt });
        insert.run(row.streamId, row.revision, randomUUID(), row.type, JSON.stringify(row.data), metadata, row.occurredAt);
      }
    });
    for (const row of planningHistory()) {
      pending.push(row);
      if (pending.length === INSERT_TRANSACTION_ROWS) {
        flush(pending);
        pending = [];
      }
    }
    flush(pending);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return BOOKINGS;
}

interface Booking {
  readonly appointmentId: string;
  readonly cabinetId: string;
  readonly ownerId: string;
  readonly practitionerId: string;
  readonly day: string;
  start: string;
  end: string;
}

/** Per unit, in commit order: five bookings, then two of them moved and two cancelled. */
function* planningHistory(): Generator<StoredRow> {
  const practitioners = Array.from({ length: PRACTITIONERS }, () => randomUUID());
  const cabinets = Array.from({ length: CABINETS }, () => ({ cabinetId: randomUUID(), ownerId: randomUUID() }));
  const agendaRevisions = new Map<string, number>();
  const agenda = (booking: Booking, type: 'AgendaSlotClaimed' | 'AgendaSlotReleased', start: string, end: string, occurredAt: string): StoredRow => {
    const streamId = `agenda-${booking.practitionerId}-${booking.day}`;
    const revision = agendaRevisions.get(streamId) ?? 0;
    agendaRevisions.set(streamId, revision + 1);
    const data = type === 'AgendaSlotClaimed' ? { appointmentId: booking.appointmentId, start, end, claimedAt: occurredAt } : { appointmentId: booking.appointmentId, start, end };
    return { streamId, revision, type, data, occurredAt, actorId: booking.practitionerId };
  };
  let clock = Date.UTC(2030, 0, 1);
  const nextMoment = () => new Date((clock += 1_000)).toISOString();

  for (let unit = 0; unit < UNITS; unit++) {
    const bookings: Booking[] = [];
    for (let slot = 0; slot < 5; slot++) {
      const index = unit * 5 + slot;
      const practitionerId = practitioners[index % PRACTITIONERS]!;
      const { cabinetId, ownerId } = cabinets[index % CABINETS]!;
      // Each practitioner's appointments follow one another, half an hour each.
      const starts = Date.UTC(2031, 0, 6) + Math.floor(index / PRACTITIONERS) * 30 * 60_000;
      const booking: Booking = {
        appointmentId: randomUUID(),
        cabinetId,
        ownerId,
        practitionerId,
        day: new Date(starts).toISOString().slice(0, 10),
        start: new Date(starts).toISOString(),
        end: new Date(starts + 30 * 60_000).toISOString(),
      };
      bookings.push(booking);
      const occurredAt = nextMoment();
      yield agenda(booking, 'AgendaSlotClaimed', booking.start, booking.end, occurredAt);
      yield {
        streamId: `appointment-${booking.appointmentId}`,
        revision: 0,
        type: 'AppointmentBooked',
        data: {
          appointmentId: booking.appointmentId,
          cabinetId,
          ownerId,
          practitionerId,
          patientName: `Patient ${index}`,
          patientId: null,
          start: booking.start,
          end: booking.end,
          reason: 'Lombalgie',
        },
        occurredAt,
        actorId: ownerId,
      };
    }
    for (const booking of bookings.slice(0, 2)) {
      const occurredAt = nextMoment();
      const [previousStart, previousEnd] = [booking.start, booking.end];
      booking.start = new Date(Date.parse(booking.start) + 15 * 60_000).toISOString();
      booking.end = new Date(Date.parse(booking.end) + 15 * 60_000).toISOString();
      yield agenda(booking, 'AgendaSlotClaimed', booking.start, booking.end, occurredAt);
      yield agenda(booking, 'AgendaSlotReleased', previousStart, previousEnd, occurredAt);
      const { appointmentId, cabinetId, practitionerId, start, end } = booking;
      yield { streamId: `appointment-${appointmentId}`, revision: 1, type: 'AppointmentMoved', data: { appointmentId, cabinetId, practitionerId, start, end }, occurredAt, actorId: booking.ownerId };
    }
    for (const booking of bookings.slice(2, 4)) {
      const occurredAt = nextMoment();
      const { appointmentId, cabinetId, practitionerId } = booking;
      yield { streamId: `appointment-${appointmentId}`, revision: 1, type: 'AppointmentCancelled', data: { appointmentId, cabinetId, practitionerId }, occurredAt, actorId: booking.ownerId };
      yield agenda(booking, 'AgendaSlotReleased', booking.start, booking.end, occurredAt);
    }
  }
}

// --- The platform ------------------------------------------------------------------------------

interface RunningPlatform {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
}

async function startPlatform(dataDir: string, operatorKey: string): Promise<RunningPlatform> {
  const config = loadPlatformConfig({ DATA_DIR: dataDir, OPERATOR_KEY: operatorKey });
  const app = await createHttpApplication(EmbeddedPlatformModule.with(config), { title: 'bench', bodyLimitBytes: config.bodyLimitBytes, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

/** At start the embedded platform replays every store into its fresh in-memory read models. */
async function untilStartupReplayDone({ app }: RunningPlatform): Promise<void> {
  const bus = app.get(EventBus);
  if (!(bus instanceof InProcessEventBus)) throw new Error('The embedded profile runs the in-process bus');
  await importedProviderOf(app, PlanningModule, ServiceEventFlow).publishedUpToNow(STARTUP_REPLAY_TIMEOUT_MS);
  while (bus.undeliveredMessages().some(({ messages }) => messages > 0)) await sleep(50);
}

interface RebuildRound {
  readonly run: RebuildRun;
  readonly livenessLatenciesMs: readonly number[];
}

async function rebuildThroughOperatorRoute({ app, baseUrl }: RunningPlatform, operatorKey: string, expectedDocuments: number): Promise<RebuildRound> {
  let finished: RebuildRun | undefined;
  const failures: string[] = [];
  let rebuilding = true;
  const livenessLatenciesMs: number[] = [];
  const probing = (async () => {
    while (rebuilding) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/health/live`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /health/live answered ${response.status} during the rebuild`);
      livenessLatenciesMs.push(performance.now() - started);
    }
  })();
  try {
    const status = await runRebuildCommand(['planning', 'appointments'], {
      env: { OPERATOR_KEY: operatorKey, OPERATOR_URL: baseUrl },
      // The command's own client, its last answer kept for the figures it carries.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const body = (await response.clone().json()) as RebuildRun;
        if (body.state === 'succeeded' || body.state === 'failed') finished = body;
        return response;
      },
      print: () => undefined,
      complain: (line) => failures.push(line),
      pollIntervalMs: POLL_INTERVAL_MS,
    });
    if (status !== 0 || finished === undefined) throw new Error(`The rebuild failed (status ${status}): ${failures.join('; ')}`);
  } finally {
    rebuilding = false;
    await probing;
  }
  const documents = await importedProviderOf(app, PlanningModule, ReadStore).collection(PLANNING_APPOINTMENTS).countDocuments({});
  if (documents !== expectedDocuments) throw new Error(`The rebuilt read model holds ${documents} appointments, not ${expectedDocuments}`);
  return { run: finished, livenessLatenciesMs };
}

// --- The raw baseline --------------------------------------------------------------------------

interface RawRow {
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
}

interface RawAppointment {
  appointmentId: string;
  cabinetId: string;
  practitionerId: string;
  patientName: string;
  patientId: string | null;
  start: string;
  end: string;
  status: 'booked' | 'cancelled';
}

/** Reads every row in commit order and folds the appointments; answers how long it took. */
function rawFold(storeFile: string, expectedDocuments: number): number {
  const db = new Database(storeFile, { readonly: true });
  try {
    const started = performance.now();
    const appointments = new Map<string, RawAppointment>();
    const rows = db.prepare<[], RawRow>('SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events ORDER BY position');
    for (const row of rows.iterate()) {
      switch (row.type) {
        case 'AppointmentBooked': {
          const data = JSON.parse(row.data) as RawAppointment;
          const { appointmentId, cabinetId, practitionerId, patientName, patientId, start, end } = data;
          appointments.set(appointmentId, { appointmentId, cabinetId, practitionerId, patientName, patientId, start, end, status: 'booked' });
          break;
        }
        case 'AppointmentMoved': {
          const data = JSON.parse(row.data) as RawAppointment;
          const appointment = appointments.get(data.appointmentId);
          if (appointment) Object.assign(appointment, { start: data.start, end: data.end });
          break;
        }
        case 'AppointmentCancelled': {
          const data = JSON.parse(row.data) as RawAppointment;
          const appointment = appointments.get(data.appointmentId);
          if (appointment) appointment.status = 'cancelled';
          break;
        }
        default:
          break;
      }
    }
    const elapsed = performance.now() - started;
    if (appointments.size !== expectedDocuments) throw new Error(`The raw fold holds ${appointments.size} appointments, not ${expectedDocuments}`);
    return elapsed;
  } finally {
    db.close();
  }
}
