/**
 * (d) Completed consultations → ledger lines readable in accounting's read model. A substitute at
 * 30 % completes consultations; each writes three lines (the owner's fee and retrocession paid,
 * the substitute's retrocession received). Throughput (consultations per second until every line
 * is readable) and lag (from the completion's acceptance to its last line being readable), in the
 * embedded profile and over Kafka + FerretDB, with a raw kafkajs + MongoDB driver baseline.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { type ConsultationCompletedV1, type IntegrationEnvelope, paymentMethods } from '@osteo/contracts';
import { EventStore } from '@osteo/event-sourcing';
import { ReadStoreCheckpointStore, ServiceEventFlow } from '@osteo/platform';
import type { Filter, ReadCollection, ReadDocument, ReadStore, Replacement, Update, UpdateResult } from '@osteo/read-store';
import mongoose from 'mongoose';
import { AccountingModule } from '../services/accounting/accounting.module';
import { LEDGER_ENTRIES } from '../services/accounting/application/ledger-projection/ledger-entries';
import { evolveConsultationLedger } from '../services/accounting/domain/consultation-ledger';
import { CompleteConsultationHandler } from '../services/patient-records/application/complete-consultation/complete-consultation.handler';
import { OpenConsultationHandler } from '../services/patient-records/application/open-consultation/open-consultation.handler';
import { type ConsultationListing, PATIENT_CONSULTATIONS } from '../services/patient-records/application/patient-consultations/patient-consultations.projection';
import { toRecordsPublicEvent } from '../services/patient-records/application/publishing/records-public-events';
import type { Caller } from '@osteo/auth';
import { PatientRecordsModule } from '../services/patient-records/patient-records.module';
import {
  dropDatabasesStartingWith,
  eventually,
  importedProviderOf,
  JsonClient,
  providerOf,
  readStoreOf,
  registerMainAccount,
  signInProvisionedAccount,
  withPlatform,
} from './platform-harness';
import { createTopic, deleteTopicsAndGroups, rawKafka, rawHeaders, rawProducer, runUntilJoined } from './raw-kafka';
import { type BenchmarkReport, formatCount, formatMs, ratioVerdict } from './report';
import { type BenchServers, uniqueName } from './servers';
import { type LatencySummary, median, summarizeLatencies } from './statistics';

/** The figure: 10 000 consultations, 30 000 lines, in both profiles. */
const EMBEDDED_CONSULTATIONS = 10_000;
const KAFKA_CONSULTATIONS = 10_000;
const LINES_PER_CONSULTATION = 3;
const RETROCESSION_PERCENT = 30;
/** A patient has a few dozen consultations at most (patient-consultations.projection.ts): the setup registers one per 40. */
const CONSULTATIONS_PER_PATIENT = 40;
/** Completions in flight at once in the unpaced runs, as a few front ends would send them. */
const IN_FLIGHT = 8;
/** The offered load of the paced runs, at which the lag target is set. */
const PACED_PER_SECOND = 100;
const EMBEDDED_PACED_SECONDS = 10;
const KAFKA_PACED_SECONDS = 10;
/** A line never seen in this time is a failure of the platform, not a slow sample. */
const VISIBILITY_TIMEOUT_MS = 240_000;
/** The publisher's batch (EventPublisher's default), which the raw producer uses in the unpaced run. */
const PUBLISH_BATCH = 100;
/** PrivateReadModelsReactor's checkpoint: the bench waits for the setup to be projected before it measures. */
const PRIVATE_FEED_CHECKPOINT = 'patient-records.private-read-models';
/** Lookups by `_id` timed in the baseline's filled collection; the median is reported. */
const LOOKUP_ATTEMPTS = 20;
const TARGET_THROUGHPUT_RATIO = 0.5;
const TARGET_P99_LAG_MS = 500;

let benchStarted = performance.now();
/** Progress on stderr: the run takes minutes, and a slow phase should show which it is. */
function progress(message: string): void {
  console.error(`bench: ledger: ${message} (${((performance.now() - benchStarted) / 1000).toFixed(0)} s)`);
}

/** One consultation, in milliseconds on the bench's clock (performance.now()). */
interface Sample {
  /** The completion was sent (raw baseline: handed to the producer). */
  readonly startedMs: number;
  /** The completion was accepted: the command handler returned, its event committed (raw: as started). */
  readonly acceptedMs: number;
  /** The write of its last line was acknowledged by the read store. */
  readonly visibleMs: number;
  /** The write of the patient's consultation list showing it completed was acknowledged (platform runs only). */
  readonly listedMs?: number;
}

