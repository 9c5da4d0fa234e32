import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@osteo/contracts';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { PUBLISHER_LEASES_COLLECTION } from '@osteo/messaging';
import { MongoReadStore } from '@osteo/read-store';
import { DistributedProcesses, type ProcessName, processSpecs } from '../../deploy/local/distributed-processes';
import { logIn, PASSWORD, registerMainAccount } from '../support/accounts';
import { DedicatedServers } from '../support/dedicated-servers';
import { DIST_DIR, ensureFreshBuild, reserveFreePorts } from '../support/distributed-platform';
import { temporaryDataDir } from '../support/embedded-platform';
import { HttpClient } from '../support/http-client';
import { type CompletedConsultation, CompletionsThroughRecords } from './completions-through-records';
import { deadLettersUnder, drained, type LedgerEntry, RecentWarnings, seconds, sum, until, wholeLedger } from './fault-suite-support';

/**
 * Issue #14: several instances of one service, one publisher at a time (docs/adr/0009-publisher-lease.md).
 *
 * What runs: a Kafka broker and a FerretDB of this suite's own, and the real processes from dist/
 * as the distributed profile runs them: identity and access-grant once, patient-records and
 * accounting twice each. The two instances of a service share its SQLite event store (one
 * DATA_DIR, WAL), its read database and its consumer groups, as instances on one host do. The
 * first instance of each starts alone, so it holds its service's publisher lease; the second
 * starts once the first answers.
 *
 * The load: the owner of a practice opens and completes consultations through patient-records'
 * HTTP API, spread over both instances (completions-through-records.ts): every
 * ConsultationCompleted is decided by a real patient-records process and published by whichever
 * instance holds the lease. The owner is the practitioner, so each consultation writes one line
 * (the fee) in the owner's ledger; the substitute's retrocession lines are scenario (b)'s of
 * ledger-under-faults, whose events are produced by hand.
 *
 *   (d) Once 40 % are completed, the first patient-records and the first accounting, each its
 *       service's lease holder, are killed with SIGKILL and not restarted: the second instances
 *       take the leases over and the load carries on against them.
 *   (e) Once 40 % are completed, the patient-records lease holder is paused with SIGSTOP until the
 *       other instance has taken its lease over, then resumed with SIGCONT: its late checkpoint
 *       write must be refused (its log says so) and it must stand by from then on. The load
 *       leaves it alone from just before the pause to the resumption: paused inside an append it
 *       would hold the shared SQLite file's write lock, and stall the other instance's appends
 *       (docs/operations.md, section 4). Meanwhile the other instance keeps appending, so the
 *       resumed one has events to send, sends them, and finds its checkpoint refused.
 *
 * Then, once both publishers have published their store and accounting's ledger group has
 * applied all of records.events: the owner's ledger holds each completed consultation exactly
 * once with its fee (no line twice, none missing, totals exact); on records.events and
 * accounting.events, the distinct eventIds of each type published are exactly the store's events
 * of that type (each published once in effect; copies on the wire are counted and reported, and
 * the ledger shows the consumer absorbed them); no dead letter.
 *
 * Not covered: EventStoreDB (none on our machines), instances on several hosts, the rebuild's hold
 * across instances, a paused accounting publisher (the lease is the same code), the substitute's lines.
 */

/** 5 000 per scenario (issue #14); FAULT_SUITE_CONSULTATIONS lowers it while working on the suite. */
const CONSULTATIONS = Number(process.env.FAULT_SUITE_CONSULTATIONS ?? 5_000);
if (!Number.isSafeInteger(CONSULTATIONS) || CONSULTATIONS < 10) {
  throw new Error(`FAULT_SUITE_CONSULTATIONS must be an integer of at least 10 (got "${process.env.FAULT_SUITE_CONSULTATIONS}")`);
}
/** Clients completing consultations at once. */
const WORKERS = 8;
const PATIENTS = 40;
const FAULT_AT_SHARE = 0.4;
/** The default, said explicitly: the pause below must outlast it. */
const LEASE_MS = 10_000;
/** A lease, a renewal period (a third of it) and slack: by then the other instance has taken over. */
const TAKEOVER_TIMEOUT_MS = LEASE_MS + LEASE_MS / 3 + 10_000;
const DRAIN_TIMEOUT_MS = 180_000;
const SCENARIO_TIMEOUT_MS = 600_000;

