import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@osteo/contracts';
import { DistributedProcesses, type ProcessName, processSpecs } from '../../deploy/local/distributed-processes';
import { logIn, PASSWORD, registerMainAccount } from '../support/accounts';
import { DedicatedServers, type LocalServer } from '../support/dedicated-servers';
import { DIST_DIR, ensureFreshBuild, reserveFreePorts } from '../support/distributed-platform';
import { temporaryDataDir } from '../support/embedded-platform';
import { HttpClient } from '../support/http-client';
import { ConsultationStream, type PlannedConsultation, plannedConsultations, type Cabinet } from './consultation-stream';
import { committedOffsets, deadLettersUnder, drained, type LedgerEntry, type LedgerListing, quietLogger, RecentWarnings, seconds, sum, until, wholeLedger } from './fault-suite-support';

/**
 * Issue #5, item 4 (a) to (c): the ledgers stay exact, nothing lost and nothing counted twice,
 * while completed consultations of a substitute flow into accounting and
 *   (a) the Kafka broker stops and starts again,
 *   (b) the accounting process is killed with SIGKILL and started again,
 *   (c) FerretDB stops and starts again.
 *
 * What runs: a Kafka broker and a FerretDB server of this suite's own (never the shared ones,
 * which other suites use meanwhile), and, per scenario, the real identity and accounting
 * processes from dist/, as the distributed profile runs them, on fresh topic and database
 * prefixes. identity is there for real accounts and tokens; accounting is the service under
 * test. The consultations are ConsultationCompleted v1 envelopes published to records.events
 * as patient-records publishes them (consultation-stream.ts) at a steady rate; the fault is
 * injected once 40 % of them are acknowledged, while accounting is still applying the stream.
 * Once accounting's ledger group has committed everything on records.events, the ledgers are
 * read through accounting's HTTP API as the owner and as the substitute, and compared line by
 * line with what each consultation must write: the owner's income (the fee) and retrocession
 * expense, the substitute's income (the fee times the rate carried by the event, half-up, in
 * integer cents), three lines per consultation, no line id twice, and no dead letter.
 *
 * Not covered here: the crash safety of patient-records' own publisher (its outbox and
 * checkpoint; test/e2e/provisioning-outbox.e2e-spec.ts and libs/messaging/publisher's suites
 * cover the publisher), the other services' consumers under the same faults, several
 * accounting replicas sharing the group, corrections and deletions of consultations (the
 * projection's own suites replay those), and a broker or FerretDB killed with SIGKILL rather
 * than stopped (the scripts stop them with SIGTERM).
 *
 * kafkajs clients are opened and closed inside the test bodies: kafkajs loads protocol modules
 * lazily, which Jest 30 refuses between a test and its hooks.
 */

/** 5 000 per scenario (issue #5); FAULT_SUITE_CONSULTATIONS lowers it while working on the suite. */
const CONSULTATIONS = Number(process.env.FAULT_SUITE_CONSULTATIONS ?? 5_000);
if (!Number.isSafeInteger(CONSULTATIONS) || CONSULTATIONS < 10) {
  throw new Error(`FAULT_SUITE_CONSULTATIONS must be an integer of at least 10 (got "${process.env.FAULT_SUITE_CONSULTATIONS}")`);
}
/** Offered load, consultations per second: accounting keeps up with it on two cores when nothing fails. */
const OFFERED_PER_SECOND = 150;
const FAULT_AT_SHARE = 0.4;
/** How long a stopped server stays down: long enough for every client to notice. */
const DOWNTIME_MS = 3_000;
const DRAIN_TIMEOUT_MS = 180_000;
/**
 * Reading the 15 000 lines back page by page (200 a page, 75 requests) took 180 to 250 s on a
 * dedicated FerretDB while the rest of the suite ran beside it: FerretDB v1 scans the collection
 * for any filter but an `_id`, so a page after the first costs a scan (it cost two before the
 * count moved into the cursor). The scenario is given the time the reading takes, and no check is
 * relaxed; MongoDB answers these pages from the ledger's index.
 */
const SCENARIO_TIMEOUT_MS = 480_000;

const SERVICES: readonly ProcessName[] = ['identity', 'accounting'];
const LEDGER_GROUP = 'accounting.ledger';

