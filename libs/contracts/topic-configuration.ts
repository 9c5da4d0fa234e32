/**
 * What consumers may rely on about the topics themselves, beside their messages: an event topic
 * keeps every message forever (a new consumer reads the whole history from its first message),
 * a dead-letter topic keeps its messages a set time. The Kafka adapter sets and checks these
 * (libs/messaging/kafka/kafka-topics.ts); the AsyncAPI document states them.
 */

/** Every topic has its dead-letter topic under the same prefix: `records.events` → `records.events.dead-letters`. */
export const DEAD_LETTER_TOPIC_SUFFIX = '.dead-letters';

/** Partitions of a topic the platform creates, unless KAFKA_TOPIC_PARTITIONS says otherwise. */
export const DEFAULT_TOPIC_PARTITIONS = 3;

/** How long a dead-letter topic keeps a message, unless KAFKA_DEAD_LETTER_RETENTION_DAYS says otherwise. */
export const DEFAULT_DEAD_LETTER_RETENTION_DAYS = 30;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The entries of a topic's configuration the platform sets and checks; every other is left as it is. */
export type RequiredTopicConfig = Readonly<Record<'cleanup.policy' | 'retention.ms' | 'retention.bytes', string>>;

/**
 * Kept forever, never compacted: two events of one stream share a key, and compaction would
 * keep only the last of them.
 */
export const EVENT_TOPIC_CONFIG: RequiredTopicConfig = { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' };

export function deadLetterTopicConfig(retentionMs: number = DEFAULT_DEAD_LETTER_RETENTION_DAYS * DAY_MS): RequiredTopicConfig {
  return { 'cleanup.policy': 'delete', 'retention.ms': String(retentionMs), 'retention.bytes': '-1' };
}