interface RunResult {
  readonly samples: readonly Sample[];
}

interface ProfileResult {
  readonly unpaced: RunResult;
  readonly paced: RunResult;
}

/** Lookups by `_id` in the raw baseline's filled collection: what each of the projection's reads and upserts costs there. */
interface LookupTimings {
  readonly documents: number;
  /** The first line inserted. */
  readonly firstMs: number;
  /** An `_id` that is not there, as each upsert of a new line looks up first. */
  readonly absentMs: number;
}

export async function benchmarkLedgerLag(servers: BenchServers): Promise<BenchmarkReport> {
  benchStarted = performance.now();
  const embedded = await measurePlatform({}, EMBEDDED_CONSULTATIONS, EMBEDDED_PACED_SECONDS);
  const prefix = uniqueName('bench_ledger');
  const kafkaEnv = {
    EVENT_BUS: 'kafka',
    KAFKA_BROKERS: servers.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${prefix}.`,
    READ_STORE: 'mongodb',
    MONGO_URL: servers.mongoUrl,
    MONGO_DATABASE_PREFIX: `${prefix}_`,
  };
  let distributed: PlatformResult;
  try {
    distributed = await measurePlatform(kafkaEnv, KAFKA_CONSULTATIONS, KAFKA_PACED_SECONDS);
  } finally {
    await dropDatabasesStartingWith(servers.mongoUrl, `${prefix}_`);
    await deleteTopicsAndGroups(rawKafka(servers.kafkaBrokers), prefix);
  }
  // The baseline carries the very envelopes the embedded platform published.
  const envelopes = embedded.envelopes;
  const kafkaPaced = envelopes.slice(EMBEDDED_CONSULTATIONS, EMBEDDED_CONSULTATIONS + KAFKA_PACED_SECONDS * PACED_PER_SECOND);
  const baseline = await measureRawBaseline(servers, envelopes.slice(0, KAFKA_CONSULTATIONS), kafkaPaced, 'per-message');
  const batchingClient = await measureRawBaseline(servers, envelopes.slice(0, KAFKA_CONSULTATIONS), [], 'per-batch');

  const throughput = (run: RunResult) => run.samples.length / ((Math.max(...run.samples.map((s) => s.visibleMs)) - Math.min(...run.samples.map((s) => s.startedMs))) / 1000);
  const lag = (run: RunResult) => summarizeLatencies(run.samples.map((s) => Math.max(0, s.visibleMs - s.acceptedMs)));
  const accepted = (run: RunResult) => summarizeLatencies(run.samples.map((s) => s.acceptedMs - s.startedMs));
  const listedLag = (run: RunResult) => summarizeLatencies(run.samples.map((s) => Math.max(0, (s.listedMs ?? Number.NaN) - s.acceptedMs)));
  const listed = (run: RunResult) => run.samples.length > 0 && run.samples.every((s) => s.listedMs !== undefined);
  const cell = ({ p50, p99 }: LatencySummary) => `${formatMs(p50)} / ${formatMs(p99)}`;
  const row = (profile: string, client: string, result: ProfileResult, acceptance: boolean) => [
    profile,
    client,
    `${formatCount(result.unpaced.samples.length)} → ${formatCount(result.unpaced.samples.length * LINES_PER_CONSULTATION)}`,
    formatCount(throughput(result.unpaced)),
    acceptance ? cell(accepted(result.unpaced)) : '—',
    cell(lag(result.unpaced)),
    result.paced.samples.length > 0 ? `${cell(lag(result.paced))} (${formatCount(result.paced.samples.length)})` : '—',
    listed(result.unpaced) ? cell(listedLag(result.unpaced)) : '—',
    listed(result.paced) ? cell(listedLag(result.paced)) : '—',
  ];
  const throughputRatio = throughput(distributed.unpaced) / throughput(baseline.unpaced);
  const pacedP99 = lag(distributed.paced).p99;
  return {
    title: `Completed consultations → ledger lines readable (substitute at ${RETROCESSION_PERCENT} %, ${LINES_PER_CONSULTATION} lines each)`,
    table: {
      headers: [
        'profile',
        'client',
        'consultations → lines',
        'consultations/s until all lines readable',
        'until accepted (unpaced)',
        'accepted → readable (unpaced)',
        `accepted → readable at ${PACED_PER_SECOND}/s offered (consultations)`,
        "accepted → in the patient's list (unpaced)",
        `accepted → in the patient's list at ${PACED_PER_SECOND}/s offered`,
      ],
      rows: [
        row('embedded', 'platform', embedded, true),
        row('Kafka + FerretDB', 'platform', distributed, true),
        row('Kafka + FerretDB', 'raw kafkajs + driver insertMany (baseline)', baseline, false),
        row('Kafka + FerretDB', 'raw kafkajs eachBatch + one insertMany per batch (for reference)', batchingClient, false),
      ],
    },
    verdicts: [
      ratioVerdict(`Kafka + FerretDB, platform / raw baseline, consultations/s (${formatCount(KAFKA_CONSULTATIONS)} each)`, throughputRatio, TARGET_THROUGHPUT_RATIO),
      `For reference, no target: platform / a raw client writing whole fetched batches, ${(throughput(distributed.unpaced) / throughput(batchingClient.unpaced)).toFixed(2)}. The platform's ledger consumer writes runs too; the baseline above writes each message's lines, as it has since the first measurement.`,
      `Kafka + FerretDB, p99 lag at ${PACED_PER_SECOND} consultations/s offered: ${formatMs(pacedP99)} (target ≤ ${TARGET_P99_LAG_MS} ms: ${pacedP99 <= TARGET_P99_LAG_MS ? 'met' : 'NOT met'}); raw baseline: ${formatMs(lag(baseline.paced).p99)}.`,
      `FerretDB, a lookup by _id (findOne) in the baseline's collection of ${formatCount(baseline.lookups.documents)} lines: ${formatMs(baseline.lookups.firstMs)} for the first line inserted, ${formatMs(baseline.lookups.absentMs)} for an _id that is not there (median of ${LOOKUP_ATTEMPTS}). FerretDB is built with its _id lookups patched to use its _id index (deploy/local/ferretdb/patch-id-lookups.sh); unpatched, each was a scan of the collection (about 400 ms at 30 000 lines).`,
      `Embedded, p99 lag at ${PACED_PER_SECOND} consultations/s offered: ${formatMs(lag(embedded.paced).p99)} (no baseline: nothing but memory lies between the bus and the read model).`,
      `Patient-records' private read models (each patient's consultation list, fed from its own store in runs): p99 from accepted to shown completed in the list ${formatMs(listedLag(distributed.unpaced).p99)} unpaced and ${formatMs(listedLag(distributed.paced).p99)} at ${PACED_PER_SECOND}/s over Kafka + FerretDB, against ${formatMs(lag(distributed.unpaced).p99)} and ${formatMs(lag(distributed.paced).p99)} for the ledger lines; the last completion reached its list ${formatMs(distributed.privateReadModelsBehindMs)} after the last ledger line was readable (embedded: ${formatMs(embedded.privateReadModelsBehindMs)}).`,
    ],
    settings: [
      `Set up through the HTTP API once per profile: an owner, a cabinet, a substitute at ${RETROCESSION_PERCENT} % (provisioned, signed in with the mailed temporary password, password changed), one patient per ${CONSULTATIONS_PER_PATIENT} consultations registered by the substitute. The consultations are opened beforehand through patient-records' own OpenConsultationHandler, taken from Nest's container; the bench then waits until the setup is projected and published.`,
      `Completions go through patient-records' CompleteConsultationHandler from Nest's container, as the substitute (the caller the controller would pass): the record access check, the retrocession rate from the access projection, the decider and the SQLite append. Not over HTTP: the HTTP path (JWT verification, validation, the Nest pipeline; the appointments benchmark measures its cost) accepts several times fewer completions per second, and ${formatCount(EMBEDDED_CONSULTATIONS)} of them would take over a minute per profile. What follows the append (publisher, bus, ledger projection, read store) is what is measured, and it is the same whoever appended.`,
      `Accepted: the handler returned (the event is committed). Readable: the read store acknowledged the write of the consultation's last line (the bench wraps accounting's own ReadStore, found through Nest's ModulesContainer, and notes each acknowledged write to ${LEDGER_ENTRIES}); a query issued after that returns the line. In the patient's list: likewise, the read store acknowledged a write of the patient's consultation list (${PATIENT_CONSULTATIONS}, patient-records' private read model) showing the consultation completed. No polling: a query per consultation and per poll would load the server under test. At the end, each run counts the lines with countDocuments and fails unless all ${LINES_PER_CONSULTATION} per consultation are there.`,
      `Unpaced: ${IN_FLIGHT} completions in flight at a time, as fast as they are accepted; consultations/s = consultations / (last line readable − first completion sent). Its lag is mostly queueing behind the consultations accepted before. A run ends once every line is readable and every completion shown in its patient's list. Paced: completions started every ${1000 / PACED_PER_SECOND} ms (open loop, none waits for the previous one) for ${EMBEDDED_PACED_SECONDS} s embedded and ${KAFKA_PACED_SECONDS} s over Kafka + FerretDB, after the unpaced run, on the same ledger. Cells read p50 / p99.`,
      `Kafka + FerretDB: EVENT_BUS=kafka, READ_STORE=mongodb, fresh topic prefix and databases, ${formatCount(KAFKA_CONSULTATIONS)} consultations unpaced, then ${KAFKA_PACED_SECONDS} s paced. The platform runs in the bench process (all services, their publishers and consumers), with SQLite event stores in a fresh temporary DATA_DIR.`,
      `Raw baseline: the ConsultationCompleted envelopes the embedded platform published, taken from its store, produced by a raw kafkajs producer (idempotent, acks -1; unpaced in batches of ${PUBLISH_BATCH} one after the other, as the publisher sends; paced one by one) into a fresh topic of 3 partitions, consumed by a raw kafkajs consumer (eachMessage), which computes the three lines with the accounting domain's pure evolveConsultationLedger and writes them with one insertMany through a mongoose connection's native collection, which has the platform's two secondary indexes. Its "accepted" is the moment the envelope is handed to the producer: it has no event store to commit to first. The reference row's client is the same but for its consumer: eachBatch, three partitions side by side, one unordered insertMany of every line of a fetched batch; unpaced only.`,
      'The platform per consultation, for comparison: the command (the stream loads, the access change marker read by _id, the caller\'s access and the retrocession rate answered from the documents the reader keeps for that marker, the decider, the append), the publisher (store subscription, then a batch publish and its checkpoint), and the ledger consumer (eachBatch): a run of up to 500 completions of one partition is written with one insert of the consultations\' ledgers, with their revision guards, and one unordered insert of their lines; a redelivered run is applied one consultation at a time through the guards. Beside it, patient-records\' private read models follow the same store in runs: every event stored while the previous run was written is one run (as long as it changes at most 1 000 patients\' documents), folded per patient in memory, then one compare-and-set replace of each patient\'s document it changes, the run\'s replacements sent together in commands of 50, each document read first unless the feed\'s previous run wrote it (it remembers what it wrote), and one checkpoint per run.',
      'One run per profile (each takes tens of seconds); the machine is shared, so compare a figure with the baseline beside it rather than with another run.',
    ],
  };
}

