/**
 * The EventBus on Kafka through kafkajs 2.2.4: an idempotent producer, one consumer per
 * subscription whose committed offset never passes a message not yet handled (committed every
 * COMMIT_EVERY_MESSAGES, so a crash replays a hundred, not a batch), and dead letters for what can
 * never be applied. Why each choice: docs/adr/0005-at-least-once-delivery.md.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type KafkaMessage,
  type IHeaders,
  Kafka,
  KafkaJSError,
  type logCreator,
  logLevel,
  Partitioners,
  type Producer,
} from 'kafkajs';
import {
  type DeadLetter,
  deadLetterHeaders,
  type DeadLetterObserver,
  deadLetterTopicOf,
  type UnprocessableMessageError,
} from '../dead-letters';
import type { BusSubscription, IncomingMessage, OutgoingMessage, SubscribeOptions } from '../event-bus';
import { EventBus } from '../event-bus';
import {
  BATCH_HANDLER_FAILED,
  batchHandled,
  DEFAULT_HANDLER_RETRY,
  handleUntilSettled,
  handleUntilSuccess,
  type HandlingOptions,
  type RetryBackoff,
  SubscriptionClosedError,
} from '../handler-retry';
import { type MessagingLogger, type MessagingLogLevel, stderrJsonLogger } from '../messaging-logger';
import { decodeEnvelope, encodeEnvelope, headersFor } from '../wire-format';
import { DEFAULT_PARTITIONS, ensureTopicConfigured, type KafkaTopicSettings } from './kafka-topics';

export {
  DEFAULT_DEAD_LETTER_RETENTION_DAYS,
  DEFAULT_PARTITIONS,
  type KafkaTopicSettings,
  ReplicationFactorError,
  requiredTopicConfig,
  TopicConfigurationError,
  type TopicRetentionCheck,
} from './kafka-topics';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

/** kafkajs's defaults suit production; tests shorten them so joins and leaves take milliseconds. */
export interface KafkaConsumerTimings {
  /** Default 30 000. The broker only accepts 6 000 and more by default. */
  readonly sessionTimeoutMs?: number;
  /** Default 3 000. */
  readonly heartbeatIntervalMs?: number;
  /** Default 60 000. */
  readonly rebalanceTimeoutMs?: number;
  /** How long a fetch waits for data when there is none; default 5 000. Bounds how long `close()` takes. */
  readonly maxWaitTimeMs?: number;
}

/** Partitions, replication and retention of the topics: kafka-topics.ts. */
export interface KafkaEventBusConfig extends KafkaTopicSettings {
  readonly brokers: readonly string[];
  /** Names this process to the brokers (their logs, quotas, the operators' console): one per service and instance. */
  readonly clientId: string;
  /** Prepended to every topic and group id, so tenants and test suites never see each other. */
  readonly topicPrefix?: string;
  /**
   * Partitions one subscription handles at the same time; default: the number of partitions
   * above. Order holds within a partition (one message at a time there), which is all the bus
   * promises; handlers already meet messages of other partitions concurrently whenever a group
   * has several members, so this changes nothing they must guarantee.
   */
  readonly partitionsConsumedConcurrently?: number;
  /** kafkajs's own log level; default 'warn' (at 'info' it narrates every join and commit). */
  readonly logLevel?: KafkaLogLevel;
  readonly logger?: MessagingLogger;
  readonly consumerTimings?: KafkaConsumerTimings;
  readonly handlerRetry?: RetryBackoff;
  /** Told of each dead letter once the broker has accepted it (metrics). */
  readonly onDeadLettered?: DeadLetterObserver;
}

const TOPIC_SETTLING_ATTEMPTS = 10;
const TOPIC_SETTLING_PAUSE_MS = 100;
/** Bounds of the replay window after a crash (see the file's header). */
const COMMIT_EVERY_MESSAGES = 100;
const COMMIT_EVERY_MS = 1_000;
/**
 * The longest run a batch handler gets at once: a commit point every few hundred messages at
 * most (a fetch holds up to about 1 500 envelopes per partition), and writes of a size any
 * read store takes in one request.
 */
const MAX_HANDLED_TOGETHER = 500;
const DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;

