/**
 * (a) Appends per second through SqliteEventStore against raw better-sqlite3 inserts of the same
 * rows into the same table, each append one transaction of a new stream's first events.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventToAppend, SqliteEventStore } from '@osteo/event-sourcing';
import { openRawEventTable, rawNewStreamAppender } from './raw-sqlite-event-table';
import { type BenchmarkReport, formatCount, ratioVerdict } from './report';
import { median } from './statistics';

const STREAMS = 1_000;
const EVENTS_PER_APPEND = 10;
/**
 * A round lasts about a second, so rounds are cheap; the disk is shared with whatever else runs
 * on the machine, so several of them are needed for a steady median.
 */
const MEASURED_ROUNDS = 9;
const TARGET_RATIO = 0.7;

interface NewStream {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
}

export async function benchmarkEventStoreAppends(): Promise<BenchmarkReport> {
  const streams = Array.from({ length: STREAMS }, () => sampleStream());
  const directory = mkdtempSync(join(tmpdir(), 'osteo-bench-append-'));
  const storeRates: number[] = [];
  const rawRates: number[] = [];
  try {
    // The first round warms up the JIT, the page cache and the disk; it is not counted.
    for (let round = 0; round <= MEASURED_ROUNDS; round++) {
      const measureStore = async () => eventsPerSecond(await appendThroughEventStore(join(directory, `store-${round}.sqlite`), streams));
      const measureRaw = () => eventsPerSecond(appendThroughRawSqlite(join(directory, `raw-${round}.sqlite`), streams));
      let storeRate: number;
      let rawRate: number;
      // Alternating which side goes first cancels any drift (disk cache, CPU boost) over the run.
      if (round % 2 === 0) {
        storeRate = await measureStore();
        rawRate = measureRaw();
      } else {
        rawRate = measureRaw();
        storeRate = await measureStore();
      }
      if (round === 0) continue;
      storeRates.push(storeRate);
      rawRates.push(rawRate);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  const storeRate = median(storeRates);
  const rawRate = median(rawRates);
  // Each round measures both sides back to back, under the same load: its ratio is steadier than
  // one of medians taken over different moments.
  const ratio = median(storeRates.map((rate, round) => rate / rawRates[round]));
  const row = (name: string, rate: number, rates: number[]) => [
    name,
    formatCount(rate),
    formatCount(rate / EVENTS_PER_APPEND),
    `${formatCount(Math.min(...rates))} – ${formatCount(Math.max(...rates))}`,
  ];
  return {
    title: `SQLite event store: ${formatCount(STREAMS)} appends of ${EVENTS_PER_APPEND} events to new streams`,
    settings: [
      `${STREAMS} streams, one append each of ${EVENTS_PER_APPEND} events with expectedRevision 'no_stream', sequentially; a fresh file per round, in ${tmpdir()}.`,
      `Median of ${MEASURED_ROUNDS} rounds after one warm-up round; in each round both sides run back to back, alternating which goes first. The ratio is the median of the rounds' own ratios.`,
      'Both sides: WAL, synchronous=FULL (an fsync per commit), busy_timeout 5 s, one IMMEDIATE transaction per append, the same STRICT table with its AUTOINCREMENT key and UNIQUE (event_id) and (stream_id, revision) indexes.',
      'Both sides generate each event id (randomUUID), serialise data and metadata with JSON.stringify and stamp recorded_at per append.',
      "The raw client runs no revision query: a first append's revisions start at 0, so the UNIQUE (stream_id, revision) index alone enforces 'no_stream'. SqliteEventStore reads the stream's last revision inside the transaction, as it must for numeric expected revisions.",
    ],
    table: {
      headers: ['client', 'events/s', 'appends/s', `events/s range over ${MEASURED_ROUNDS} rounds`],
      rows: [row('SqliteEventStore.appendToStream', storeRate, storeRates), row('raw better-sqlite3 (baseline)', rawRate, rawRates)],
    },
    verdicts: [ratioVerdict('SqliteEventStore / raw better-sqlite3, events/s', ratio, TARGET_RATIO)],
  };
}

function eventsPerSecond(elapsedMs: number): number {
  return (STREAMS * EVENTS_PER_APPEND) / (elapsedMs / 1000);
}

async function appendThroughEventStore(filePath: string, streams: readonly NewStream[]): Promise<number> {
  const store = SqliteEventStore.open(filePath);
  try {
    const started = performance.now();
    for (const { streamId, events } of streams) {
      await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
    }
    return performance.now() - started;
  } finally {
    await store.close();
  }
}

function appendThroughRawSqlite(filePath: string, streams: readonly NewStream[]): number {
  const db = openRawEventTable(filePath);
  try {
    const append = rawNewStreamAppender(db);
    const started = performance.now();
    for (const { streamId, events } of streams) {
      const recordedAt = new Date().toISOString();
      append(
        events.map((event, revision) => ({
          streamId,
          revision,
          eventId: randomUUID(),
          type: event.type,
          data: JSON.stringify(event.data),
          metadata: JSON.stringify(event.metadata),
          recordedAt,
        })),
      );
    }
    return performance.now() - started;
  } finally {
    db.close();
  }
}

/** A week of one practitioner's bookings: events of a realistic size (about 300 bytes stored). */
function sampleStream(): NewStream {
  const scheduleId = randomUUID();
  const practitionerId = randomUUID();
  const correlationId = randomUUID();
  const occurredAt = new Date().toISOString();
  return {
    streamId: `schedule-${scheduleId}`,
    events: Array.from({ length: EVENTS_PER_APPEND }, (_, index) => ({
      type: 'AppointmentBooked',
      data: {
        appointmentId: randomUUID(),
        scheduleId,
        practitionerId,
        patientId: randomUUID(),
        startsAt: new Date(Date.UTC(2025, 0, 6 + Math.floor(index / 2), 9 + (index % 2))).toISOString(),
        durationMinutes: 45,
        feeCents: 6_000,
      },
      metadata: { correlationId, actorId: practitionerId, occurredAt },
    })),
  };
}