const LEDGER_GROUP = 'accounting.ledger';
const REPLICATED: readonly ProcessName[] = ['patient-records', 'accounting'];
const FENCED_LOG_LINE = 'Late checkpoint write refused';

describe(`two instances of patient-records and of accounting under ${CONSULTATIONS} consultations completed through patient-records (dedicated Kafka and FerretDB)`, () => {
  const dedicated = DedicatedServers.forSuite(ensureFreshBuild);

  it(
    '(d) the publishing instance of each is killed with SIGKILL mid-run: the other takes its lease over, the ledger is exact, each event published once in effect',
    () =>
      runScenario('kill', dedicated(), async (platform) => {
        const recordsHolder = await platform.leaseHolder('patient-records', Topics.records);
        const accountingHolder = await platform.leaseHolder('accounting', Topics.accounting);
        await platform.first.kill('patient-records');
        await platform.first.kill('accounting');
        expect(isAlive(recordsHolder.pid)).toBe(false);
        expect(isAlive(accountingHolder.pid)).toBe(false);
        const recordsTaker = await platform.untilLeaseTakenOver('patient-records', Topics.records, recordsHolder.token);
        const accountingTaker = await platform.untilLeaseTakenOver('accounting', Topics.accounting, accountingHolder.token);
        expect(isAlive(recordsTaker.pid)).toBe(true);
        expect(isAlive(accountingTaker.pid)).toBe(true);
        return `patient-records' lease from pid ${recordsHolder.pid} to ${recordsTaker.pid} (token ${recordsTaker.token}), accounting's from ${accountingHolder.pid} to ${accountingTaker.pid}`;
      }),
    SCENARIO_TIMEOUT_MS,
  );

  it(
    '(e) the patient-records publisher paused with SIGSTOP past its lease is fenced off when it resumes: its late checkpoint is refused, nothing lost or doubled',
    () =>
      runScenario('pause', dedicated(), async (platform, load) => {
        const holder = await platform.leaseHolder('patient-records', Topics.records);
        // Paused between requests, not inside an append (completions-through-records.ts, `avoid`).
        const holderUrl = platform.urlOf('patient-records', holder.pid);
        load.avoid(holderUrl);
        await until(() => load.requestsInFlightTo(holderUrl) === 0);
        process.kill(holder.pid, 'SIGSTOP');
        let taker: LeaseHolder;
        try {
          taker = await platform.untilLeaseTakenOver('patient-records', Topics.records, holder.token);
        } finally {
          process.kill(holder.pid, 'SIGCONT');
          load.readmit(holderUrl);
        }
        // The other instance kept appending meanwhile: once resumed, the paused one reads them,
        // sends them, and has its checkpoint refused.
        await platform.untilFencedOff(holder.pid);
        const afterwards = await platform.leaseHolder('patient-records', Topics.records);
        expect(taker.pid).not.toBe(holder.pid);
        expect(afterwards).toEqual(expect.objectContaining({ pid: taker.pid, token: taker.token }));
        expect(platform.fencedOffPids()).toEqual([holder.pid]);
        return `paused pid ${holder.pid} (token ${holder.token}); pid ${taker.pid} took over with token ${taker.token}; the paused one's late checkpoint was refused`;
      }),
    SCENARIO_TIMEOUT_MS,
  );
});

interface LeaseHolder {
  readonly pid: number;
  readonly token: number;
  readonly position: string | null;
}

type Fault = (platform: ReplicatedPlatform, load: CompletionsThroughRecords) => Promise<string>;

