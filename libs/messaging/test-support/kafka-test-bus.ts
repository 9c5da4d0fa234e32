/**
 * A KafkaEventBus for suites that run against the real broker the Jest global setup provides.
 * Timings are cut so a consumer joins, leaves and hands its partitions over in milliseconds.
 */
import { randomBytes } from 'node:crypto';
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
