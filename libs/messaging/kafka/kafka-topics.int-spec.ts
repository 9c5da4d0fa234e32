/**
 * Topic configuration against the suites' real broker: what the bus creates, what it corrects at
 * start and what it refuses. Every topic is under a fresh prefix.
 * Everything happens inside the test bodies: kafkajs loads protocol modules lazily, which Jest 30
 * refuses between a test and its hooks.
 */
import { type Admin, ConfigResourceTypes, ConfigSource, Kafka, logLevel } from 'kafkajs';
import type { MessagingLogger } from '../messaging-logger';
import { freshTopicPrefix, kafkaBrokersFromEnvironment, kafkaTestBus } from '../test-support/kafka-test-bus';
import { ReplicationFactorError, TopicConfigurationError } from './kafka-topics';

const DAY_MS = 86_400_000;
const topicPrefix = freshTopicPrefix();

interface LoggedEntry {
  readonly level: string;
  readonly message: string;
  readonly context: Readonly<Record<string, unknown>>;
}

function recordingLogger(): { logger: MessagingLogger; entries: LoggedEntry[] } {
  const entries: LoggedEntry[] = [];
  return { entries, logger: { log: (level, message, context = {}) => void entries.push({ level, message, context }) } };
}

async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ brokers: kafkaBrokersFromEnvironment(), clientId: 'kafka-topics-int-spec', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** The entries the bus sets, as the broker reports them (its default where the topic has none). */
async function retentionOf(admin: Admin, topic: string): Promise<Record<string, string>> {
  const names = ['cleanup.policy', 'retention.ms', 'retention.bytes', 'max.message.bytes'];
  const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topicPrefix + topic, configNames: names }] });
  return Object.fromEntries((resources[0]?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue]));
}

async function partitionsOf(admin: Admin, topic: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topicPrefix + topic] });
  return topics[0]?.partitions.length ?? 0;
}

/** As an operator (or an earlier version, or the broker's auto-creation) would have made it. */
async function createByHand(admin: Admin, topic: string, configEntries: Record<string, string>): Promise<void> {
  await admin.createTopics({
    topics: [{ topic: topicPrefix + topic, numPartitions: 2, configEntries: Object.entries(configEntries).map(([name, value]) => ({ name, value })) }],
    waitForLeaders: true,
  });
}

const noop = async (): Promise<void> => undefined;