async function runScenario(scenario: string, servers: DedicatedServers, fault: Fault): Promise<void> {
  const startedAt = Date.now();
  const dataDir = temporaryDataDir();
  const topicPrefix = `instances-${scenario}-${randomBytes(3).toString('hex')}.`;
  const databasePrefix = `instances_${scenario}_${randomBytes(3).toString('hex')}_`;
  const env = {
    KAFKA_BROKERS: servers.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    MONGO_URL: servers.mongoUrl,
    MONGO_DATABASE_PREFIX: databasePrefix,
    PUBLISHER_LEASE_MS: String(LEASE_MS),
  };
  const warnings = new RecentWarnings();
  const platform = await ReplicatedPlatform.start(env, dataDir.path, servers.mongoUrl, databasePrefix, warnings);
  const kafka = new Kafka({ brokers: [servers.kafkaBrokers], clientId: 'instances-suite-observer', logLevel: logLevel.NOTHING });
  try {
    const identity = new HttpClient(platform.first.url('identity'));
    const owner = await registerMainAccount(identity, `owner.${scenario}@example.fr`, 'Dr Claire Martin');
    const token = await logIn(identity, owner.email, PASSWORD);
    const accessGrant = new HttpClient(platform.first.url('access-grant')).withToken(token);
    const cabinetId = (await accessGrant.post<{ cabinetId: string }>('/api/v1/cabinets', { name: `Cabinet ${scenario}` })).body.cabinetId;
    const recordsUrls = [platform.first.url('patient-records'), platform.second.url('patient-records')];
    const patientIds = await registerPatients(recordsUrls, token, cabinetId);
    const ready = Date.now();

    const load = new CompletionsThroughRecords(recordsUrls, token, patientIds);
    let loadError: unknown;
    const loading = load.run(CONSULTATIONS, WORKERS).catch((error: unknown) => void (loadError = error));
    await until(() => load.completed.length >= FAULT_AT_SHARE * CONSULTATIONS || loadError !== undefined);
    const completedBeforeFault = load.completed.length;
    const faultStartedAt = Date.now();
    const faultSummary = await fault(platform, load);
    const faultEndedAt = Date.now();
    await loading;
    if (loadError !== undefined) throw loadError;
    const loadedAt = Date.now();

    await platform.untilPublished('patient-records', Topics.records, dataDir.path);
    await platform.untilPublished('accounting', Topics.accounting, dataDir.path);
    await drained(kafka, topicPrefix + LEDGER_GROUP, topicPrefix + Topics.records, DRAIN_TIMEOUT_MS);
    const drainedAt = Date.now();

    const ownerLedger = await wholeLedger(new HttpClient(platform.second.url('accounting')).withToken(token));
    const readAt = Date.now();
    const records = await publishedOnceInEffect(kafka, topicPrefix + Topics.records, storeFile(dataDir.path, 'patient-records'));
    const accounting = await publishedOnceInEffect(kafka, topicPrefix + Topics.accounting, storeFile(dataDir.path, 'accounting'));
    const deadLetters = await deadLettersUnder(kafka, topicPrefix);

    console.log(
      [
        `(${scenario}) ${CONSULTATIONS} consultations completed through two patient-records instances by ${WORKERS} clients;`,
        `${completedBeforeFault} when the fault began; fault ${seconds(faultEndedAt - faultStartedAt)}: ${faultSummary};`,
        `all completed ${seconds(loadedAt - ready)} after the first (${load.retried} requests sent again to the other instance);`,
        `published and applied ${seconds(drainedAt - loadedAt)} later; ledger read in ${seconds(readAt - drainedAt)};`,
        `records.events: ${records.distinct} events, ${records.copies} copies on the wire; accounting.events: ${accounting.distinct} events, ${accounting.copies} copies;`,
        `${seconds(readAt - startedAt)} in all, ${seconds(ready - startedAt)} of it starting the processes, the account, the practice and its patients`,
      ].join(' '),
    );

    expect(completedBeforeFault).toBeLessThan(CONSULTATIONS);
    expect(deadLetters).toEqual({});
    expect(records.missing).toEqual([]);
    expect(records.unknown).toEqual([]);
    expect(accounting.missing).toEqual([]);
    expect(accounting.unknown).toEqual([]);
    expect(records.distinctOfType('ConsultationCompleted')).toBe(CONSULTATIONS);
    expectExactLedger(load.completed, ownerLedger.entries, ownerLedger.totals);
  } catch (error) {
    if (error instanceof Error) error.message += `\n\nThe services' last warnings and errors:\n${warnings.lines()}`;
    throw error;
  } finally {
    await platform.stop();
    dataDir.remove();
  }
}