export class KafkaEventBus extends EventBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly connectProducer: () => Promise<void>;
  private readonly connectAdmin: () => Promise<void>;
  private readonly topicPrefix: string;
  private readonly logger: MessagingLogger;
  private readonly createdTopics = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<KafkaSubscription>();

  constructor(private readonly config: KafkaEventBusConfig) {
    super();
    this.topicPrefix = config.topicPrefix ?? '';
    this.logger = config.logger ?? stderrJsonLogger;
    this.kafka = new Kafka({
      brokers: [...config.brokers],
      clientId: config.clientId,
      logLevel: kafkajsLogLevels[config.logLevel ?? 'warn'],
      logCreator: forwardKafkajsLogsTo(this.logger),
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      // kafkajs assigns sequence numbers under a per-broker lock and rolls them back when a
      // request fails; more than one request in flight would break that bookkeeping.
      maxInFlightRequests: 1,
      // Topics are created explicitly, with our partition count, before first use.
      allowAutoTopicCreation: false,
      // Java's murmur2 partitioning: producers in any language agree on a key's partition.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
    this.connectProducer = connectOnce(() => this.producer.connect());
    this.connectAdmin = connectOnce(() => this.admin.connect());
  }

  override async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await Promise.all([this.ensureTopic(topic), this.connectProducer()]);
    await this.producer.send({
      topic: this.topicPrefix + topic,
      acks: -1, // every in-sync replica: the idempotent producer requires it, durability wants it
      messages: messages.map((message) => ({
        key: message.key,
        value: encodeEnvelope(message.envelope),
        headers: headersFor(message),
      })),
    });
  }

  /** Creates or checks each topic and fails as a start must fail when one cannot be made right (kafka-topics.ts). */
  override async prepareTopics(topics: readonly string[]): Promise<void> {
    // Every request settled before reporting one's failure: none is left running into close().
    const outcomes = await Promise.allSettled(topics.map((topic) => this.ensureTopic(topic)));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  }

  override async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    // The dead-letter topics too: their retention is checked at start, not at the first dead letter.
    await this.prepareTopics(options.topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]));
    const timings = this.config.consumerTimings ?? {};
    const consumer = this.kafka.consumer({
      groupId: this.topicPrefix + options.groupId,
      sessionTimeout: timings.sessionTimeoutMs,
      heartbeatInterval: timings.heartbeatIntervalMs,
      rebalanceTimeout: timings.rebalanceTimeoutMs,
      maxWaitTimeInMs: timings.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
    const subscription = new KafkaSubscription(consumer, options, {
      topicPrefix: this.topicPrefix,
      handlerRetry: this.config.handlerRetry ?? DEFAULT_HANDLER_RETRY,
      keepAliveEveryMs: timings.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
      partitionsConsumedConcurrently: this.config.partitionsConsumedConcurrently ?? this.config.partitions ?? DEFAULT_PARTITIONS,
      logger: this.logger,
      writeDeadLetter: (deadLetter) => this.writeDeadLetter(deadLetter),
      onDeadLettered: this.config.onDeadLettered,
      onClosed: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    try {
      await subscription.start();
    } catch (error) {
      await subscription.close();
      throw error;
    }
    return subscription;
  }

  override async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }

  /** Keyed like its source message, so a source key's dead letters keep their order too. */
  private async writeDeadLetter(deadLetter: DeadLetter): Promise<void> {
    const topic = deadLetterTopicOf(deadLetter.source.topic);
    await Promise.all([this.ensureTopic(topic), this.connectProducer()]);
    await this.producer.send({
      topic: this.topicPrefix + topic,
      acks: -1,
      messages: [{ key: deadLetter.key, value: deadLetter.value, headers: deadLetterHeaders(deadLetter) }],
    });
  }

  /**
   * Creates the topic, or checks an existing one's configuration, once per bus instance before
   * its first use. Leaving it to the broker's auto-creation would give it the broker's partition
   * count and retention, and a consumer of a brand-new topic would race the first producer to
   * create it.
   */
  private ensureTopic(topic: string): Promise<void> {
    let created = this.createdTopics.get(topic);
    if (created === undefined) {
      created = this.createTopic(topic).catch((error: unknown) => {
        this.createdTopics.delete(topic); // let the next use try again
        throw error;
      });
      this.createdTopics.set(topic, created);
    }
    return created;
  }

  private async createTopic(topic: string): Promise<void> {
    await this.connectAdmin();
    await whileTopicsSettle(() =>
      ensureTopicConfigured(this.admin, this.topicPrefix + topic, topic, this.config, { brokers: this.config.brokers, logger: this.logger }),
    );
  }
}

/**
 * Runs `work` again while it fails with a retriable Kafka error, a few times, with growing
 * pauses. When several processes create one topic at once, what follows the creation (the
 * losers' wait for its leaders, a consumer's first metadata request) can ask a broker whose
 * metadata does not list the topic yet: UNKNOWN_TOPIC_OR_PARTITION, which kafkajs marks
 * retriable but does not retry there. A service starting then would otherwise fail its start.
 */
async function whileTopicsSettle(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof KafkaJSError && error.retriable) || attempt >= TOPIC_SETTLING_ATTEMPTS) throw error;
      await sleep(TOPIC_SETTLING_PAUSE_MS * attempt);
    }
  }
}

