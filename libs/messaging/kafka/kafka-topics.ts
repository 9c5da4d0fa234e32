/**
 * What the topics the bus uses must be, and the check that makes them so. An event topic is the
 * platform's history: a consumer group with no offset reads it from its first message, which is
 * how every read model fed by it is built and rebuilt. A broker's default retention (7 days)
 * would silently cut that history, so each event topic carries its own configuration: kept
 * forever, never compacted (two events of one stream share a key; compaction would keep only the
 * last). Dead-letter topics keep a set time instead: they are read by operators, then re-driven.
 *
 * The configuration is set when the bus creates a topic, and checked whenever a bus meets a topic
 * for the first time (every start): a topic created by hand, by an earlier version or by the
 * broker's auto-creation is corrected, or, if the operator asked so, the service refuses to start.
 */
import {
  DAY_MS,
  deadLetterTopicConfig,
  DEFAULT_DEAD_LETTER_RETENTION_DAYS,
  DEFAULT_TOPIC_PARTITIONS,
  EVENT_TOPIC_CONFIG,
  type RequiredTopicConfig,
} from '@osteo/contracts';
import { type Admin, ConfigResourceTypes, ConfigSource } from 'kafkajs';
import { DEAD_LETTER_TOPIC_SUFFIX } from '../dead-letters';
import type { MessagingLogger } from '../messaging-logger';

/** What to do with a topic whose configuration is not the one required. */
export type TopicRetentionCheck = 'correct' | 'refuse';

export interface KafkaTopicSettings {
  /** Partitions of the topics this bus creates; default 3. An existing topic keeps its own. */
  readonly partitions?: number;
  /** Replicas of the topics this bus creates; default: the broker's `default.replication.factor`. */
  readonly replicationFactor?: number;
  /** How long dead-letter topics keep a message; default 30 days. */
  readonly deadLetterRetentionMs?: number;
  /** Default 'correct': the bus alters the topic's configuration and logs it as an error. */
  readonly retentionCheck?: TopicRetentionCheck;
}

export const DEFAULT_PARTITIONS = DEFAULT_TOPIC_PARTITIONS;
export { DEFAULT_DEAD_LETTER_RETENTION_DAYS };

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_TOPIC_SUFFIX);
}

/** `topic` is the logical name (without the deployment's prefix). */
export function requiredTopicConfig(topic: string, settings: KafkaTopicSettings): RequiredTopicConfig {
  return isDeadLetterTopic(topic) ? deadLetterTopicConfig(settings.deadLetterRetentionMs) : EVENT_TOPIC_CONFIG;
}

/** A topic whose configuration differs from the required one, found while KAFKA_TOPIC_RETENTION_CHECK=refuse. */
export class TopicConfigurationError extends Error {
  constructor(
    readonly topic: string,
    readonly found: Readonly<Record<string, string>>,
    readonly required: RequiredTopicConfig,
    brokers: readonly string[],
  ) {
    const kind = isDeadLetterTopic(topic) ? 'A dead-letter topic keeps its messages for KAFKA_DEAD_LETTER_RETENTION_DAYS' : 'An event topic must keep every message forever';
    super(
      `Kafka topic ${topic} has ${describeConfig(found)}; required: ${describeConfig(required)}. ${kind}. ` +
        'The service refuses to start because KAFKA_TOPIC_RETENTION_CHECK=refuse. Fix the topic, then start again:\n' +
        `  kafka-configs.sh --bootstrap-server ${brokers.join(',')} --alter --entity-type topics --entity-name ${topic} --add-config ${configArgument(required)}\n` +
        'or unset KAFKA_TOPIC_RETENTION_CHECK (default: correct) to let the service correct it at start.',
    );
    this.name = 'TopicConfigurationError';
  }
}

/** A replication factor the cluster cannot give (more replicas than brokers). */
export class ReplicationFactorError extends Error {
  constructor(topic: string, replicationFactor: number, brokerCount: number) {
    super(
      `Cannot create Kafka topic ${topic} with ${replicationFactor} replicas: the cluster has ${brokerCount} broker${brokerCount === 1 ? '' : 's'}. ` +
        `Set KAFKA_REPLICATION_FACTOR to ${brokerCount} or less (unset: the broker's default.replication.factor).`,
    );
    this.name = 'ReplicationFactorError';
  }
}

/**
 * Creates the topic with the required configuration, or checks the existing one's and corrects
 * it (or refuses). `topic` is the full name, prefix included; `logicalTopic` decides which
 * configuration applies.
 */