/** The two instances' groups of processes, their output, and the leases in their read databases. */
class ReplicatedPlatform {
  private constructor(
    private readonly mongoUrl: string,
    private readonly databasePrefix: string,
    readonly first: DistributedProcesses,
    readonly second: DistributedProcesses,
    /** The fenced-off lines the processes logged, with the pid of the instance that logged each. */
    private readonly fencedLines: Array<{ pid: number; line: string }>,
  ) {}

  /** The first instances start alone and take the leases; the second ones start once those answer. */
  static async start(env: Readonly<Record<string, string>>, dataDir: string, mongoUrl: string, databasePrefix: string, warnings: RecentWarnings): Promise<ReplicatedPlatform> {
    const names: ProcessName[] = ['identity', 'access-grant', 'planning', 'patient-records', 'accounting', 'gateway'];
    const ports = await reserveFreePorts(names.length + REPLICATED.length);
    const sharedEnv = { PATH: process.env.PATH, NO_COLOR: '1', JWT_SECRET: randomBytes(48).toString('base64url'), EMAIL_DIGEST_KEY: randomBytes(48).toString('base64url'), ...env };
    const layoutOf = (portOf: (name: ProcessName, index: number) => number) => ({
      distDir: DIST_DIR,
      dataDir,
      ports: Object.fromEntries(names.map((name, index) => [name, portOf(name, index)])) as Record<ProcessName, number>,
      sharedEnv,
    });
    const firstLayout = layoutOf((_name, index) => ports[index]!);
    const secondLayout = layoutOf((name, index) => (REPLICATED.includes(name) ? ports[names.length + REPLICATED.indexOf(name)]! : ports[index]!));
    const fencedLines: Array<{ pid: number; line: string }> = [];
    const onOutput = (name: ProcessName, line: string): void => {
      warnings.note(name, line);
      // The publisher's lines name their instance, `<host>/<pid>/<random>`, as the lease does.
      if (line.includes(FENCED_LOG_LINE)) fencedLines.push({ pid: Number(String((JSON.parse(line) as { instance?: string }).instance).split('/')[1]), line });
    };
    const first = await DistributedProcesses.start(
      processSpecs(firstLayout).filter((spec) => ['identity', 'access-grant', ...REPLICATED].includes(spec.name)),
      { onOutput },
    );
    try {
      const second = await DistributedProcesses.start(
        processSpecs(secondLayout).filter((spec) => REPLICATED.includes(spec.name)),
        { onOutput },
      );
      return new ReplicatedPlatform(mongoUrl, databasePrefix, first, second, fencedLines);
    } catch (error) {
      await first.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.first.stop(), this.second.stop()]);
  }

  /** The base URL of the instance of `service` whose process is `pid`: its PORT, read from its environment (Linux). */
  urlOf(service: ProcessName, pid: number): string {
    const port = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((variable) => variable.startsWith('PORT='))?.slice('PORT='.length);
    const url = [this.first, this.second].map((processes) => processes.url(service)).find((candidate) => candidate.endsWith(`:${port}`));
    if (url === undefined) throw new Error(`No instance of ${service} runs as pid ${pid}`);
    return url;
  }

  /** The lease of `service`'s publisher as stored; its holder is `<host>/<pid>/<random>`. */
  async leaseHolder(service: ProcessName, topic: string): Promise<LeaseHolder> {
    const readStore = await MongoReadStore.connect(this.mongoUrl, `${this.databasePrefix}${service.replace(/-/g, '_')}`);
    try {
      const lease = await readStore.collection(PUBLISHER_LEASES_COLLECTION).findOne({ _id: `publisher:${topic}` });
      if (lease === null) throw new Error(`${service} has no publisher lease for ${topic}`);
      return { pid: Number(String(lease.holder).split('/')[1]), token: Number(lease.token), position: (lease.position as string | null) ?? null };
    } finally {
      await readStore.close();
    }
  }

  /** The lease once another acquisition than `token` holds it. */
  async untilLeaseTakenOver(service: ProcessName, topic: string, token: number): Promise<LeaseHolder> {
    const deadline = Date.now() + TAKEOVER_TIMEOUT_MS;
    for (;;) {
      const lease = await this.leaseHolder(service, topic);
      if (lease.token > token) return lease;
      if (Date.now() > deadline) throw new Error(`Nobody took ${service}'s publisher lease over within ${TAKEOVER_TIMEOUT_MS / 1000} s`);
      await sleep(250);
    }
  }

  /** Until the lease's checkpoint has reached the end of the service's store: everything published. */
  async untilPublished(service: ProcessName, topic: string, dataDir: string): Promise<void> {
    const store = SqliteEventStore.open(storeFile(dataDir, service));
    try {
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      for (;;) {
        const { position } = await this.leaseHolder(service, topic);
        const [unpublished] = await store.readAll({ after: position ?? undefined, maxCount: 1 });
        if (unpublished === undefined) return;
        if (Date.now() > deadline) throw new Error(`${service}'s publisher had not published its store within ${DRAIN_TIMEOUT_MS / 1000} s`);
        await sleep(250);
      }
    } finally {
      await store.close();
    }
  }

  /** Until the process `pid` has logged that its late checkpoint write was refused. */
  async untilFencedOff(pid: number): Promise<void> {
    const deadline = Date.now() + TAKEOVER_TIMEOUT_MS;
    while (!this.fencedLines.some((entry) => entry.pid === pid)) {
      if (Date.now() > deadline) throw new Error(`The process ${pid} never logged "${FENCED_LOG_LINE}"`);
      await sleep(100);
    }
  }

  /** Processes that logged a refused late checkpoint write. */
  fencedOffPids(): number[] {
    return [...new Set(this.fencedLines.map((entry) => entry.pid))];
  }
}