describe(`ledgers stay exact while ${CONSULTATIONS} substitute consultations flow through faults (dedicated Kafka and FerretDB)`, () => {
  const dedicated = DedicatedServers.forSuite(ensureFreshBuild);
  /** The fault of scenarios (a) and (c): the server is down for DOWNTIME_MS, then back. */
  const downForAWhile = async (server: LocalServer): Promise<void> => {
    await dedicated().run(server, 'stop');
    await sleep(DOWNTIME_MS);
    await dedicated().run(server, 'start');
  };

  it(
    '(a) the broker stops and starts again mid-stream',
    () =>
      runScenario('broker', dedicated(), () => downForAWhile('kafka')),
    SCENARIO_TIMEOUT_MS,
  );

  it(
    '(b) the accounting process is killed with SIGKILL mid-stream and started again',
    () =>
      runScenario('accounting', dedicated(), async (processes) => {
        await processes.kill('accounting');
        await processes.restart('accounting');
      }),
    SCENARIO_TIMEOUT_MS,
  );

  it(
    '(c) FerretDB stops and starts again mid-stream',
    () =>
      runScenario('ferretdb', dedicated(), () => downForAWhile('ferretdb')),
    SCENARIO_TIMEOUT_MS,
  );
});

type Fault = (processes: DistributedProcesses) => Promise<void>;

async function runScenario(scenario: string, servers: DedicatedServers, fault: Fault): Promise<void> {
  const startedAt = Date.now();
  const dataDir = temporaryDataDir();
  const topicPrefix = `faults-${scenario}-${randomBytes(3).toString('hex')}.`;
  const env = {
    KAFKA_BROKERS: servers.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    MONGO_URL: servers.mongoUrl,
    MONGO_DATABASE_PREFIX: `faults_${scenario}_${randomBytes(3).toString('hex')}_`,
  };
  const warnings = new RecentWarnings();
  const processes = await startServices(env, dataDir.path, warnings);
  const stream = new ConsultationStream(servers.kafkaBrokers, topicPrefix, quietLogger);
  const kafka = new Kafka({ brokers: [servers.kafkaBrokers], clientId: 'fault-suite-observer', logLevel: logLevel.NOTHING });
  try {
    const identity = new HttpClient(processes.url('identity'));
    const accounting = new HttpClient(processes.url('accounting'));
    const owner = await registerMainAccount(identity, `owner.${scenario}@example.fr`, 'Dr Claire Martin');
    const substitute = await registerMainAccount(identity, `substitute.${scenario}@example.fr`, 'Paul Remplaçant');
    const asOwner = accounting.withToken(await logIn(identity, owner.email, PASSWORD));
    const asSubstitute = accounting.withToken(await logIn(identity, substitute.email, PASSWORD));
    const cabinet: Cabinet = { ownerId: owner.accountId, substituteId: substitute.accountId, cabinetId: `cabinet-${scenario}` };
    const consultations = plannedConsultations(scenario, CONSULTATIONS);
    const ready = Date.now();

    // Never rejects: a refused batch is sent again until the broker takes it.
    let publishedAt = 0;
    const publishing = stream.publish(consultations, cabinet, OFFERED_PER_SECOND).then(() => void (publishedAt = Date.now()));
    await until(() => stream.published >= FAULT_AT_SHARE * CONSULTATIONS);
    const appliedBeforeFault = await committedOffsets(kafka, topicPrefix + LEDGER_GROUP, topicPrefix + Topics.records);
    const faultStartedAt = Date.now();
    await fault(processes);
    const faultEndedAt = Date.now();
    await publishing;
    await drained(kafka, topicPrefix + LEDGER_GROUP, topicPrefix + Topics.records, DRAIN_TIMEOUT_MS);
    const drainedAt = Date.now();

    const ownerLedger = await wholeLedger(asOwner);
    const substituteLedger = await wholeLedger(asSubstitute);
    const readAt = Date.now();
    // The services create every dead-letter topic at start: what matters is that none holds a message.
    const deadLetters = await deadLettersUnder(kafka, topicPrefix);

    console.log(
      [
        `(${scenario}) ${CONSULTATIONS} consultations offered at ${OFFERED_PER_SECOND}/s;`,
        `${appliedBeforeFault} applied and committed when the fault began;`,
        `fault ${seconds(faultEndedAt - faultStartedAt)};`,
        `all published ${seconds(publishedAt - ready)} after the first (${stream.refusedBatches} batches refused and sent again);`,
        `all applied ${seconds(drainedAt - publishedAt)} later; ledgers read in ${seconds(readAt - drainedAt)};`,
        `${seconds(readAt - startedAt)} in all, ${seconds(ready - startedAt)} of it starting the processes and accounts`,
      ].join(' '),
    );

    // The fault happened mid-stream: some consultations had been applied, not all.
    expect(appliedBeforeFault).toBeGreaterThan(0);
    expect(appliedBeforeFault).toBeLessThan(CONSULTATIONS);
    expect(deadLetters).toEqual({});
    expectExactLedgers(consultations, ownerLedger, substituteLedger);
  } catch (error) {
    if (error instanceof Error) error.message += `\n\nThe services' last warnings and errors:\n${warnings.lines()}`;
    throw error;
  } finally {
    await stream.close();
    await processes.stop();
    dataDir.remove();
  }
}