// --- What the bench watches ------------------------------------------------------------------

/** Resolves, per consultation, when the writes of all its lines have been acknowledged. */
class LedgerWatch {
  private readonly written = new Map<string, Set<string>>();
  private readonly waiting = new Map<string, (visibleMs: number) => void>();
  private readonly visible = new Map<string, number>();

  /** Call before the consultation is completed. */
  whenReadable(consultationId: string): Promise<number> {
    const already = this.visible.get(consultationId);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve) => this.waiting.set(consultationId, resolve));
  }

  lineWritten(document: ReadDocument | undefined): void {
    const consultationId = document?.consultationId;
    const entryId = document?.entryId;
    if (typeof consultationId !== 'string' || typeof entryId !== 'string') return;
    const now = performance.now();
    let entries = this.written.get(consultationId);
    if (entries === undefined) this.written.set(consultationId, (entries = new Set()));
    entries.add(entryId);
    if (entries.size !== LINES_PER_CONSULTATION || this.visible.has(consultationId)) return;
    this.visible.set(consultationId, now);
    this.waiting.get(consultationId)?.(now);
    this.waiting.delete(consultationId);
  }
}

/**
 * Hands `written` every document of collection `name` whose write this ReadStore instance
 * acknowledged (of an update, what it set). The projections ask their store for the collection at
 * each write, so replacing the instance's `collection` method is enough; the platform's code is
 * untouched. A compare-and-set that matched nothing wrote nothing.
 */
