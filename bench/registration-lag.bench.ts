/**
 * (c) Register → visible in the read model: POST /api/v1/auth/register, then look for the account
 * in `identity_account_directory` until it is there. Both the read-model lag (from the 201 to
 * visibility) and the whole wait (from the request to visibility) are reported, in the embedded
 * profile and over Kafka + FerretDB, each next to a raw client doing the same work by hand.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { createHttpApplication } from '@osteo/http';
import { loadPlatformConfig } from '@osteo/platform';
import { MongoReadStore, ReadStore } from '@osteo/read-store';
import type Database from 'better-sqlite3';
import mongoose from 'mongoose';
import { EmbeddedPlatformModule } from '../services/embedded.module';
import { ACCOUNT_DIRECTORY } from '../services/identity/application/account-directory/account-directory.projection';
import { accountStreamId } from '../services/identity/domain/account';
import { emailReservationStreamId } from '../services/identity/domain/email-reservation';
import { IdentityModule } from '../services/identity/identity.module';
import { Argon2PasswordHasher } from '../services/identity/infrastructure/argon2-password-hasher';
import { dropDatabasesStartingWith } from './platform-harness';
import { openRawEventTable, rawNewStreamAppender } from './raw-sqlite-event-table';
import { createTopic, deleteTopicsAndGroups, rawHeaders, rawKafka, rawProducer, runUntilJoined } from './raw-kafka';
import { type BenchmarkReport, formatCount, formatMs } from './report';
import { type BenchServers, uniqueName } from './servers';
import { type LatencySummary, summarizeLatencies } from './statistics';

const REGISTRATIONS = 1_000;
/** Not counted: the first requests pay for JIT compilation, connections and lazy initialisation. */
const WARM_UP_REGISTRATIONS = 20;
const PASSWORD = 'correct horse battery staple';
/** The platform's own hasher and parameters, for the hash the raw rows carry and for timing hashing alone. */
const hasher = new Argon2PasswordHasher();
/** Enough for a p99 of hashing alone, in a few seconds. */
const HASH_SAMPLES = 200;
/** A registration never seen within this time is a failure of the platform, not a slow sample. */
const VISIBILITY_TIMEOUT_MS = 10_000;
/**
 * Between two looks at a server-side read model. Polling back to back would load FerretDB, which
 * shares the two cores with Kafka and the projection being measured; 1 ms keeps the instrument's
 * error near one round trip. FerretDB v1 has no change streams to watch instead.
 */
const SERVER_POLL_PAUSE_MS = 1;

/** One registration's timings, in milliseconds from the start of its request. */
interface RegistrationTimings {
  /** The 201 arrived (raw: the second commit returned). */
  readonly acknowledgedMs: number;
  /** The account was first seen in the read model. */
  readonly visibleMs: number;
}

/**
 * How the bench looks for an account in a read model. Over FerretDB both sides of the comparison
 * use the same instrument, so its own error cancels out; in memory a look costs microseconds.
 */
interface ReadModelProbe {
  isVisible(accountId: string): Promise<boolean>;
  pause(): Promise<void>;
}

/** Registers the n-th account and resolves with its id once the registration is acknowledged. */
type RegisterAccount = (index: number) => Promise<string>;

interface ProfileResult {
  readonly platform: readonly RegistrationTimings[];
  readonly baseline: readonly RegistrationTimings[];
}

