/**
 * The baselines' Kafka client: kafkajs used directly, configured as KafkaEventBus configures its
 * own producer (libs/messaging/kafka/kafka-event-bus.ts), so that the comparison measures the
 * bus's code and not different delivery guarantees.
 */
import type { IntegrationEnvelope } from '@osteo/contracts';
import { type Consumer, type ConsumerRunConfig, type IHeaders, Kafka, KafkaJSDeleteGroupsError, logLevel, Partitioners, type Producer } from 'kafkajs';

export function rawKafka(brokers: readonly string[]): Kafka {
  return new Kafka({ brokers: [...brokers], clientId: 'osteo-bench-raw', logLevel: logLevel.WARN });
}

/** Idempotent, one request in flight, Java's partitioner: the bus's settings. Sends use acks -1. */
export function rawProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** The headers a raw client would set for infrastructure, the same ones the bus writes. */
export function rawHeaders(envelope: IntegrationEnvelope): IHeaders {
  const headers: IHeaders = {
    'event-type': envelope.type,
    'event-id': envelope.eventId,
    'event-version': String(envelope.version),
  };
  if (envelope.correlationId !== null) headers['correlation-id'] = envelope.correlationId;
  if (envelope.causationId !== null) headers['causation-id'] = envelope.causationId;
  return headers;
}

export async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** Subscribes a consumer that has not run yet, runs it, and resolves once it has joined its group. */
export async function runUntilJoined(consumer: Consumer, topic: string, handlers: ConsumerRunConfig): Promise<void> {
  const joined = new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.GROUP_JOIN, () => resolve());
    consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
  });
  const running = (async () => {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run(handlers);
  })();
  await Promise.all([running, joined]);
}

/**
 * Leaves the shared broker as it was: the run's consumer groups go, then its topics. Groups
 * first, because deleting a topic also drops the offsets that keep an empty group listed.
 */
export async function deleteTopicsAndGroups(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const groupIds = groups.map(({ groupId }) => groupId).filter((groupId) => groupId.startsWith(prefix));
    if (groupIds.length > 0) await admin.deleteGroups(groupIds).catch(unlessEveryGroupIsGone);
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/** A group the broker forgot between listing and deleting it is already what we want. */
function unlessEveryGroupIsGone(error: unknown): void {
  const gone = error instanceof KafkaJSDeleteGroupsError && error.groups.every((group) => group.error?.type === 'GROUP_ID_NOT_FOUND');
  if (!gone) throw error;
}