function watchWrites(readStore: ReadStore, name: string, written: (document: ReadDocument | undefined) => void): void {
  const collection = readStore.collection.bind(readStore);
  readStore.collection = <T extends ReadDocument>(requested: string): ReadCollection<T> => {
    const inner = collection<T>(requested);
    return requested === name ? notingWrites(inner, written) : inner;
  };
}

function notingWrites<T extends ReadDocument>(inner: ReadCollection<T>, written: (document: ReadDocument | undefined) => void): ReadCollection<T> {
  const landed = (result: UpdateResult) => result.matchedCount + result.upsertedCount > 0;
  return {
    name: inner.name,
    createIndex: (index) => inner.createIndex(index),
    findOne: (filter) => inner.findOne(filter),
    find: (filter, options) => inner.find(filter, options),
    countDocuments: (filter) => inner.countDocuments(filter),
    updateMany: (filter, update) => inner.updateMany(filter, update),
    deleteOne: (filter) => inner.deleteOne(filter),
    deleteMany: (filter) => inner.deleteMany(filter),
    indexes: () => inner.indexes(),
    async insertOne(document: T) {
      await inner.insertOne(document);
      written(document);
    },
    async insertAbsent(documents: readonly T[]) {
      const inserted = await inner.insertAbsent(documents);
      for (const document of documents) written(document);
      return inserted;
    },
    async updateOne(filter: Filter, update: Update, options?: { readonly upsert?: boolean }) {
      const result = await inner.updateOne(filter, update, options);
      if (landed(result)) written(update.$setOnInsert ?? update.$set);
      return result;
    },
    async replaceOne(filter: Filter, document: T, options?: { readonly upsert?: boolean }) {
      const result = await inner.replaceOne(filter, document, options);
      if (landed(result)) written(document);
      return result;
    },
    async replaceEach(replacements: readonly Replacement<T>[]) {
      const matched = await inner.replaceEach(replacements);
      // Short of the count, the store does not say which landed: each is read back (the projection writes the others one by one).
      for (const { document } of replacements) {
        if (matched === replacements.length || (await inner.findOne({ _id: document._id, _version: document._version })) !== null) written(document);
      }
      return matched;
    },
  };
}

