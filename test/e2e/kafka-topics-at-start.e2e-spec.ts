import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { type Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers } from '@osteo/testing';
import { entryPoint } from '../../deploy/local/distributed-processes';
import { DIST_DIR, ensureFreshBuild } from '../support/distributed-platform';
import { temporaryDataDir } from '../support/embedded-platform';
import { kafkaProfile } from '../support/kafka-profile';

/**
 * A service process meeting a topic that would forget (one day of retention), as `node
 * dist/services/planning/main.js` runs over the suites' real Kafka and FerretDB: by default it
 * corrects the topic at start and says so, with KAFKA_TOPIC_RETENTION_CHECK=refuse it exits with
 * the message that says how to fix it. The process also names itself to the brokers: its consumer
 * groups' members carry planning's client id and its pid. Everything happens inside the test
 * bodies: kafkajs loads protocol modules lazily, which Jest 30 refuses between a test and its hooks.
 */
const DAY_MS = 86_400_000;

interface Outcome {
  readonly code: number | null;
  readonly output: string;
}

async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ brokers: kafkaBrokers(), clientId: 'kafka-topics-at-start', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** planning.events as an operator (or the broker's auto-creation, or an older version) left it. */
async function createForgetfulTopic(topic: string): Promise<void> {
  await withAdmin((admin) =>
    admin.createTopics({ topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: String(DAY_MS) }] }], waitForLeaders: true }),
  );
}

function startPlanning(env: Record<string, string>, dataDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [entryPoint(DIST_DIR, 'planning')], {
    env: {
      PATH: process.env.PATH,
      NO_COLOR: '1',
      ...env,
      DATA_DIR: dataDir,
      PORT: '0',
      OPERATOR_PORT: '0',
      JWT_SECRET: randomBytes(48).toString('base64url'),
      MAILER: 'outbox',
      SMS_SENDER: 'outbox',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function untilListeningOrExited(child: ChildProcess, output: () => string, timeoutMs = 90_000): Promise<Outcome> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return { code: child.exitCode, output: output() };
    if (output().includes('"msg":"planning listening"')) return { code: null, output: output() };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`planning neither listened nor exited within ${timeoutMs} ms:\n${output()}`);
}

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

describe('a service process meets a Kafka topic that would forget', () => {
  beforeAll(() => ensureFreshBuild(), 300_000);

  it('corrects it at start, logging what it found, and joins its groups under its own client id', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const prefix = profile.env.KAFKA_TOPIC_PREFIX!;
    await createForgetfulTopic(`${prefix}planning.events`);
    const planning = startPlanning(profile.env, dataDir.path);
    try {
      const outcome = await untilListeningOrExited(planning.child, planning.output);
      expect(outcome.code).toBeNull();

      const correction = outcome.output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: string; msg: string; topic?: string; found?: string; setTo?: string })
        .find((entry) => entry.msg.startsWith('Kafka topic configuration corrected'));
      expect(correction).toMatchObject({ level: 'error', topic: `${prefix}planning.events`, found: 'retention.ms=86400000 (1 day)', setTo: 'retention.ms=-1 (unlimited)' });
      const { resources } = await withAdmin((admin) =>
        admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: `${prefix}planning.events`, configNames: ['retention.ms'] }] }),
      );
      expect(resources[0]?.configEntries).toEqual([expect.objectContaining({ configName: 'retention.ms', configValue: '-1' })]);

      const { groups } = await withAdmin((admin) => admin.describeGroups([`${prefix}planning.read-models`, `${prefix}planning.patient-erasure`]));
      for (const group of groups) {
        expect({ group: group.groupId, clientIds: group.members.map((member) => member.clientId) }).toEqual({
          group: group.groupId,
          clientIds: [expect.stringMatching(new RegExp(`^osteo-planning-[A-Za-z0-9._-]+-${planning.child.pid}$`))],
        });
      }
    } finally {
      await stopped(planning.child);
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 180_000);

  it('with KAFKA_TOPIC_RETENTION_CHECK=refuse, exits with status 1 naming the topic, what it found, what is required and the command that fixes it', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const prefix = profile.env.KAFKA_TOPIC_PREFIX!;
    await createForgetfulTopic(`${prefix}planning.events`);
    const planning = startPlanning({ ...profile.env, KAFKA_TOPIC_RETENTION_CHECK: 'refuse' }, dataDir.path);
    try {
      const outcome = await untilListeningOrExited(planning.child, planning.output);

      expect(outcome.code).toBe(1);
      expect(outcome.output).toContain(
        `planning: Kafka topic ${prefix}planning.events has cleanup.policy=delete, retention.ms=86400000 (1 day), retention.bytes=-1; required: cleanup.policy=delete, retention.ms=-1 (unlimited), retention.bytes=-1.`,
      );
      expect(outcome.output).toContain(
        `kafka-configs.sh --bootstrap-server ${kafkaBrokers().join(',')} --alter --entity-type topics --entity-name ${prefix}planning.events --add-config cleanup.policy=delete,retention.ms=-1,retention.bytes=-1`,
      );
      const { resources } = await withAdmin((admin) =>
        admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: `${prefix}planning.events`, configNames: ['retention.ms'] }] }),
      );
      expect(resources[0]?.configEntries).toEqual([expect.objectContaining({ configName: 'retention.ms', configValue: String(DAY_MS) })]);
    } finally {
      await stopped(planning.child);
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 180_000);
});