describe('Kafka topics: retention, partitions, replication', () => {
  it('creates an event topic that keeps everything, with the configured partitions, and its dead-letter topic with the configured retention', async () => {
    const bus = kafkaTestBus({ clientId: 'fresh-topics', topicPrefix, partitions: 5, deadLetterRetentionMs: 2 * DAY_MS });
    try {
      await bus.subscribe({ groupId: 'fresh', topics: ['fresh.events'], handle: noop });
      await bus.prepareTopics(['published.events']);

      await withAdmin(async (admin) => {
        for (const topic of ['fresh.events', 'published.events']) {
          expect({ topic, config: await retentionOf(admin, topic) }).toMatchObject({
            topic,
            config: { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' },
          });
          expect({ topic, partitions: await partitionsOf(admin, topic) }).toEqual({ topic, partitions: 5 });
        }
        expect(await retentionOf(admin, 'fresh.events.dead-letters')).toMatchObject({ 'cleanup.policy': 'delete', 'retention.ms': String(2 * DAY_MS), 'retention.bytes': '-1' });
        expect(await partitionsOf(admin, 'fresh.events.dead-letters')).toBe(5);
      });
    } finally {
      await bus.close();
    }
  });

  it('corrects at start an event topic found keeping one day and a dead-letter topic keeping another time, loudly, keeping their other settings and partitions', async () => {
    await withAdmin(async (admin) => {
      await createByHand(admin, 'forgetful.events', { 'retention.ms': String(DAY_MS), 'retention.bytes': '1073741824', 'max.message.bytes': '2000000' });
      await createByHand(admin, 'forgetful.events.dead-letters', { 'retention.ms': String(7 * DAY_MS) });
    });
    const { logger, entries } = recordingLogger();
    const bus = kafkaTestBus({ clientId: 'forgetful-topics', topicPrefix, logger, deadLetterRetentionMs: 30 * DAY_MS });
    try {
      await bus.subscribe({ groupId: 'forgetful', topics: ['forgetful.events'], handle: noop });

      await withAdmin(async (admin) => {
        expect(await retentionOf(admin, 'forgetful.events')).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1', 'max.message.bytes': '2000000' });
        expect(await retentionOf(admin, 'forgetful.events.dead-letters')).toMatchObject({ 'retention.ms': String(30 * DAY_MS) });
        // An existing topic's partitions are never changed: that would move keys between partitions.
        expect(await partitionsOf(admin, 'forgetful.events')).toBe(2);
      });
      const corrections = entries.filter((entry) => entry.level === 'error' && entry.message.startsWith('Kafka topic configuration corrected'));
      expect(corrections.map((entry) => entry.context)).toEqual(
        expect.arrayContaining([
          { topic: `${topicPrefix}forgetful.events`, found: 'retention.ms=86400000 (1 day), retention.bytes=1073741824', setTo: 'retention.ms=-1 (unlimited), retention.bytes=-1' },
          { topic: `${topicPrefix}forgetful.events.dead-letters`, found: 'retention.ms=604800000 (7 days)', setTo: 'retention.ms=2592000000 (30 days)' },
        ]),
      );
      expect(entries).toContainEqual(
        expect.objectContaining({ level: 'warn', context: { topic: `${topicPrefix}forgetful.events`, partitions: 2, configured: 3 } }),
      );
    } finally {
      await bus.close();
    }
  });

  it("sets the configuration on a topic that has it right only through the brokers' defaults, so that changing those cannot cut it", async () => {
    await withAdmin((admin) => createByHand(admin, 'defaulted.events', { 'retention.ms': '-1' }));
    const { logger, entries } = recordingLogger();
    const bus = kafkaTestBus({ clientId: 'defaulted-topics', topicPrefix, logger });
    try {
      await bus.prepareTopics(['defaulted.events']);

      const sources = await withAdmin(async (admin) => {
        const { resources } = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: `${topicPrefix}defaulted.events`, configNames: ['cleanup.policy', 'retention.ms', 'retention.bytes'] }],
        });
        return Object.fromEntries((resources[0]?.configEntries ?? []).map((entry) => [entry.configName, [entry.configValue, entry.configSource]]));
      });
      expect(sources).toEqual({ 'cleanup.policy': ['delete', ConfigSource.TOPIC_CONFIG], 'retention.ms': ['-1', ConfigSource.TOPIC_CONFIG], 'retention.bytes': ['-1', ConfigSource.TOPIC_CONFIG] });
      expect(entries).toContainEqual(expect.objectContaining({ level: 'warn', context: { topic: `${topicPrefix}defaulted.events`, set: 'cleanup.policy, retention.bytes' } }));
      expect(entries.filter((entry) => entry.level === 'error')).toEqual([]);
    } finally {
      await bus.close();
    }
  });

  it('with KAFKA_TOPIC_RETENTION_CHECK=refuse, refuses to start on an event topic keeping one day, saying what it found, what is required and how to fix it', async () => {
    await withAdmin((admin) => createByHand(admin, 'kept-a-day.events', { 'retention.ms': String(DAY_MS) }));
    const bus = kafkaTestBus({ clientId: 'refusing-topics', topicPrefix, retentionCheck: 'refuse' });
    try {
      const refusal = bus.subscribe({ groupId: 'refusing', topics: ['kept-a-day.events'], handle: noop });

      await expect(refusal).rejects.toBeInstanceOf(TopicConfigurationError);
      const { message } = (await refusal.catch((error: unknown) => error)) as Error;
      const topic = `${topicPrefix}kept-a-day.events`;
      expect(message).toContain(`Kafka topic ${topic} has cleanup.policy=delete, retention.ms=86400000 (1 day), retention.bytes=-1`);
      expect(message).toContain('required: cleanup.policy=delete, retention.ms=-1 (unlimited), retention.bytes=-1');
      expect(message).toContain('KAFKA_TOPIC_RETENTION_CHECK=refuse');
      expect(message).toContain(
        `kafka-configs.sh --bootstrap-server ${kafkaBrokersFromEnvironment().join(',')} --alter --entity-type topics --entity-name ${topic} --add-config cleanup.policy=delete,retention.ms=-1,retention.bytes=-1`,
      );
      // Refused, not touched: the operator decides.
      await withAdmin(async (admin) => expect(await retentionOf(admin, 'kept-a-day.events')).toMatchObject({ 'retention.ms': String(DAY_MS) }));
    } finally {
      await bus.close();
    }
  });

  it('refuses a replication factor larger than the cluster, naming the variable, and creates with one the cluster has', async () => {
    const brokerCount = await withAdmin(async (admin) => (await admin.describeCluster()).brokers.length);
    const tooMany = kafkaTestBus({ clientId: 'too-many-replicas', topicPrefix, replicationFactor: brokerCount + 1 });
    const enough = kafkaTestBus({ clientId: 'enough-replicas', topicPrefix, replicationFactor: brokerCount });
    try {
      const refusal = tooMany.prepareTopics(['over-replicated.events']);
      await expect(refusal).rejects.toBeInstanceOf(ReplicationFactorError);
      await expect(refusal).rejects.toThrow(`Set KAFKA_REPLICATION_FACTOR to ${brokerCount} or less`);

      await enough.prepareTopics(['replicated.events']);
      const { topics } = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: [`${topicPrefix}replicated.events`] }));
      expect(topics[0]?.partitions.map((partition) => partition.replicas.length)).toEqual([brokerCount, brokerCount, brokerCount]);
    } finally {
      await tooMany.close();
      await enough.close();
    }
  });
});