/**
 * Resolves, per consultation, when a write of its patient's consultation list showing it
 * completed has been acknowledged: what GET /patients/:id/consultations answers from then on.
 */
class ConsultationListWatch {
  private readonly waiting = new Map<string, (listedMs: number) => void>();
  private readonly listed = new Map<string, number>();

  /** Call before the consultation is completed. */
  whenListedCompleted(consultationId: string): Promise<number> {
    const already = this.listed.get(consultationId);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve) => this.waiting.set(consultationId, resolve));
  }

  listWritten(document: ReadDocument | undefined): void {
    const now = performance.now();
    for (const listing of (document?.consultations ?? []) as ConsultationListing[]) {
      if (listing.status !== 'completed' || this.listed.has(listing.consultationId)) continue;
      this.listed.set(listing.consultationId, now);
      this.waiting.get(listing.consultationId)?.(now);
      this.waiting.delete(listing.consultationId);
    }
  }
}

// --- Driving completions ---------------------------------------------------------------------

/** Starts one completion (or hands one envelope over); resolves when it is accepted. */
type Complete = (index: number) => Promise<void>;

/**
 * Runs `count` completions, unpaced (`perSecond` undefined: IN_FLIGHT at a time) or paced (open
 * loop), and resolves once every one of them is readable.
 */
async function drive(
  count: number,
  complete: Complete,
  readable: (index: number) => Promise<number>,
  perSecond?: number,
  listed?: (index: number) => Promise<number>,
): Promise<RunResult> {
  const samples: Promise<Sample>[] = [];
  const one = async (index: number): Promise<void> => {
    const visible = readable(index);
    const shown = listed?.(index);
    const startedMs = performance.now();
    await complete(index);
    const acceptedMs = performance.now();
    samples.push(Promise.all([visible, shown]).then(([visibleMs, listedMs]) => ({ startedMs, acceptedMs, visibleMs, listedMs })));
  };
  if (perSecond === undefined) {
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < count) await one(next++);
      }),
    );
  } else {
    const started = performance.now();
    const running: Promise<void>[] = [];
    for (let index = 0; index < count; index++) {
      const due = started + (index * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      running.push(one(index));
    }
    await Promise.all(running);
  }
  return { samples: await withTimeout(Promise.all(samples), VISIBILITY_TIMEOUT_MS, `the ledger lines${listed ? " and patients' lists" : ''} of ${count} consultations`) };
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(timeoutMs, undefined, { signal: timeout.signal }).then(() => {
        throw new Error(`Still waiting for ${what} after ${timeoutMs} ms`);
      }),
    ]);
  } finally {
    timeout.abort();
  }
}

