/**
 * The EventBus port: public (integration) events between services. Adapters: Kafka through
 * kafkajs and in-process. Both pass libs/messaging/event-bus.contract.ts.
 * Delivery is at least once: a handler that throws, or a consumer that dies before its offset
 * is committed, sees the message again; consumers are idempotent. A message that can never be
 * applied (UnprocessableMessageError, dead-letters.ts) goes to its topic's dead-letter topic.
 */
import type { IntegrationEnvelope } from '@osteo/contracts';

export interface OutgoingMessage {
  /** Partitioning key: order is kept per key (the stream id). */
  readonly key: string;
  readonly envelope: IntegrationEnvelope;
  /** Extra headers; the adapter adds correlation-id, causation-id, event-type, event-id. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly key: string;
  readonly envelope: IntegrationEnvelope;
  readonly headers: Readonly<Record<string, string>>;
  readonly partition: number;
  readonly offset: string;
}

export interface SubscribeOptions {
  /** Consumers sharing a group id share the work; each group receives everything. */
  readonly groupId: string;
  /** Logical topic names (e.g. 'identity.events'); the adapter applies its topic prefix. */
  readonly topics: readonly string[];
  /** A new group starts at the beginning of each topic (default true: projections need it). */
  readonly fromBeginning?: boolean;
  /**
   * Resolving acknowledges the message; throwing gets it redelivered, except that throwing an
   * UnprocessableMessageError dead-letters it and moves on. One at a time per partition.
   */
  readonly handle: (message: IncomingMessage) => Promise<void>;
  /**
   * Optional, for a handler that writes a run of messages faster together than one by one (one
   * insert for many): consecutive messages of one topic and partition, in order. Resolving
   * acknowledges them all. Throwing acknowledges none of them: the adapter hands the same
   * messages to `handle`, one at a time, with its retries and dead letters. So a batch handler
   * needs to be right, not complete: it may leave the odd case to `handle` by throwing, and what
   * it wrote before throwing is written again (harmlessly, as every at-least-once write is).
   */
  readonly handleBatch?: (messages: readonly IncomingMessage[]) => Promise<void>;
}

export interface BusSubscription {
  close(): Promise<void>;
}

export abstract class EventBus {
  /** Resolves once the broker has durably accepted every message. */
  abstract publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Resolves once the consumer has joined its group and is receiving. */
  abstract subscribe(options: SubscribeOptions): Promise<BusSubscription>;
  /**
   * Makes the topics ready before their first use (a process's start), so that a topic that
   * cannot be made right fails the start rather than a later publish. Nothing to do in process.
   */
  async prepareTopics(_topics: readonly string[]): Promise<void> {}
  abstract close(): Promise<void>;
}
