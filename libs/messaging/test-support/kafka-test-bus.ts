/**
 * A KafkaEventBus for suites that run against the real broker the Jest global setup provides.
 * Timings are cut so a consumer joins, leaves and hands its partitions over in milliseconds.
 */
import { randomBytes } from 'node:crypto';
import { type IHeaders, Kafka, logLevel } from 'kafkajs';
import { type DeadLetter, deadLetterTopicOf, readDeadLetter } from '../dead-letters';
import { KafkaEventBus, type KafkaEventBusConfig } from '../kafka/kafka-event-bus';

export function kafkaBrokersFromEnvironment(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    throw new Error(
      'KAFKA_BROKERS is not set. Run the suites through `npm test` (its global setup starts Kafka), ' +
        'or start a broker (deploy/local/kafka.sh start) and export KAFKA_BROKERS=127.0.0.1:39092.',
    );
  }
  return brokers.split(',').map((broker) => broker.trim());
}

/** One per suite: every topic and group the suite touches is new to the broker. */
export function freshTopicPrefix(): string {
  return `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
}

export function kafkaTestBus(
  config: Pick<KafkaEventBusConfig, 'topicPrefix' | 'clientId'> & Partial<KafkaEventBusConfig>,
): KafkaEventBus {
  return new KafkaEventBus({
    brokers: kafkaBrokersFromEnvironment(),
    consumerTimings: {
      sessionTimeoutMs: 6_000, // the broker's minimum
      heartbeatIntervalMs: 500,
      rebalanceTimeoutMs: 3_000,
      maxWaitTimeMs: 100,
    },
    handlerRetry: { initialDelayMs: 20, maxDelayMs: 200 },
    ...config,
  });
}

/**
 * The dead letters of `topic`, read from its dead-letter topic with a plain kafkajs consumer (as
 * an operator's tool would) until `count` have arrived. Each call reads the topic from its start.
 */
export async function readDeadLettersFromKafka(topicPrefix: string, topic: string, count: number, timeoutMs = 20_000): Promise<DeadLetter[]> {
  const kafka = new Kafka({ brokers: kafkaBrokersFromEnvironment(), clientId: 'dead-letter-reader', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${topicPrefix}dead-letter-reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
  const read: DeadLetter[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topicPrefix + deadLetterTopicOf(topic)], fromBeginning: true });
    let allRead: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allRead = resolve));
    await consumer.run({
      eachMessage: async ({ message }) => {
        read.push(readDeadLetter({ key: message.key?.toString('utf8') ?? null, value: message.value, headers: stringHeaders(message.headers) }));
        if (read.length >= count) allRead();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Waited ${timeoutMs} ms for ${count} dead letters of ${topic}; got ${read.length}`)), timeoutMs);
    });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return read;
  } finally {
    await consumer.disconnect();
  }
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).flatMap(([name, value]) => {
      const last = Array.isArray(value) ? value[value.length - 1] : value;
      return last === undefined ? [] : [[name, last.toString()]];
    }),
  );
}