// --- The platform ----------------------------------------------------------------------------

interface PlatformResult extends ProfileResult {
  /** The ConsultationCompleted envelopes it published, in commit order: the raw baseline's payload. */
  readonly envelopes: readonly IntegrationEnvelope[];
  /**
   * From the last ledger line readable to the last completion shown in its patient's
   * consultation list (patient-records' private read models, fed from its own store): they follow
   * the same completions and compete for the same read store meanwhile. Zero: not behind.
   */
  readonly privateReadModelsBehindMs: number;
}

async function measurePlatform(env: Record<string, string>, consultations: number, pacedSeconds: number): Promise<PlatformResult> {
  const paced = pacedSeconds * PACED_PER_SECOND;
  return withPlatform(env, async ({ app, baseUrl, dataDir }) => {
    const { caller, patientIds } = await setUpCabinet(new JsonClient(baseUrl), dataDir, Math.ceil((consultations + paced) / CONSULTATIONS_PER_PATIENT));
    progress(`platform started, cabinet set up with ${patientIds.length} patients`);
    const open = providerOf(app, PatientRecordsModule, OpenConsultationHandler);
    const complete = providerOf(app, PatientRecordsModule, CompleteConsultationHandler);
    const date = new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 10);

    const consultationIds: string[] = new Array(consultations + paced);
    await drive(
      consultationIds.length,
      async (index) => {
        const { consultationId } = await open.execute(withCorrelation(caller), patientIds[index % patientIds.length], { date, reason: 'Lombalgie' });
        consultationIds[index] = consultationId;
      },
      async () => 0,
    );
    await setupProjected(app);
    progress(`${consultationIds.length} consultations opened, ${consultations} completions unpaced, then ${paced} at ${PACED_PER_SECOND}/s`);

    const watch = new LedgerWatch();
    watchWrites(readStoreOf(app, AccountingModule), LEDGER_ENTRIES, (document) => watch.lineWritten(document));
    const lists = new ConsultationListWatch();
    watchWrites(readStoreOf(app, PatientRecordsModule), PATIENT_CONSULTATIONS, (document) => lists.listWritten(document));
    const completeOne = (offset: number) => (index: number) =>
      complete.execute(withCorrelation(caller), consultationIds[offset + index], { feeCents: feeOf(offset + index), paymentMethod: paymentMethodOf(offset + index) });
    const readable = (offset: number) => (index: number) => watch.whenReadable(consultationIds[offset + index]);
    const listed = (offset: number) => (index: number) => lists.whenListedCompleted(consultationIds[offset + index]);
    const unpacedRun = await drive(consultations, completeOne(0), readable(0), undefined, listed(0));
    progress('unpaced run done');
    const pacedRun = await drive(paced, completeOne(consultations), readable(consultations), PACED_PER_SECOND, listed(consultations));
    progress('paced run done');
    const samples = [...unpacedRun.samples, ...pacedRun.samples];
    const lastReadableMs = Math.max(...samples.map((sample) => sample.visibleMs));
    const lastListedMs = Math.max(...samples.map((sample) => sample.listedMs ?? 0));
    const privateReadModelsBehindMs = Math.max(0, lastListedMs - lastReadableMs);
    await setupProjected(app);
    progress('private read models caught up');

    const lines = await readStoreOf(app, AccountingModule).collection(LEDGER_ENTRIES).countDocuments({});
    if (lines !== consultationIds.length * LINES_PER_CONSULTATION) {
      throw new Error(`${LEDGER_ENTRIES} holds ${lines} lines, not ${consultationIds.length * LINES_PER_CONSULTATION}`);
    }
    return { unpaced: unpacedRun, paced: pacedRun, envelopes: await publishedCompletions(app), privateReadModelsBehindMs };
  });
}