export async function benchmarkRegistrationLag(servers: BenchServers): Promise<BenchmarkReport> {
  const passwordHash = await hasher.hash(PASSWORD);
  const embedded: ProfileResult = { platform: await embeddedPlatform(), baseline: await embeddedBaseline(passwordHash) };
  const distributed: ProfileResult = {
    platform: await kafkaFerretPlatform(servers),
    baseline: await kafkaFerretBaseline(servers, passwordHash),
  };
  const hashing = await measureHashing();

  const cells = (timings: readonly RegistrationTimings[]) => [
    latencyCell(summarizeLatencies(timings.map(({ acknowledgedMs }) => acknowledgedMs))),
    latencyCell(summarizeLatencies(timings.map(({ acknowledgedMs, visibleMs }) => visibleMs - acknowledgedMs))),
    latencyCell(summarizeLatencies(timings.map(({ visibleMs }) => visibleMs))),
  ];
  const lagP50 = (timings: readonly RegistrationTimings[]) =>
    summarizeLatencies(timings.map(({ acknowledgedMs, visibleMs }) => visibleMs - acknowledgedMs)).p50;
  const lagVerdict = (profile: string, result: ProfileResult) =>
    `${profile}: the platform's read-model lag is ${formatMs(lagP50(result.platform))} at p50, ` +
    `${formatMs(lagP50(result.platform) - lagP50(result.baseline))} more than the raw client's.`;
  return {
    title: `Register → visible in the read model, ${formatCount(REGISTRATIONS)} sequential registrations per profile`,
    settings: [
      `Each registration: POST /api/v1/auth/register over HTTP (keep-alive, fetch), then look for its accountId in ${ACCOUNT_DIRECTORY} until found. One registration at a time; ${WARM_UP_REGISTRATIONS} warm-up registrations first, not counted. Cells read p50 / p99.`,
      'The platform runs in the bench process, started as `npm start` does (loadPlatformConfig, EmbeddedPlatformModule, Fastify on 127.0.0.1:0), with SQLite event stores in a fresh temporary DATA_DIR.',
      'Embedded profile: in-process bus, in-memory read store, looked up through the identity module\'s own ReadStore; the bench looks again at every turn of the event loop (setImmediate).',
      `Kafka + FerretDB: EVENT_BUS=kafka, READ_STORE=mongodb, fresh topic prefix and database; looked up with MongoReadStore.findOne, ${SERVER_POLL_PAUSE_MS} ms between looks (FerretDB v1 has no change streams).`,
      'Raw baselines do by hand what a registration needs for the same visibility: two better-sqlite3 commits (e-mail reservation, then the account; same pragmas and table as SqliteEventStore, the same row sizes), then a relay that reads the new rows back from SQLite after the commit, as an outbox relay must.',
      `The raw baselines do not hash the password: argon2id is the same library call on both sides, and hashing ${formatCount(2 * (WARM_UP_REGISTRATIONS + REGISTRATIONS))} more passwords would add about a minute and a half to the run. Its cost is measured on its own instead (${HASH_SAMPLES} hashes, one at a time, the platform's parameters: 19 MiB, 2 passes) and reported below.`,
      'Embedded raw baseline: the relay puts the directory document into a Map, looked for at every turn of the event loop. Its lag is the floor of an in-process read model (close to zero): the platform\'s own lag is the figure to read.',
      'Kafka + FerretDB raw baseline: the relay produces the public envelope with a raw kafkajs producer (idempotent, acks -1); a raw kafkajs consumer (eachMessage) inserts the directory document with the MongoDB driver; looked up exactly as for the platform.',
      'The platform\'s path, for comparison: HTTP, validation, loading both streams, the deciders, two SqliteEventStore appends; behind the 201, the store subscription wakes the outbox publisher, which publishes and saves its checkpoint; the projection reads the document, then inserts it with its revision guard.',
    ],
    table: {
      headers: ['profile', 'client', 'until acknowledged', 'acknowledged → visible (read-model lag)', 'register → visible'],
      rows: [
        ['embedded', 'platform over HTTP', ...cells(embedded.platform)],
        ['embedded', 'raw: better-sqlite3 + Map (baseline)', ...cells(embedded.baseline)],
        ['Kafka + FerretDB', 'platform over HTTP', ...cells(distributed.platform)],
        ['Kafka + FerretDB', 'raw: better-sqlite3 + kafkajs + MongoDB driver (baseline)', ...cells(distributed.baseline)],
      ],
    },
    verdicts: [
      lagVerdict('Embedded', embedded),
      lagVerdict('Kafka + FerretDB', distributed),
      `argon2id alone, the platform's parameters: ${latencyCell(hashing)} (p50 / p99), most of the time until a registration is acknowledged.`,
    ],
  };
}