function storeFile(dataDir: string, service: ProcessName): string {
  return join(dataDir, service, `${service}.events.sqlite`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Patients created alternately on each instance, once its copy of the access projection knows the practice. */
async function registerPatients(recordsUrls: readonly string[], token: string, cabinetId: string): Promise<string[]> {
  const patientIds: string[] = [];
  for (let index = 0; index < PATIENTS; index += 1) {
    const records = new HttpClient(recordsUrls[index % recordsUrls.length]!).withToken(token);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const answer = await records.post<{ patientId: string }>(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Jeanne', lastName: `PATIENT${index}`, birthDate: '1980-04-12' });
      if (answer.status === 201) {
        patientIds.push(answer.body.patientId);
        break;
      }
      // 404 or 403 until this instance's read models have applied the practice's creation.
      if ((answer.status !== 404 && answer.status !== 403) || Date.now() > deadline) throw new Error(`registering a patient answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      await sleep(200);
    }
  }
  return patientIds;
}

interface TopicAgainstStore {
  /** Distinct eventIds on the topic. */
  readonly distinct: number;
  /** Messages beyond the first of their eventId. */
  readonly copies: number;
  /** Store events of a type the topic carries that never reached it. */
  readonly missing: string[];
  /** EventIds on the topic that are no event of the store. */
  readonly unknown: string[];
  distinctOfType(type: string): number;
}

/**
 * Every message of the topic, against the service's store: each stored event of a type the
 * topic carries is on it (its envelope's eventId is the stored event's id), and nothing else is.
 */
async function publishedOnceInEffect(kafka: Kafka, topic: string, storePath: string): Promise<TopicAgainstStore> {
  const messages = await wholeTopic(kafka, topic);
  const typeOf = new Map<string, string>();
  for (const { eventId, type } of messages) typeOf.set(eventId, type);
  const published = new Set(typeOf.values());
  const store = SqliteEventStore.open(storePath);
  const stored = new Map<string, string>();
  try {
    for (let after: string | undefined; ; ) {
      const page = await store.readAll({ after, maxCount: 1_000 });
      if (page.length === 0) break;
      for (const event of page) stored.set(event.eventId, event.type);
      after = page[page.length - 1]!.position;
    }
  } finally {
    await store.close();
  }
  const missing = [...stored].filter(([eventId, type]) => published.has(type) && !typeOf.has(eventId)).map(([eventId, type]) => `${type} ${eventId}`);
  const unknown = [...typeOf.keys()].filter((eventId) => !stored.has(eventId));
  return {
    distinct: typeOf.size,
    copies: messages.length - typeOf.size,
    missing,
    unknown,
    distinctOfType: (type) => [...typeOf.values()].filter((each) => each === type).length,
  };
}

/** The eventId and type of every message of the topic, from its beginning to its end now. */
async function wholeTopic(kafka: Kafka, topic: string): Promise<Array<{ eventId: string; type: string }>> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const expected = sum(ends.map((end) => Number(end.high) - Number(end.low)));
  const found: Array<{ eventId: string; type: string }> = [];
  if (expected === 0) return found;
  const consumer = kafka.consumer({ groupId: `instances-suite-reader-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const deadline = Date.now() + 60_000;
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? '{}') as { eventId: string; type: string };
        found.push({ eventId: envelope.eventId, type: envelope.type });
      },
    });
    while (found.length < expected) {
      if (Date.now() > deadline) throw new Error(`read ${found.length} of the ${expected} messages of ${topic} within 60 s`);
      await sleep(100);
    }
  } finally {
    await consumer.disconnect();
  }
  return found;
}