interface SubscriptionContext {
  readonly topicPrefix: string;
  readonly handlerRetry: RetryBackoff;
  readonly keepAliveEveryMs: number;
  readonly partitionsConsumedConcurrently: number;
  readonly logger: MessagingLogger;
  readonly writeDeadLetter: (deadLetter: DeadLetter) => Promise<void>;
  readonly onDeadLettered: DeadLetterObserver | undefined;
  readonly onClosed: () => void;
}

class KafkaSubscription implements BusSubscription {
  /** Aborts a handler or a retry pause in progress, so closing never waits for either. */
  private readonly closing = new AbortController();

  constructor(
    private readonly consumer: Consumer,
    private readonly options: SubscribeOptions,
    private readonly context: SubscriptionContext,
  ) {}

  /** Resolves once the consumer has joined its group (and so has partitions to read). */
  async start(): Promise<void> {
    const { consumer } = this;
    const joined = new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error); // a restarting consumer will join later
      });
    });
    const running = (async () => {
      await consumer.connect();
      await whileTopicsSettle(() =>
        consumer.subscribe({
          topics: this.options.topics.map((topic) => this.context.topicPrefix + topic),
          fromBeginning: this.options.fromBeginning ?? true,
        }),
      );
      const { handleBatch } = this.options;
      await consumer.run({
        autoCommitThreshold: COMMIT_EVERY_MESSAGES,
        autoCommitInterval: COMMIT_EVERY_MS,
        partitionsConsumedConcurrently: this.context.partitionsConsumedConcurrently,
        ...(handleBatch === undefined
          ? { eachMessage: ({ topic, partition, message, heartbeat }) => this.handleMessage(topic, partition, message, heartbeat) }
          : { eachBatchAutoResolve: false, eachBatch: (payload) => this.handleBatch(payload, handleBatch) }),
      });
    })();
    await Promise.all([running, joined]);
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.consumer.disconnect();
    this.context.onClosed();
  }

  private async handleBatch(
    { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload,
    handleTogether: NonNullable<SubscribeOptions['handleBatch']>,
  ): Promise<void> {
    const { topic, partition } = batch;
    for (let start = 0; start < batch.messages.length; start += MAX_HANDLED_TOGETHER) {
      // A rebalance or a close since the fetch: these messages may be someone else's now.
      if (!isRunning() || isStale()) return;
      const run = batch.messages.slice(start, start + MAX_HANDLED_TOGETHER);
      if (!(await this.handledTogether(topic, partition, run, handleTogether))) {
        for (const message of run) {
          if (!isRunning() || isStale()) return;
          await this.handleMessage(topic, partition, message, heartbeat);
          resolveOffset(message.offset);
        }
      }
      resolveOffset(run[run.length - 1].offset);
      await heartbeat();
      await commitOffsetsIfNecessary();
    }
  }

  /** False when the run is to be handled message by message: one is no envelope, or the batch handler threw. */
  private async handledTogether(
    topic: string,
    partition: number,
    run: readonly KafkaMessage[],
    handleTogether: NonNullable<SubscribeOptions['handleBatch']>,
  ): Promise<boolean> {
    const logicalTopic = topic.slice(this.context.topicPrefix.length);
    let incoming: IncomingMessage[];
    try {
      incoming = run.map((message) => ({
        topic: logicalTopic,
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? '',
        envelope: decodeEnvelope(message.value?.toString('utf8') ?? ''),
        headers: readHeaders(message.headers),
      }));
    } catch {
      return false; // handleMessage dead-letters the one that is no envelope
    }
    return this.uncommittedIfClosed(() =>
      batchHandled(
        () => handleTogether(incoming),
        this.closing.signal,
        (error) =>
          this.context.logger.log('warn', BATCH_HANDLER_FAILED, {
            groupId: this.options.groupId,
            topic: logicalTopic,
            partition,
            firstOffset: run[0].offset,
            messages: run.length,
            error,
          }),
      ),
    );
  }

  private async handleMessage(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const location = { topic: topic.slice(this.context.topicPrefix.length), partition, offset: message.offset };
    const headers = readHeaders(message.headers);
    const key = message.key?.toString('utf8') ?? null;
    // Decoding inside the retried work: a value that is no envelope is unprocessable at once.
    const unprocessable = await this.uncommittedIfClosed(() =>
      handleUntilSettled(async () => {
        const envelope = decodeEnvelope(message.value?.toString('utf8') ?? '');
        const incoming: IncomingMessage = { ...location, key: key ?? '', envelope, headers };
        await this.options.handle(incoming);
      }, this.retrying('Event handler failed; redelivering the message after a pause', location, heartbeat)),
    );
    if (unprocessable === null) return;
    await this.deadLetter({ ...location, groupId: this.options.groupId }, { key, value: message.value, headers }, unprocessable, heartbeat);
  }

  /** Sets the message aside so that its partition moves on; never drops it (see the file's header). */
  private async deadLetter(
    source: DeadLetter['source'],
    original: Pick<DeadLetter, 'key' | 'value' | 'headers'>,
    error: UnprocessableMessageError,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const deadLetter: DeadLetter = { source, ...original, code: error.code, reason: error.reason, deadLetteredAt: new Date().toISOString() };
    this.context.logger.log('error', 'Message can never be applied; moving it to its dead-letter topic', {
      groupId: source.groupId,
      topic: source.topic,
      partition: source.partition,
      offset: source.offset,
      deadLetterTopic: deadLetterTopicOf(source.topic),
      code: error.code,
      reason: error.reason,
      valueBytes: original.value?.length ?? 0,
    });
    const location = { topic: source.topic, partition: source.partition, offset: source.offset };
    await this.uncommittedIfClosed(() =>
      handleUntilSuccess(
        () => this.context.writeDeadLetter(deadLetter),
        this.retrying('Writing a dead letter failed; trying again after a pause', location, heartbeat),
      ),
    );
    this.context.onDeadLettered?.(deadLetter);
  }

  private retrying(
    failureMessage: string,
    location: Pick<IncomingMessage, 'topic' | 'partition' | 'offset'>,
    heartbeat: () => Promise<void>,
  ): HandlingOptions {
    return {
      backoff: this.context.handlerRetry,
      closing: this.closing.signal,
      onFailure: (error, failures, retryInMs) =>
        this.context.logger.log('warn', failureMessage, {
          groupId: this.options.groupId,
          ...location,
          failures,
          retryInMs,
          error,
        }),
      // Without heartbeats during a long pause the broker would evict this member.
      keepAlive: { everyMs: this.context.keepAliveEveryMs, beat: heartbeat },
    };
  }

  /** Throwing is how eachMessage leaves the offset unresolved. */
  private async uncommittedIfClosed<T>(handling: () => Promise<T>): Promise<T> {
    try {
      return await handling();
    } catch (error) {
      // kafkajs logs any error but its own as a handler failure; this one is the expected end of
      // a closing subscription.
      if (error instanceof SubscriptionClosedError) throw new KafkaJSError(error.message);
      throw error;
    }
  }
}

/** Headers arrive as Buffers, possibly repeated; the last value wins, as in Java's `lastHeader`. */
function readHeaders(headers: IHeaders | undefined): Record<string, string> {
  const read: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) read[name] = last.toString();
  }
  return read;
}

/** Connects on first use; a failed attempt is forgotten so the next use tries again. */
function connectOnce(connect: () => Promise<void>): () => Promise<void> {
  let connected: Promise<void> | undefined;
  return () =>
    (connected ??= connect().catch((error: unknown) => {
      connected = undefined;
      throw error;
    }));
}

const kafkajsLogLevels: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

const messagingLogLevels: Partial<Record<logLevel, MessagingLogLevel>> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs filters by level itself; this only reshapes its entries into ours. */
function forwardKafkajsLogsTo(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log: { message, timestamp: _timestamp, ...details } }) => {
      logger.log(messagingLogLevels[level] ?? 'error', `kafkajs ${namespace}: ${message}`, details);
    };
}