async function measureHashing(): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let sample = 0; sample < HASH_SAMPLES; sample++) {
    const started = performance.now();
    await hasher.hash(PASSWORD);
    samples.push(performance.now() - started);
  }
  return summarizeLatencies(samples);
}

function latencyCell({ p50, p99 }: LatencySummary): string {
  return `${formatMs(p50)} / ${formatMs(p99)}`;
}

async function measureRegistrations(register: RegisterAccount, probe: ReadModelProbe): Promise<RegistrationTimings[]> {
  const timings: RegistrationTimings[] = [];
  for (let index = 0; index < WARM_UP_REGISTRATIONS + REGISTRATIONS; index++) {
    const started = performance.now();
    const accountId = await register(index);
    const acknowledged = performance.now();
    await waitUntilVisible(probe, accountId);
    const visible = performance.now();
    if (index >= WARM_UP_REGISTRATIONS) timings.push({ acknowledgedMs: acknowledged - started, visibleMs: visible - started });
  }
  return timings;
}

async function waitUntilVisible(probe: ReadModelProbe, accountId: string): Promise<void> {
  const deadline = performance.now() + VISIBILITY_TIMEOUT_MS;
  while (!(await probe.isVisible(accountId))) {
    if (performance.now() > deadline) throw new Error(`Account ${accountId} not visible after ${VISIBILITY_TIMEOUT_MS} ms`);
    await probe.pause();
  }
}

const nextEventLoopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function emailOf(index: number): string {
  return `practitioner.${index}@bench.example.fr`;
}

// --- The platform ----------------------------------------------------------------------------

interface RunningPlatform {
  readonly app: NestFastifyApplication;
  readonly register: RegisterAccount;
}