/** The owner's ledger: one income line per completed consultation, with its fee, and nothing else. */
function expectExactLedger(completed: readonly CompletedConsultation[], entries: readonly LedgerEntry[], totals: { incomeCents: number; expenseCents: number; netCents: number }): void {
  const feeOf = new Map(completed.map(({ consultationId, feeCents }) => [consultationId, feeCents]));
  const linesOf = new Map<string | undefined, number[]>();
  for (const entry of entries) linesOf.set(entry.consultationId, [...(linesOf.get(entry.consultationId) ?? []), entry.amountCents]);
  const discrepancies: string[] = [];
  for (const [consultationId, feeCents] of feeOf) {
    const lines = linesOf.get(consultationId) ?? [];
    if (lines.length !== 1 || lines[0] !== feeCents) discrepancies.push(`${consultationId}: lines of ${JSON.stringify(lines)} cents, expected one of ${feeCents}`);
  }
  for (const [consultationId, lines] of linesOf) {
    if (!feeOf.has(consultationId as string)) discrepancies.push(`${String(consultationId)}: lines of ${JSON.stringify(lines)} cents, of no consultation completed`);
  }
  expect(discrepancies).toEqual([]);
  expect(entries.every((entry) => entry.kind === 'income' && entry.category === 'consultation')).toBe(true);
  expect(new Set(entries.map((entry) => entry.entryId)).size).toBe(completed.length);
  const fees = sum(completed.map(({ feeCents }) => feeCents));
  expect(totals).toEqual({ incomeCents: fees, expenseCents: 0, netCents: fees });
}