/** The owner, cabinet, substitute and patients, through the API as their users would create them. */
async function setUpCabinet(anonymous: JsonClient, dataDir: string, patients: number): Promise<{ caller: Caller; patientIds: string[] }> {
  const owner = await registerMainAccount(anonymous, 'owner@bench.example.fr', 'Dr Claire Martin');
  const { body: cabinet } = await owner.client.expect(201, 'POST', '/cabinets', { name: 'Cabinet des Lilas' });
  const cabinetId = cabinet.cabinetId as string;
  await owner.client.expect(201, 'POST', '/delegations', {
    email: 'locum@bench.example.fr',
    role: 'substitute',
    cabinetIds: [cabinetId],
    retrocessionPercent: RETROCESSION_PERCENT,
  });
  const substitute = await signInProvisionedAccount(anonymous, dataDir, 'locum@bench.example.fr');
  const patient = (index: number) => ({ firstName: 'Jeanne', lastName: `Dupont-${index}`, birthDate: '1980-04-12' });
  // Over Kafka, patient-records learns of the substitute's access a moment after the grant.
  const first = await eventually(async () => {
    const answer = await substitute.client.post(`/cabinets/${cabinetId}/patients`, patient(0));
    return answer.status === 201 ? (answer.body.patientId as string) : undefined;
  }, 'patient-records to let the substitute in');
  const patientIds = [first];
  for (let index = 1; index < patients; index++) {
    patientIds.push((await substitute.client.expect(201, 'POST', `/cabinets/${cabinetId}/patients`, patient(index))).body.patientId as string);
  }
  return { caller: { principal: { accountId: substitute.accountId, kind: 'specific', mustChangePassword: false }, correlationId: '' }, patientIds };
}

function withCorrelation(caller: Caller): Caller {
  return { ...caller, correlationId: randomUUID() };
}

/** Fees from 50 € to 80 €, payment methods in turn: lines of realistic, varied sizes. */
const feeOf = (index: number) => 5_000 + (index % 31) * 100;
const patientPaymentMethods = paymentMethods.filter((method) => method !== 'other');
const paymentMethodOf = (index: number) => patientPaymentMethods[index % patientPaymentMethods.length];

/** Waits until patient-records has published and projected everything the setup appended. */
async function setupProjected(app: INestApplicationContext): Promise<void> {
  await importedProviderOf(app, PatientRecordsModule, ServiceEventFlow).publishedUpToNow();
  const store = importedProviderOf(app, PatientRecordsModule, EventStore);
  const checkpoints = new ReadStoreCheckpointStore(readStoreOf(app, PatientRecordsModule));
  await eventually(
    async () => {
      const checkpoint = await checkpoints.load(PRIVATE_FEED_CHECKPOINT);
      if (checkpoint === null) return undefined;
      const [unprojected] = await store.readAll({ after: checkpoint, maxCount: 1 });
      return unprojected === undefined ? true : undefined;
    },
    "patient-records' private read models to follow the setup",
    VISIBILITY_TIMEOUT_MS,
  );
}

async function publishedCompletions(app: INestApplicationContext): Promise<IntegrationEnvelope[]> {
  const recorded = await importedProviderOf(app, PatientRecordsModule, EventStore).readAll();
  return recorded.filter((event) => event.type === 'ConsultationCompleted').flatMap((event) => toRecordsPublicEvent(event) ?? []);
}

// --- The raw baseline ------------------------------------------------------------------------

type LineDocument = ReadDocument & { readonly _id: string };

/** The lines accounting writes for one envelope, as documents keyed by their entry id. */
function ledgerLinesOf(envelope: IntegrationEnvelope): LineDocument[] {
  const completion = envelope.data as ConsultationCompletedV1;
  const ledger = evolveConsultationLedger(
    null,
    { type: 'ConsultationCompleted', data: completion },
    { eventId: envelope.eventId, recordedAt: new Date(envelope.occurredAt).toISOString() },
  );
  return (ledger?.lines ?? []).map((line) => ({ _id: line.entryId, ...line }));
}

/**
 * `per-message`, the baseline the target is set against: eachMessage, one insertMany of the
 * envelope's lines each. `per-batch`, for reference: eachBatch, one insertMany of the lines of a
 * whole fetched batch, partitions side by side, as the platform's ledger consumer now writes.
 */
type RawConsumerStyle = 'per-message' | 'per-batch';