export async function ensureTopicConfigured(
  admin: Admin,
  topic: string,
  logicalTopic: string,
  settings: KafkaTopicSettings,
  context: { readonly brokers: readonly string[]; readonly logger: MessagingLogger },
): Promise<void> {
  const required = requiredTopicConfig(logicalTopic, settings);
  const partitions = settings.partitions ?? DEFAULT_PARTITIONS;
  // Asking first keeps restarts quiet: kafkajs logs an existing topic's creation as an error.
  if (!(await admin.listTopics()).includes(topic)) {
    if (settings.replicationFactor !== undefined) {
      const { brokers } = await admin.describeCluster();
      if (settings.replicationFactor > brokers.length) throw new ReplicationFactorError(topic, settings.replicationFactor, brokers.length);
    }
    // Resolves `false` when another client created it meanwhile: then it is checked below.
    const created = await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: partitions,
          ...(settings.replicationFactor === undefined ? {} : { replicationFactor: settings.replicationFactor }),
          configEntries: Object.entries(required).map(([name, value]) => ({ name, value })),
        },
      ],
      waitForLeaders: true,
    });
    if (created) return;
  }
  await checkExistingTopic(admin, topic, required, partitions, { ...context, retentionCheck: settings.retentionCheck ?? 'correct' });
}

async function checkExistingTopic(
  admin: Admin,
  topic: string,
  required: RequiredTopicConfig,
  partitions: number,
  context: { readonly brokers: readonly string[]; readonly logger: MessagingLogger; readonly retentionCheck: TopicRetentionCheck },
): Promise<void> {
  const entries = await topicConfigEntries(admin, topic);
  const found = Object.fromEntries(Object.keys(required).map((name) => [name, entries.find((entry) => entry.configName === name)?.configValue ?? '(unknown)']));
  const differing = Object.entries(required).filter(([name, value]) => found[name] !== value);
  if (differing.length > 0 && context.retentionCheck === 'refuse') throw new TopicConfigurationError(topic, found, required, context.brokers);
  // Right only through the brokers' defaults: right until someone changes those, so set on the topic too.
  const unpinned = Object.keys(required).filter((name) => entries.find((entry) => entry.configName === name)?.configSource !== ConfigSource.TOPIC_CONFIG);
  if (differing.length > 0 || (unpinned.length > 0 && context.retentionCheck === 'correct')) {
    // Legacy AlterConfigs replaces the topic's whole set of overrides (kafkajs 2.2.4 has no
    // incremental form): the overrides it has are sent back with the required entries on top.
    const overrides = entries.filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG && !entry.isSensitive && !(entry.configName in required));
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [...overrides.map((entry) => ({ name: entry.configName, value: entry.configValue })), ...Object.entries(required).map(([name, value]) => ({ name, value }))],
        },
      ],
    });
    if (differing.length > 0) {
      context.logger.log('error', 'Kafka topic configuration corrected: it would have deleted messages the platform must keep', {
        topic,
        found: describeConfig(Object.fromEntries(differing.map(([name]) => [name, found[name] ?? '']))),
        setTo: describeConfig(Object.fromEntries(differing)),
      });
    } else {
      context.logger.log('warn', "Kafka topic configuration set on the topic: it held only through the brokers' defaults", { topic, set: unpinned.join(', ') });
    }
  }
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
  if (metadata !== undefined && metadata.partitions.length !== partitions) {
    // Never changed by the bus: adding partitions moves keys and breaks their order (docs/operations.md).
    context.logger.log('warn', 'Kafka topic has another partition count than KAFKA_TOPIC_PARTITIONS; left as it is', {
      topic,
      partitions: metadata.partitions.length,
      configured: partitions,
    });
  }
}

async function topicConfigEntries(admin: Admin, topic: string) {
  const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
  const [resource] = described.resources;
  if (resource === undefined || resource.errorCode !== 0) {
    throw new Error(`Could not describe the configuration of Kafka topic ${topic}: ${resource?.errorMessage ?? 'no answer'}`);
  }
  return resource.configEntries;
}

function describeConfig(config: Readonly<Record<string, string>>): string {
  return Object.entries(config)
    .map(([name, value]) => `${name}=${value}${name === 'retention.ms' ? ` (${readableDuration(value)})` : ''}`)
    .join(', ');
}

function configArgument(config: RequiredTopicConfig): string {
  return Object.entries(config)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
}

function readableDuration(milliseconds: string): string {
  const value = Number(milliseconds);
  if (value < 0) return 'unlimited';
  if (!Number.isFinite(value)) return 'unknown';
  const days = value / DAY_MS;
  if (days >= 1) return `${Number(days.toFixed(2))} day${days === 1 ? '' : 's'}`;
  return `${Number((value / 3_600_000).toFixed(2))} hours`;
}
