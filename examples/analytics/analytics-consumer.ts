import { type Admin, Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { FiguresStore } from './figures-store';
import { readMessage } from './ledger-line-message';

export interface ConsumerOptions {
  readonly brokers: readonly string[];
  /** The platform's topic, prefix included (`<KAFKA_TOPIC_PREFIX>accounting.events`). */
  readonly topic: string;
  readonly groupId: string;
  readonly clientId: string;
  /** Stop once every partition is read up to where it ended when the run began. */
  readonly untilCaughtUp: boolean;
  readonly log: (message: string) => void;
}

/** A state file and a group that do not belong together: running would lose or mix events. */
export class StateMismatchError extends Error {
  override readonly name = 'StateMismatchError';
}

/**
 * Reads the topic in the example's own consumer group, from the beginning the first time, and
 * folds each batch into the state file before committing the batch's offset: the commit follows
 * the save, never the other way round. Resolves when asked to stop (`stop()`) or, with
 * `untilCaughtUp`, once caught up.
 */
export class AnalyticsConsumer {
  private readonly kafka: Kafka;
  private stopRequested: (() => void) | undefined;
  private readonly stopping = new Promise<void>((resolve) => (this.stopRequested = resolve));

  constructor(
    private readonly options: ConsumerOptions,
    private readonly store: FiguresStore,
  ) {
    this.kafka = new Kafka({
      brokers: [...options.brokers],
      clientId: options.clientId,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => options.log(`kafkajs ${entry.namespace}: ${entry.log.message}`),
      // A broker that restarts is waited for: the client retries, then the consumer restarts itself.
      retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 10 },
    });
  }

  async run(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    let positions: Map<number, { next: bigint; end: bigint }>;
    try {
      if (!(await this.topicExists(admin))) return;
      await this.checkStateBelongsToGroup(admin);
      positions = await this.positionsOf(admin);
    } finally {
      await admin.disconnect();
    }
    const behind = () => [...positions.values()].some(({ next, end }) => next < end);
    if (this.options.untilCaughtUp && !behind()) return;

    const consumer = this.kafka.consumer({ groupId: this.options.groupId, allowAutoTopicCreation: false, sessionTimeout: 10_000 });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) {
        this.options.log(`the consumer stopped on an error it cannot retry: ${payload.error.message}`);
        this.stopRequested?.();
      }
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          if (batch.isEmpty()) return;
          const readings = batch.messages.map((message) => ({
            reading: readMessage(message.value, { topic: batch.topic, partition: batch.partition, offset: message.offset }),
            value: message.value?.toString('utf8') ?? null,
          }));
          const counted = this.store.apply(readings);
          const next = BigInt(batch.lastOffset()) + 1n;
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next.toString() }]);
          this.options.log(`partition ${batch.partition}: read up to offset ${next - 1n}, ${counted} new ledger lines counted`);
          const position = positions.get(batch.partition);
          if (position && next > position.next) position.next = next;
          if (this.options.untilCaughtUp && !behind()) this.stop();
        },
      });
      await this.stopping;
    } finally {
      await consumer.disconnect();
    }
  }

  /** Safe to call at any time, from a signal handler or from within a batch. */
  stop(): void {
    this.stopRequested?.();
  }

  private async topicExists(admin: Admin): Promise<boolean> {
    for (;;) {
      if ((await admin.listTopics()).includes(this.options.topic)) return true;
      if (this.options.untilCaughtUp) {
        this.options.log(`topic ${this.options.topic} does not exist: nothing to read`);
        return false;
      }
      this.options.log(`waiting for topic ${this.options.topic} to be created by the platform`);
      const waited = await Promise.race([this.stopping.then(() => 'stopped' as const), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      if (waited === 'stopped') return false;
    }
  }

  /**
   * A new state file with a group that has already committed offsets would start where the group
   * stopped and miss everything before: refused, rather than printing figures that look right.
   */
  private async checkStateBelongsToGroup(admin: Admin): Promise<void> {
    const origin = this.store.origin();
    if (origin && origin.topic !== this.options.topic) {
      throw new StateMismatchError(`The state file holds figures of topic ${origin.topic}, not ${this.options.topic}: give another --state.`);
    }
    if (this.store.isEmpty()) {
      const [committed] = await admin.fetchOffsets({ groupId: this.options.groupId, topics: [this.options.topic] });
      if (committed?.partitions.some(({ offset }) => Number(offset) >= 0)) {
        throw new StateMismatchError(
          `The state file is new, but group ${this.options.groupId} has already read ${this.options.topic}: its figures would miss what the group read before. ` +
            'Give the state file that goes with the group, or another --group to count from the beginning.',
        );
      }
    }
    this.store.recordOrigin({ topic: this.options.topic, groupId: this.options.groupId });
  }

  /** Per partition: where the group will read next, and where the partition ends now. */
  private async positionsOf(admin: Admin): Promise<Map<number, { next: bigint; end: bigint }>> {
    const ends = await admin.fetchTopicOffsets(this.options.topic);
    const [committed] = await admin.fetchOffsets({ groupId: this.options.groupId, topics: [this.options.topic] });
    const committedOf = new Map((committed?.partitions ?? []).map(({ partition, offset }) => [partition, BigInt(offset)]));
    return new Map(
      ends.map(({ partition, low, high }) => {
        const fromGroup = committedOf.get(partition) ?? -1n;
        return [partition, { next: fromGroup >= 0n ? fromGroup : BigInt(low), end: BigInt(high) }];
      }),
    );
  }
}