async function measureRawBaseline(
  servers: BenchServers,
  unpaced: readonly IntegrationEnvelope[],
  paced: readonly IntegrationEnvelope[],
  style: RawConsumerStyle,
): Promise<ProfileResult & { readonly lookups: LookupTimings }> {
  const prefix = uniqueName('bench_ledger_raw');
  const topic = `${prefix}.records.events`;
  const kafka = rawKafka(servers.kafkaBrokers);
  const producer = rawProducer(kafka);
  const consumer = kafka.consumer({ groupId: `${prefix}.ledger`, allowAutoTopicCreation: false });
  const connection = await mongoose.createConnection(servers.mongoUrl, { dbName: prefix, serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const lines = connection.collection<LineDocument>(LEDGER_ENTRIES);
    // The same secondary indexes as the platform's collection: every insert maintains them.
    await connection.createCollection(LEDGER_ENTRIES);
    await lines.createIndex({ holderId: 1, date: 1, orderingKey: 1 });
    await lines.createIndex({ holderId: 1, cabinetId: 1, date: 1 });
    const watch = new LedgerWatch();
    progress(`raw baseline (${style}): ${unpaced.length} envelopes unpaced, then ${paced.length} at ${PACED_PER_SECOND}/s`);
    await createTopic(kafka, topic, 3);
    const linesOfMessage = (value: Buffer | null) => ledgerLinesOf(JSON.parse(value?.toString('utf8') ?? '') as IntegrationEnvelope);
    await runUntilJoined(
      consumer,
      topic,
      style === 'per-message'
        ? {
            eachMessage: async ({ message }) => {
              const documents = linesOfMessage(message.value);
              await lines.insertMany(documents);
              for (const document of documents) watch.lineWritten(document);
            },
          }
        : {
            partitionsConsumedConcurrently: 3,
            eachBatch: async ({ batch }) => {
              const documents = batch.messages.flatMap((message) => linesOfMessage(message.value));
              await lines.insertMany(documents, { ordered: false });
              for (const document of documents) watch.lineWritten(document);
            },
          },
    );
    await producer.connect();
    const message = (envelope: IntegrationEnvelope) => ({ key: envelope.streamId, value: JSON.stringify(envelope), headers: rawHeaders(envelope) });
    const consultationOf = (envelope: IntegrationEnvelope) => String(envelope.data.consultationId);

    // Unpaced: batches of PUBLISH_BATCH, each sent once the previous one is acknowledged.
    const started: number[] = [];
    const unpacedVisible = unpaced.map((envelope) => watch.whenReadable(consultationOf(envelope)));
    for (let from = 0; from < unpaced.length; from += PUBLISH_BATCH) {
      const batch = unpaced.slice(from, from + PUBLISH_BATCH);
      const now = performance.now();
      batch.forEach(() => started.push(now));
      await producer.send({ topic, acks: -1, messages: batch.map(message) });
    }
    const visibleMs = await withTimeout(Promise.all(unpacedVisible), VISIBILITY_TIMEOUT_MS, 'the raw baseline\'s lines');
    const unpacedRun: RunResult = { samples: visibleMs.map((visible, index) => ({ startedMs: started[index], acceptedMs: started[index], visibleMs: visible })) };

    const pacedRun = await drive(
      paced.length,
      async (index) => {
        // Handed over, not awaited: the produce round trip is part of the lag, as the publish is the
        // platform's. A refused send rejects unhandled and ends the bench loudly.
        void producer.send({ topic, acks: -1, messages: [message(paced[index])] });
      },
      (index) => watch.whenReadable(consultationOf(paced[index])),
      PACED_PER_SECOND,
    );
    const written = await lines.countDocuments({});
    if (written !== (unpaced.length + paced.length) * LINES_PER_CONSULTATION) throw new Error(`The raw baseline wrote ${written} lines`);
    const lookup = async (id: string) => {
      const durations: number[] = [];
      for (let attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
        const started = performance.now();
        await lines.findOne({ _id: id });
        durations.push(performance.now() - started);
      }
      return median(durations);
    };
    const lookups = { documents: written, firstMs: await lookup(ledgerLinesOf(unpaced[0])[0]._id), absentMs: await lookup('absent') };
    return { unpaced: unpacedRun, paced: pacedRun, lookups };
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
    await connection.dropDatabase();
    await connection.close();
    await deleteTopicsAndGroups(kafka, prefix);
  }
}
