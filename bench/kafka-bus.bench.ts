/**
 * (b) Messages per second published and consumed through KafkaEventBus, end to end, against a
 * raw kafkajs producer and consumer doing the same work on the same broker.
 */
import { randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { KafkaEventBus } from '@osteo/messaging';
import type { Consumer, Kafka } from 'kafkajs';
import { createTopic, deleteTopicsAndGroups, rawHeaders, rawKafka, rawProducer, runUntilJoined } from './raw-kafka';
import { type BenchmarkReport, formatCount, ratioVerdict } from './report';
import { type BenchServers, uniqueName } from './servers';
import { median } from './statistics';

const MESSAGES = 50_000;
/** EventPublisher's default batch: what the outbox relay hands to `publish` at most. */
const BATCH_SIZE = 100;
/** KafkaEventBus's default for the topics it creates. */
const PARTITIONS = 3;
/** Message keys: order is per stream, so the key spread decides how evenly partitions fill. */
const STREAMS = 1_000;
/** A round takes seconds per client, and the build machines are shared: the median of several steadies it. */
const ROUNDS = 3;
const TARGET_RATIO = 0.8;
const TOPIC = 'bench.events';
const LIVE_GROUP = 'bench.live';
const REPLAY_GROUP = 'bench.replay';

/** Timings of one round. */
interface RoundTimings {
  /** From the first publish until the broker acknowledged the last batch. */
  readonly publishedMs: number;
  /** From the first publish until the consumer handled the last message. */
  readonly consumedMs: number;
  /** A second consumer group reading the filled topic: from joining to the last message. */
  readonly replayedMs: number;
}

/** One way of moving messages through a topic, with what each of its rounds measured. */
interface Contender {
  readonly name: string;
  readonly connect: (topicPrefix: string) => Promise<MessagingClient>;
  readonly rounds: RoundTimings[];
}

/** What a round needs from a contender, on a topic of its own. */
interface MessagingClient {
  /** Joins a new consumer group reading the topic from its beginning; resolves once joined. */
  subscribe(groupId: string, received: DeliveryCounter): Promise<void>;
  publish(batch: readonly IntegrationEnvelope[]): Promise<void>;
  close(): Promise<void>;
}

export async function benchmarkKafkaBus(servers: BenchServers): Promise<BenchmarkReport> {
  const envelopes = sampleEnvelopes();
  const runPrefix = `${uniqueName('bench_kafka')}.`;
  const kafka = rawKafka(servers.kafkaBrokers);
  const bus: Contender = { name: 'KafkaEventBus (publish, subscribe)', connect: async (prefix) => busClient(servers.kafkaBrokers, prefix), rounds: [] };
  const raw: Contender = { name: 'raw kafkajs (baseline)', connect: (prefix) => rawClient(kafka, prefix), rounds: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating who goes first cancels drift over the run (the broker's page cache, log segments).
      const order = round % 2 === 0 ? [bus, raw] : [raw, bus];
      for (const [turn, contender] of order.entries()) {
        contender.rounds.push(await measureRound(await contender.connect(`${runPrefix}${round}_${turn}.`), envelopes));
      }
    }
  } finally {
    await deleteTopicsAndGroups(kafka, runPrefix);
  }

  const rates = (contender: Contender, until: keyof RoundTimings) => contender.rounds.map((timings) => MESSAGES / (timings[until] / 1000));
  const rate = (contender: Contender, until: keyof RoundTimings) => median(rates(contender, until));
  // Each round measures both clients back to back, under the same load: its ratio is steadier
  // than one of medians taken over different moments.
  const ratio = (until: keyof RoundTimings) => median(bus.rounds.map((timings, round) => raw.rounds[round][until] / timings[until]));
  const row = (contender: Contender) => {
    const endToEnd = rates(contender, 'consumedMs');
    return [
      contender.name,
      formatCount(median(endToEnd)),
      `${formatCount(Math.min(...endToEnd))} – ${formatCount(Math.max(...endToEnd))}`,
      formatCount(rate(contender, 'publishedMs')),
      formatCount(rate(contender, 'replayedMs')),
    ];
  };
  const valueBytes = envelopes.reduce((total, envelope) => total + Buffer.byteLength(JSON.stringify(envelope)), 0) / envelopes.length;
  return {
    title: `Kafka bus: ${formatCount(MESSAGES)} messages published and consumed, end to end`,
    settings: [
      `${formatCount(MESSAGES)} envelopes (AccountRegistered, JSON values of ${Math.round(valueBytes)} bytes on average, 4 headers) keyed by ${STREAMS} stream ids, published in batches of ${BATCH_SIZE} (the outbox publisher's batch), one batch after the other, into a fresh topic of ${PARTITIONS} partitions. Producer and consumer share the bench process, as a service's publisher and projections share theirs.`,
      'End to end: from the first publish until the consumer has handled the last message. The consumer has joined its group and one warm-up message has gone through before the clock starts. Publishing alone: until the last batch is acknowledged, in the same run.',
      `Consuming a filled topic: afterwards, a second consumer group reads the ${formatCount(MESSAGES + 1)} messages now in the topic, from joining its group to the last message: what the consumer can do when no producer holds it back.`,
      'Producer on both sides: idempotent, maxInFlightRequests 1, acks -1, murmur2 (Java) partitioner, no compression.',
      "Consumer on both sides: kafkajs eachMessage, one message at a time with its offset resolved after its handler (the bus's delivery contract), and kafkajs defaults: minBytes 1, maxBytes 10 MB, 1 MB per partition, maxWaitTime 5 s, auto-commit after each batch, partitionsConsumedConcurrently 1. The bus's handler counts the envelope it is given; the raw handler JSON.parses the value, then counts.",
      `Median of ${ROUNDS} rounds; in each round both clients run back to back, alternating which goes first. Ratios are the median of the rounds' own ratios.`,
    ],
    table: {
      headers: ['client', 'end to end, messages/s', `range over ${ROUNDS} rounds`, 'publishing alone, messages/s', 'consuming a filled topic, messages/s'],
      rows: [row(bus), row(raw)],
    },
    verdicts: [
      ratioVerdict('KafkaEventBus / raw kafkajs, end to end', ratio('consumedMs'), TARGET_RATIO),
      `KafkaEventBus / raw kafkajs, publishing alone: ${ratio('publishedMs').toFixed(2)}; consuming a filled topic: ${ratio('replayedMs').toFixed(2)}`,
    ],
  };
}

/**
 * Times one round: a consumer group joins, one warm-up message goes through (the producer has
 * connected, the consumer is fetching), then the clock runs from the first publish to the last
 * delivery. Then a second group joins and reads the now filled topic: the consumer alone.
 */
async function measureRound(client: MessagingClient, envelopes: readonly IntegrationEnvelope[]): Promise<RoundTimings> {
  try {
    const live = new DeliveryCounter();
    await client.subscribe(LIVE_GROUP, live);
    await client.publish([sampleEnvelope(randomUUID(), 0)]);
    await live.reached(1);
    const started = performance.now();
    for (let offset = 0; offset < envelopes.length; offset += BATCH_SIZE) {
      await client.publish(envelopes.slice(offset, offset + BATCH_SIZE));
    }
    const publishedMs = performance.now() - started;
    await live.reached(1 + envelopes.length);
    const consumedMs = performance.now() - started;

    const replay = new DeliveryCounter();
    await client.subscribe(REPLAY_GROUP, replay);
    const replayStarted = performance.now();
    await replay.reached(1 + envelopes.length);
    return { publishedMs, consumedMs, replayedMs: performance.now() - replayStarted };
  } finally {
    await client.close();
  }
}

function busClient(brokers: readonly string[], topicPrefix: string): MessagingClient {
  const bus = new KafkaEventBus({ brokers, clientId: 'osteo-bench-bus', topicPrefix, partitions: PARTITIONS });
  return {
    subscribe: async (groupId, received) => {
      await bus.subscribe({ groupId, topics: [TOPIC], handle: async () => received.record() });
    },
    publish: (batch) =>
      bus.publish(
        TOPIC,
        batch.map((envelope) => ({ key: envelope.streamId, envelope })),
      ),
    close: () => bus.close(),
  };
}

async function rawClient(kafka: Kafka, topicPrefix: string): Promise<MessagingClient> {
  const topic = topicPrefix + TOPIC;
  await createTopic(kafka, topic, PARTITIONS);
  const producer = rawProducer(kafka);
  await producer.connect();
  const consumers: Consumer[] = [];
  return {
    subscribe: async (groupId, received) => {
      const consumer = kafka.consumer({ groupId: topicPrefix + groupId, allowAutoTopicCreation: false });
      consumers.push(consumer);
      await runUntilJoined(consumer, topic, {
        eachMessage: async ({ message }) => {
          JSON.parse(message.value?.toString('utf8') ?? '');
          received.record();
        },
      });
    },
    publish: async (batch) => {
      await producer.send({
        topic,
        acks: -1,
        messages: batch.map((envelope) => ({ key: envelope.streamId, value: JSON.stringify(envelope), headers: rawHeaders(envelope) })),
      });
    },
    close: async () => {
      await Promise.all([...consumers.map((consumer) => consumer.disconnect()), producer.disconnect()]);
    },
  };
}

/** Counts deliveries; one caller at a time waits for a count to be reached. */
class DeliveryCounter {
  private count = 0;
  private waiter: { readonly count: number; readonly resolve: () => void } | undefined;

  record(): void {
    this.count++;
    if (this.waiter !== undefined && this.count >= this.waiter.count) {
      this.waiter.resolve();
      this.waiter = undefined;
    }
  }

  reached(count: number): Promise<void> {
    if (this.count >= count) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = { count, resolve }));
  }
}

function sampleEnvelopes(): IntegrationEnvelope[] {
  const streams = Array.from({ length: STREAMS }, () => ({ accountId: randomUUID(), nextRevision: 0 }));
  return Array.from({ length: MESSAGES }, (_, index) => {
    const stream = streams[index % STREAMS];
    return sampleEnvelope(stream.accountId, stream.nextRevision++);
  });
}

function sampleEnvelope(accountId: string, revision: number): IntegrationEnvelope {
  return {
    eventId: randomUUID(),
    type: 'AccountRegistered',
    version: 1,
    streamId: `account-${accountId}`,
    revision,
    occurredAt: new Date().toISOString(),
    actorId: accountId,
    correlationId: randomUUID(),
    causationId: null,
    data: {
      accountId,
      email: `practitioner.${accountId.slice(0, 8)}@cabinet-osteo.example.fr`,
      displayName: 'Dr Claire Martin',
      kind: 'main',
      mustChangePassword: false,
    },
  };
}
