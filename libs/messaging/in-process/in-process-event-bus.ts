/**
 * The EventBus of the embedded profile: Kafka's semantics without a broker. Per topic an
 * append-only log, per consumer group a committed offset per topic. Like a kafkajs consumer
 * (which handles one message at a time), a group has one delivery in flight at a time, taken
 * in publication order, so order per key holds because order overall does. A group's members
 * take over from one another: the oldest live member receives, the others stand by. A member
 * with a batch handler gets the run of pending messages of one topic that no other topic's
 * message precedes (at most MAX_HANDLED_TOGETHER), so the order overall holds there too.
 *
 * Dead letters go where Kafka's do, to the log of `<topic>.dead-letters` in this bus (readable
 * with `deadLetters`, and by any group subscribed to that topic), and to the error log. Like
 * everything here they last as long as the process; the embedded profile rebuilds its read
 * models from the event stores at every start, which delivers the same messages again.
 */
import {
  type DeadLetter,
  deadLetterHeaders,
  type DeadLetterObserver,
  deadLetterTopicOf,
  readDeadLetter,
  type UnprocessableMessageError,
} from '../dead-letters';
import type { BusSubscription, IncomingMessage, OutgoingMessage, SubscribeOptions } from '../event-bus';
import { EventBus } from '../event-bus';
import {
  BATCH_HANDLER_FAILED,
  batchHandled,
  DEFAULT_HANDLER_RETRY,
  handleUntilSettled,
  type RetryBackoff,
  SubscriptionClosedError,
} from '../handler-retry';
import { type MessagingLogger, stderrJsonLogger } from '../messaging-logger';
import { decodeEnvelope, encodeEnvelope, headersFor } from '../wire-format';

export interface InProcessEventBusConfig {
  readonly handlerRetry?: RetryBackoff;
  readonly logger?: MessagingLogger;
  /** Told of each dead letter once it is set aside (metrics). */
  readonly onDeadLettered?: DeadLetterObserver;
}

export interface ConsumerGroupBacklog {
  readonly groupId: string;
  readonly topic: string;
  readonly messages: number;
}

interface StoredMessage {
  /** Position across all topics: a group takes the oldest pending message first. */
  readonly sequence: number;
  readonly key: string;
  /** Kept encoded, so every delivery decodes its own copy and no handler sees another's edits. */
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** As the Kafka adapter's, so both hand a batch handler runs of the same sizes. */
const MAX_HANDLED_TOGETHER = 500;

interface GroupMember {
  readonly topics: ReadonlySet<string>;
  readonly handle: SubscribeOptions['handle'];
  readonly handleBatch: SubscribeOptions['handleBatch'];
  readonly closing: AbortController;
}

interface ConsumerGroup {
  readonly id: string;
  /** Per topic, the offset of the next message to deliver: everything before it is committed. */
  readonly committedOffsets: Map<string, number>;
  /** Oldest first. */
  readonly members: GroupMember[];
  delivering: boolean;
}

interface PendingDelivery {
  readonly topic: string;
  readonly offset: number;
  readonly message: StoredMessage;
  readonly member: GroupMember;
}

export class InProcessEventBus extends EventBus {
  private readonly logs = new Map<string, StoredMessage[]>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly handlerRetry: RetryBackoff;
  private readonly logger: MessagingLogger;
  private readonly onDeadLettered: DeadLetterObserver | undefined;
  private nextSequence = 0;
  private closed = false;

  constructor(config: InProcessEventBusConfig = {}) {
    super();
    this.handlerRetry = config.handlerRetry ?? DEFAULT_HANDLER_RETRY;
    this.logger = config.logger ?? stderrJsonLogger;
    this.onDeadLettered = config.onDeadLettered;
  }

  override async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    this.append(
      topic,
      messages.map((message) => ({ key: message.key, value: encodeEnvelope(message.envelope), headers: headersFor(message) })),
    );
  }