/** Starts the platform as `npm start` does, on a random loopback port, in a fresh DATA_DIR. */
async function withPlatform<T>(env: Record<string, string>, use: (platform: RunningPlatform) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-bench-platform-'));
  try {
    // A thousand registrations from one address: far past the per-address limit, which is not what this measures.
    const config = loadPlatformConfig({ REGISTRATIONS_PER_ADDRESS: '1000000', ...env, DATA_DIR: dataDir });
    const app = await createHttpApplication(EmbeddedPlatformModule.with(config), { title: 'bench', bodyLimitBytes: config.bodyLimitBytes, logger: false });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.getHttpServer().address() as { port: number };
      return await use({ app, register: registerOverHttp(`http://127.0.0.1:${port}`) });
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function registerOverHttp(baseUrl: string): RegisterAccount {
  return async (index) => {
    const response = await fetch(`${baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emailOf(index), password: PASSWORD, displayName: `Dr Bench ${index}` }),
    });
    const body = (await response.json()) as { accountId?: string };
    if (response.status !== 201 || body.accountId === undefined) {
      throw new Error(`Registration ${index} answered ${response.status}: ${JSON.stringify(body)}`);
    }
    return body.accountId;
  };
}

function embeddedPlatform(): Promise<RegistrationTimings[]> {
  return withPlatform({}, ({ app, register }) => {
    const directory = identityReadStore(app).collection(ACCOUNT_DIRECTORY);
    return measureRegistrations(register, {
      isVisible: async (accountId) => (await directory.findOne({ _id: accountId })) !== null,
      pause: nextEventLoopTurn,
    });
  });
}

/**
 * Identity's own read store. Each service module imports a ServiceInfrastructureModule of its
 * own, each with its own ReadStore, so `app.get(ReadStore)` may well return another service's.
 */
function identityReadStore(app: INestApplicationContext): ReadStore {
  const identity = [...app.get(ModulesContainer).values()].find((module) => module.metatype === IdentityModule);
  const store = [...(identity?.imports ?? [])]
    .map((imported) => imported.providers.get(ReadStore)?.instance)
    .find((instance) => instance instanceof ReadStore);
  if (store === undefined) throw new Error('IdentityModule imports no ReadStore');
  return store;
}

async function kafkaFerretPlatform(servers: BenchServers): Promise<RegistrationTimings[]> {
  const topicPrefix = `${uniqueName('bench_lag')}.`;
  const databasePrefix = `${uniqueName('bench_lag')}_`;
  const env = {
    EVENT_BUS: 'kafka',
    KAFKA_BROKERS: servers.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    READ_STORE: 'mongodb',
    MONGO_URL: servers.mongoUrl,
    MONGO_DATABASE_PREFIX: databasePrefix,
  };
  // The database identity's projections write to, named after the service (service-infrastructure.module.ts).
  const readStore = await MongoReadStore.connect(servers.mongoUrl, `${databasePrefix}identity`);
  try {
    const directory = readStore.collection(ACCOUNT_DIRECTORY);
    return await withPlatform(env, ({ register }) =>
      measureRegistrations(register, {
        isVisible: async (accountId) => (await directory.findOne({ _id: accountId })) !== null,
        pause: () => sleep(SERVER_POLL_PAUSE_MS),
      }),
    );
  } finally {
    await readStore.close();
    await dropDatabasesStartingWith(servers.mongoUrl, databasePrefix);
    await deleteTopicsAndGroups(rawKafka(servers.kafkaBrokers), topicPrefix);
  }
}

// --- The raw baselines -----------------------------------------------------------------------

interface StoredRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** The document the account directory projection keeps, written by hand. */
interface DirectoryDocument {
  readonly _id: string;
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
  readonly kind: 'main';
  readonly mustChangePassword: boolean;
  readonly registeredAt: string;
  readonly passwordChangedAt: null;
}

/**
 * The raw write side: commits the reservation then the account, and wakes its relay, which runs
 * behind the caller as the platform's publisher runs behind the 201.
 */
async function withRawEventTable<T>(
  passwordHash: string,
  deliver: (row: StoredRow) => Promise<void>,
  use: (register: RegisterAccount) => Promise<T>,
): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'osteo-bench-raw-'));
  const db = openRawEventTable(join(directory, 'identity.events.sqlite'));
  try {
    const append = rawNewStreamAppender(db);
    const relay = new RawOutboxRelay(db, deliver);
    return await use(async (index) => {
      const email = emailOf(index);
      const accountId = randomUUID();
      const now = new Date().toISOString();
      const metadata = JSON.stringify({ occurredAt: now, actorId: accountId, correlationId: randomUUID() });
      const row = (streamId: string, type: string, data: object) => ({
        streamId,
        revision: 0,
        eventId: randomUUID(),
        type,
        data: JSON.stringify(data),
        metadata,
        recordedAt: now,
      });
      append([row(emailReservationStreamId(email), 'EmailReserved', { email, accountId, reservedAt: now })]);
      append([
        row(accountStreamId(accountId), 'AccountRegistered', {
          accountId,
          email,
          displayName: `Dr Bench ${index}`,
          kind: 'main',
          passwordHash,
          mustChangePassword: false,
          registeredAt: now,
        }),
      ]);
      relay.wakeUp();
      return accountId;
    });
  } finally {
    db.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The hand-written outbox relay: after a commit, hands every row not yet delivered to `deliver`, in order. */
class RawOutboxRelay {
  private readonly rowsAfter: Database.Statement<[number], StoredRow>;
  private lastDelivered = 0;
  private passes: Promise<void> = Promise.resolve();

  constructor(
    db: Database.Database,
    private readonly deliver: (row: StoredRow) => Promise<void>,
  ) {
    this.rowsAfter = db.prepare('SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE position > ? ORDER BY position');
  }

  /** Not awaited by the caller. A failure rejects the chain unhandled, which ends the bench loudly. */
  wakeUp(): void {
    this.passes = this.passes.then(async () => {
      for (const row of this.rowsAfter.all(this.lastDelivered)) {
        await this.deliver(row);
        this.lastDelivered = row.position;
      }
    });
  }
}

function directoryDocument(row: StoredRow): DirectoryDocument {
  const data = JSON.parse(row.data) as { accountId: string; email: string; displayName: string; mustChangePassword: boolean; registeredAt: string };
  return {
    _id: data.accountId,
    accountId: data.accountId,
    email: data.email,
    displayName: data.displayName,
    kind: 'main',
    mustChangePassword: data.mustChangePassword,
    registeredAt: data.registeredAt,
    passwordChangedAt: null,
  };
}

/** What the public AccountRegistered carries: the directory's fields, and never the hash. */
type PublicAccountData = Pick<DirectoryDocument, 'accountId' | 'email' | 'displayName' | 'kind' | 'mustChangePassword'>;

/** The envelope the platform publishes for AccountRegistered (identity-public-events.ts). */
function publicEnvelope(row: StoredRow): IntegrationEnvelope<string, PublicAccountData> {
  const { accountId, email, displayName, kind, mustChangePassword } = directoryDocument(row);
  const metadata = JSON.parse(row.metadata) as { occurredAt: string; actorId: string; correlationId: string };
  return {
    eventId: row.event_id,
    type: row.type,
    version: 1,
    streamId: row.stream_id,
    revision: row.revision,
    occurredAt: metadata.occurredAt,
    actorId: metadata.actorId,
    correlationId: metadata.correlationId,
    causationId: null,
    data: { accountId, email, displayName, kind, mustChangePassword },
  };
}

function embeddedBaseline(passwordHash: string): Promise<RegistrationTimings[]> {
  const directory = new Map<string, DirectoryDocument>();
  const deliver = async (row: StoredRow) => {
    if (row.type !== 'AccountRegistered') return;
    const document = directoryDocument(row);
    directory.set(document._id, document);
  };
  return withRawEventTable(passwordHash, deliver, (register) =>
    measureRegistrations(register, { isVisible: async (accountId) => directory.has(accountId), pause: nextEventLoopTurn }),
  );
}

async function kafkaFerretBaseline(servers: BenchServers, passwordHash: string): Promise<RegistrationTimings[]> {
  const prefix = uniqueName('bench_lag_raw');
  const topic = `${prefix}.identity.events`;
  const kafka = rawKafka(servers.kafkaBrokers);
  const producer = rawProducer(kafka);
  const consumer = kafka.consumer({ groupId: `${prefix}.read-models`, allowAutoTopicCreation: false });
  const client = new mongoose.mongo.MongoClient(servers.mongoUrl);
  const probeStore = await MongoReadStore.connect(servers.mongoUrl, prefix);
  try {
    await client.connect();
    const rawDirectory = client.db(prefix).collection<DirectoryDocument>(ACCOUNT_DIRECTORY);
    await createTopic(kafka, topic, 3);
    await runUntilJoined(consumer, topic, {
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString('utf8') ?? '') as IntegrationEnvelope<string, PublicAccountData>;
        await rawDirectory.insertOne({ ...envelope.data, _id: envelope.data.accountId, registeredAt: envelope.occurredAt, passwordChangedAt: null });
      },
    });
    await producer.connect();
    const deliver = async (row: StoredRow) => {
      if (row.type !== 'AccountRegistered') return;
      const envelope = publicEnvelope(row);
      await producer.send({ topic, acks: -1, messages: [{ key: row.stream_id, value: JSON.stringify(envelope), headers: rawHeaders(envelope) }] });
    };
    const directory = probeStore.collection(ACCOUNT_DIRECTORY);
    return await withRawEventTable(passwordHash, deliver, (register) =>
      measureRegistrations(register, {
        isVisible: async (accountId) => (await directory.findOne({ _id: accountId })) !== null,
        pause: () => sleep(SERVER_POLL_PAUSE_MS),
      }),
    );
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
    await probeStore.dropAll();
    await Promise.all([probeStore.close(), client.close()]);
    await deleteTopicsAndGroups(kafka, prefix);
  }
}
