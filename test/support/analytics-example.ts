import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { type IntegrationEnvelope, type LedgerLineWrittenV1, Topics } from '@osteo/contracts';
import { contractCheckOf } from '@osteo/messaging';

const REPO_ROOT = resolve(__dirname, '..', '..');
const EXAMPLE_MAIN = join(REPO_ROOT, 'dist', 'examples', 'analytics', 'main.js');

/** What examples/analytics prints (its figures-report.ts), as the suites read it. */
export interface ExampleFigures {
  readonly receiptsCents: number;
  readonly retrocededFeesCents: number;
  readonly otherExpensesCents: number;
  readonly netCents: number;
  readonly lines: number;
}
export interface ExampleReport {
  readonly topic: string | null;
  readonly groupId: string | null;
  readonly countedEvents: number;
  readonly parkedEvents: { parkedId: string; type: string | null; version: number | null; reason: string }[];
  readonly accounts: (ExampleFigures & {
    holderId: string;
    byCabinet: (ExampleFigures & { cabinetId: string })[];
    byMonth: (ExampleFigures & { month: string })[];
    byCabinetAndMonth: (ExampleFigures & { cabinetId: string; month: string })[];
  })[];
}

export interface ExampleRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Compiles the example alone with its own tsconfig (examples/analytics/tsconfig.json), as
 * `npm run example:analytics` does, so the suite runs the JavaScript a user runs.
 */
export function buildAnalyticsExample(): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO_ROOT, 'examples', 'analytics')], { cwd: REPO_ROOT, stdio: 'pipe' });
}

/** `node dist/examples/analytics/main.js <args>` as a child process; started, not awaited. */
export function startAnalyticsExample(args: readonly string[]): { child: ChildProcess; finished: Promise<ExampleRun>; stderr(): string } {
  const child = spawn(process.execPath, [EXAMPLE_MAIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = once(child, 'close').then(([status]) => ({ status: status as number | null, stdout, stderr }));
  return { child, finished, stderr: () => stderr };
}

/** Runs the example to its end (`--once`, `report`) and fails with its own words if it did not exit 0. */
export async function runAnalyticsExample(args: readonly string[]): Promise<ExampleReport> {
  const run = await startAnalyticsExample(args).finished;
  if (run.status !== 0) throw new Error(`analytics example ${args.join(' ')} exited with ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as ExampleReport;
}

/** A line as accounting would publish it: the fields that vary, the rest filled in plausibly. */
export type HandMadeLine = Pick<LedgerLineWrittenV1, 'lineId' | 'holderId' | 'cabinetId' | 'date' | 'figure' | 'figureCents'> & Partial<LedgerLineWrittenV1>;

/**
 * A LedgerLineWritten v1 envelope, checked against the contract's own JSON Schema so that the
 * suite never feeds the example something accounting could not publish. The event id is the
 * line's, so the same line sent twice carries the same id, as the contract promises.
 */
export function ledgerLineWritten(line: HandMadeLine, version = 1): IntegrationEnvelope<'LedgerLineWritten', LedgerLineWrittenV1> {
  const reverses = line.figureCents < 0;
  const data: LedgerLineWrittenV1 = {
    kind: (line.figure === 'receipts') !== reverses ? 'income' : 'expense',
    category: reverses ? 'correction' : 'manual',
    amountCents: Math.abs(line.figureCents),
    paymentMethod: 'card',
    counterpartyAccountId: null,
    consultationId: null,
    patientName: null,
    reversesLineId: reverses ? `${line.lineId}-reversed` : null,
    recordedAt: `${line.date}T10:00:00.000Z`,
    ...line,
  };
  if (version === 1) {
    const problem = contractCheckOf('LedgerLineWritten', 1)(data);
    if (problem) throw new Error(`hand-made line ${line.lineId} breaks the contract: ${problem}`);
  }
  return {
    eventId: `line-${line.lineId}`,
    type: 'LedgerLineWritten',
    version,
    streamId: `ledger-${line.holderId}`,
    revision: 0,
    occurredAt: data.recordedAt,
    actorId: null,
    correlationId: null,
    causationId: null,
    data,
  };
}

/** Sends messages to `<prefix>accounting.events` keyed by stream, and again after a pause while the broker refuses them. */
export async function publishToAccountingEvents(
  brokers: string,
  topicPrefix: string,
  messages: readonly { key: string; value: string }[],
  keepTrying: () => boolean = () => true,
): Promise<void> {
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'analytics-example-suite', logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  for (;;) {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    try {
      await producer.connect();
      await producer.send({ topic: `${topicPrefix}${Topics.accounting}`, messages: [...messages] });
      return;
    } catch (error) {
      // The broker may be down for a while (test/faults): the same messages again after a pause.
      if (!keepTrying()) throw error;
      await sleep(500);
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }
}

export const asMessage = (envelope: IntegrationEnvelope): { key: string; value: string } => ({ key: envelope.streamId, value: JSON.stringify(envelope) });

/** Creates `<prefix>accounting.events` with three partitions, as the platform would. */
export async function createAccountingTopic(brokers: string, topicPrefix: string): Promise<void> {
  const admin = new Kafka({ brokers: brokers.split(','), clientId: 'analytics-example-suite', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic: `${topicPrefix}${Topics.accounting}`, numPartitions: 3 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** Removes every topic of a prefix (its groups expire with the broker's offsets retention). */
export async function removeTopicsOf(brokers: string, topicPrefix: string): Promise<void> {
  const admin = new Kafka({ brokers: brokers.split(','), clientId: 'analytics-example-suite', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(topicPrefix));
    if (topics.length) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