  /** What the groups reading `topic` set aside, oldest first. */
  deadLetters(topic: string): DeadLetter[] {
    return this.logFor(deadLetterTopicOf(topic)).map((message) =>
      readDeadLetter({ key: message.key, value: Buffer.from(message.value, 'utf8'), headers: message.headers }),
    );
  }

  override async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    this.assertOpen();
    const group = this.groupFor(options.groupId);
    for (const topic of options.topics) {
      if (!group.committedOffsets.has(topic)) {
        // Kafka's auto.offset.reset for a group without a committed offset.
        group.committedOffsets.set(topic, options.fromBeginning === false ? this.logFor(topic).length : 0);
      }
    }
    const member: GroupMember = {
      topics: new Set(options.topics),
      handle: options.handle,
      handleBatch: options.handleBatch,
      closing: new AbortController(),
    };
    group.members.push(member);
    this.startDelivering(group);
    return { close: async () => this.leave(group, member) };
  }

  /**
   * Per group and topic, the messages not yet delivered and acknowledged: what Kafka calls the
   * consumer lag (metrics).
   */
  undeliveredMessages(): ConsumerGroupBacklog[] {
    return [...this.groups.values()].flatMap((group) =>
      [...group.committedOffsets].map(([topic, committed]) => ({ groupId: group.id, topic, messages: this.logFor(topic).length - committed })),
    );
  }

  override async close(): Promise<void> {
    this.closed = true;
    for (const group of this.groups.values()) {
      for (const member of [...group.members]) this.leave(group, member);
    }
  }

  /** Abandons the member's delivery in flight, uncommitted: the next member receives it again. */
  private leave(group: ConsumerGroup, member: GroupMember): void {
    const index = group.members.indexOf(member);
    if (index >= 0) group.members.splice(index, 1);
    member.closing.abort();
  }

  private startDelivering(group: ConsumerGroup): void {
    if (group.delivering) return; // the running loop picks the new work up
    group.delivering = true;
    // Never inside the publisher's or subscriber's call: their caller resumes first, as with a broker.
    setImmediate(() => void this.deliverPending(group));
  }

  private async deliverPending(group: ConsumerGroup): Promise<void> {
    // Deciding there is nothing left and clearing `delivering` happen with no await in between,
    // so a publish can never slip through unnoticed.
    try {
      for (let next = this.nextDelivery(group); next !== undefined; next = this.nextDelivery(group)) {
        const { topic, offset, member } = next;
        const { handleBatch } = member;
        const run = handleBatch === undefined ? [next.message] : this.runFrom(group, next);
        try {
          if (handleBatch !== undefined && run.length > 1 && (await this.handledTogether(group, topic, offset, run, member, handleBatch))) {
            group.committedOffsets.set(topic, offset + run.length);
            continue;
          }
          for (const [index, message] of run.entries()) await this.deliverOne(group, topic, offset + index, message, member);
        } catch (error) {
          if (!(error instanceof SubscriptionClosedError)) throw error;
        }
      }
    } finally {
      group.delivering = false;
    }
  }

  /** Through `handle`, retried until it succeeds, dead-lettered if it never can; then committed. */
  private async deliverOne(group: ConsumerGroup, topic: string, offset: number, message: StoredMessage, member: GroupMember): Promise<void> {
    const unprocessable = await handleUntilSettled(() => member.handle(this.toIncoming(topic, offset, message)), {
      backoff: this.handlerRetry,
      closing: member.closing.signal,
      onFailure: (error, failures, retryInMs) =>
        this.logger.log('warn', 'Event handler failed; redelivering the message after a pause', {
          groupId: group.id,
          topic,
          offset,
          failures,
          retryInMs,
          error,
        }),
    });
    if (unprocessable !== null) this.deadLetter(group.id, topic, offset, message, unprocessable);
    group.committedOffsets.set(topic, offset + 1);
  }

  /** False when the run is to be delivered message by message: one is no envelope, or the batch handler threw. */
  private async handledTogether(
    group: ConsumerGroup,
    topic: string,
    offset: number,
    run: readonly StoredMessage[],
    member: GroupMember,
    handleTogether: NonNullable<SubscribeOptions['handleBatch']>,
  ): Promise<boolean> {
    let incoming: IncomingMessage[];
    try {
      incoming = run.map((message, index) => this.toIncoming(topic, offset + index, message));
    } catch {
      return false; // deliverOne dead-letters the one that is no envelope
    }
    return batchHandled(
      () => handleTogether(incoming),
      member.closing.signal,
      (error) => this.logger.log('warn', BATCH_HANDLER_FAILED, { groupId: group.id, topic, firstOffset: offset, messages: run.length, error }),
    );
  }

  /**
   * The pending messages of `next`'s topic from its offset on, as long as no message of another
   * topic of the group was published before them.
   */
  private runFrom(group: ConsumerGroup, next: PendingDelivery): StoredMessage[] {
    let otherTopicsFirst = Number.POSITIVE_INFINITY;
    for (const [topic, offset] of group.committedOffsets) {
      const pending = topic === next.topic ? undefined : this.logFor(topic)[offset];
      if (pending !== undefined) otherTopicsFirst = Math.min(otherTopicsFirst, pending.sequence);
    }
    const log = this.logFor(next.topic);
    const run = [next.message];
    for (let offset = next.offset + 1; run.length < MAX_HANDLED_TOGETHER && offset < log.length && log[offset].sequence < otherTopicsFirst; offset++) {
      run.push(log[offset]);
    }
    return run;
  }

  private deadLetter(groupId: string, topic: string, offset: number, message: StoredMessage, error: UnprocessableMessageError): void {
    const deadLetter: DeadLetter = {
      source: { topic, partition: 0, offset: String(offset), groupId },
      code: error.code,
      reason: error.reason,
      deadLetteredAt: new Date().toISOString(),
      key: message.key,
      value: Buffer.from(message.value, 'utf8'),
      headers: message.headers,
    };
    const deadLetterTopic = deadLetterTopicOf(topic);
    this.logger.log('error', 'Message can never be applied; moving it to its dead-letter topic', {
      groupId,
      topic,
      offset,
      deadLetterTopic,
      code: error.code,
      reason: error.reason,
    });
    this.append(deadLetterTopic, [{ key: message.key, value: message.value, headers: deadLetterHeaders(deadLetter) }]);
    this.onDeadLettered?.(deadLetter);
  }

  private append(topic: string, messages: readonly Omit<StoredMessage, 'sequence'>[]): void {
    const log = this.logFor(topic);
    for (const message of messages) log.push({ ...message, sequence: this.nextSequence++ });
    for (const group of this.groups.values()) {
      if (group.committedOffsets.has(topic)) this.startDelivering(group);
    }
  }

  /** The group's oldest uncommitted message that a live member can take, and that member. */
  private nextDelivery(group: ConsumerGroup): PendingDelivery | undefined {
    let oldest: PendingDelivery | undefined;
    for (const [topic, offset] of group.committedOffsets) {
      const message = this.logFor(topic)[offset];
      if (message === undefined || (oldest !== undefined && oldest.message.sequence < message.sequence)) continue;
      const member = group.members.find((candidate) => candidate.topics.has(topic));
      if (member !== undefined) oldest = { topic, offset, message, member };
    }
    return oldest;
  }

  private toIncoming(topic: string, offset: number, message: StoredMessage): IncomingMessage {
    return {
      topic,
      key: message.key,
      envelope: decodeEnvelope(message.value),
      headers: { ...message.headers },
      partition: 0,
      offset: String(offset),
    };
  }

  private logFor(topic: string): StoredMessage[] {
    let log = this.logs.get(topic);
    if (log === undefined) this.logs.set(topic, (log = []));
    return log;
  }

  private groupFor(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (group === undefined) {
      group = { id: groupId, committedOffsets: new Map(), members: [], delivering: false };
      this.groups.set(groupId, group);
    }
    return group;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InProcessEventBus is closed');
  }
}