async function startServices(env: Readonly<Record<string, string>>, dataDir: string, warnings: RecentWarnings): Promise<DistributedProcesses> {
  const names: ProcessName[] = ['identity', 'access-grant', 'planning', 'patient-records', 'accounting', 'gateway'];
  const ports = await reserveFreePorts(names.length);
  const layout = {
    distDir: DIST_DIR,
    dataDir,
    ports: Object.fromEntries(names.map((name, index) => [name, ports[index]])) as Record<ProcessName, number>,
    sharedEnv: { PATH: process.env.PATH, NO_COLOR: '1', JWT_SECRET: randomBytes(48).toString('base64url'), EMAIL_DIGEST_KEY: randomBytes(48).toString('base64url'), ...env },
  };
  return DistributedProcesses.start(
    processSpecs(layout).filter((spec) => SERVICES.includes(spec.name)),
    { onOutput: (name, line) => warnings.note(name, line) },
  );
}

function expectExactLedgers(consultations: readonly PlannedConsultation[], owner: LedgerListing, substitute: LedgerListing): void {
  const fees = sum(consultations.map((consultation) => consultation.feeCents));
  const retroceded = sum(consultations.map((consultation) => consultation.retrocededCents));
  const linesOf = (entries: readonly LedgerEntry[], kind: LedgerEntry['kind'], category: string) =>
    entries.filter((entry) => entry.kind === kind && entry.category === category);

  // Line by line: each consultation exactly once in each role, with its exact amount.
  expect(discrepancies(consultations, linesOf(owner.entries, 'income', 'consultation'), (consultation) => consultation.feeCents)).toEqual([]);
  expect(discrepancies(consultations, linesOf(owner.entries, 'expense', 'retrocession'), (consultation) => consultation.retrocededCents)).toEqual([]);
  expect(discrepancies(consultations, linesOf(substitute.entries, 'income', 'retrocession'), (consultation) => consultation.retrocededCents)).toEqual([]);

  // Three lines per consultation, no line id twice, and nothing else in either ledger.
  expect(owner.entries).toHaveLength(2 * consultations.length);
  expect(substitute.entries).toHaveLength(consultations.length);
  const entryIds = [...owner.entries, ...substitute.entries].map((entry) => entry.entryId);
  expect(new Set(entryIds).size).toBe(3 * consultations.length);

  // And the totals accounting computes itself.
  expect(owner.totals).toEqual({ incomeCents: fees, expenseCents: retroceded, netCents: fees - retroceded });
  expect(substitute.totals).toEqual({ incomeCents: retroceded, expenseCents: 0, netCents: retroceded });
}

/** One entry per consultation whose lines are not exactly one of the expected amount, and per line of no planned consultation. */
function discrepancies(
  consultations: readonly PlannedConsultation[],
  lines: readonly LedgerEntry[],
  expectedCents: (consultation: PlannedConsultation) => number,
): string[] {
  const amounts = new Map<string | undefined, number[]>();
  for (const line of lines) amounts.set(line.consultationId, [...(amounts.get(line.consultationId) ?? []), line.amountCents]);
  const found: string[] = [];
  for (const consultation of consultations) {
    const written = amounts.get(consultation.consultationId) ?? [];
    amounts.delete(consultation.consultationId);
    if (written.length !== 1 || written[0] !== expectedCents(consultation)) {
      found.push(`${consultation.consultationId}: lines of ${JSON.stringify(written)} cents, expected one of ${expectedCents(consultation)}`);
    }
  }
  for (const [consultationId, written] of amounts) found.push(`${String(consultationId)}: lines of ${JSON.stringify(written)} cents, of no consultation published`);
  return found;
}
