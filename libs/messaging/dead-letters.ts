/**
 * Dead letters: messages a consumer can never apply, set aside with the reason so that the
 * stream behind them goes on. A failing handler is retried until it succeeds (handler-retry.ts),
 * because most failures pass (a store restarting, a broker electing a leader). Some never pass:
 * a value that is not an envelope, a version the consumer does not understand, data that breaks
 * its contract. Retrying those would hold every later message of their partition forever; the
 * bus instead copies them to the dead-letter topic of their source topic and moves on.
 *
 * A dead letter is the original message, key and value byte for byte, with its original headers
 * and the `dead-letter-*` headers below: once the consumer is fixed (it learnt the version, the
 * publisher's bug was repaired), an operator can replay it to the source topic as it was.
 */
import type { IntegrationEnvelope } from '@osteo/contracts';

/** Thrown by a handler (or the bus's own decoding) to say that no redelivery could ever apply this message. */
export class UnprocessableMessageError extends Error {
  constructor(
    /** Stable dotted code, for the dead letter's headers and for alerts. */
    readonly code: string,
    /** For a person: what is wrong with the message. */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'UnprocessableMessageError';
  }
}

/**
 * A version of an event this consumer was not written for. Misreading it could write wrong data,
 * and holding it would stop the stream: it is dead-lettered, to be replayed once the consumer
 * understands it.
 */
export class UnknownEventVersionError extends UnprocessableMessageError {
  constructor(envelope: Pick<IntegrationEnvelope, 'type' | 'version' | 'eventId'>, consumer: string, understoodVersions: readonly number[]) {
    super(
      'MESSAGING.UNKNOWN_EVENT_VERSION',
      `${envelope.type} ${envelope.eventId} has version ${envelope.version}; ${consumer} understands version ${understoodVersions.join(', ')}`,
    );
    this.name = 'UnknownEventVersionError';
  }
}

/** Every source topic has its own, under the same prefix: `records.events` → `records.events.dead-letters`. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_TOPIC_SUFFIX}`;
}

export const DEAD_LETTER_TOPIC_SUFFIX = '.dead-letters';

/** Added to the original headers (and winning over any of the same name). */
export const DeadLetterHeaders = {
  code: 'dead-letter-code',
  reason: 'dead-letter-reason',
  /** Logical topic names and group ids, as the bus's callers name them (without the deployment's prefix). */
  sourceTopic: 'dead-letter-source-topic',
  sourcePartition: 'dead-letter-source-partition',
  sourceOffset: 'dead-letter-source-offset',
  consumerGroup: 'dead-letter-consumer-group',
  /** ISO-8601, when the consumer gave up on it. */
  deadLetteredAt: 'dead-letter-at',
} as const;

/** Where the message came from and who gave up on it. */
export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly groupId: string;
}

export interface DeadLetter {
  readonly source: DeadLetterSource;
  readonly code: string;
  readonly reason: string;
  readonly deadLetteredAt: string;
  readonly key: string | null;
  /** The original value, byte for byte. */
  readonly value: Buffer | null;
  /** The original headers, without the `dead-letter-*` ones. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The headers a dead letter travels with. */
export function deadLetterHeaders(deadLetter: DeadLetter): Record<string, string> {
  const { source } = deadLetter;
  return {
    ...deadLetter.headers,
    [DeadLetterHeaders.code]: deadLetter.code,
    [DeadLetterHeaders.reason]: deadLetter.reason,
    [DeadLetterHeaders.sourceTopic]: source.topic,
    [DeadLetterHeaders.sourcePartition]: String(source.partition),
    [DeadLetterHeaders.sourceOffset]: source.offset,
    [DeadLetterHeaders.consumerGroup]: source.groupId,
    [DeadLetterHeaders.deadLetteredAt]: deadLetter.deadLetteredAt,
  };
}

/** A record read from a dead-letter topic, back into what the consumer set aside. */
export function readDeadLetter(record: {
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}): DeadLetter {
  const header = (name: string): string => {
    const value = record.headers[name];
    if (value === undefined) throw new Error(`Not a dead letter: the ${name} header is missing`);
    return value;
  };
  const deadLetterHeaderNames = new Set<string>(Object.values(DeadLetterHeaders));
  return {
    source: {
      topic: header(DeadLetterHeaders.sourceTopic),
      partition: Number(header(DeadLetterHeaders.sourcePartition)),
      offset: header(DeadLetterHeaders.sourceOffset),
      groupId: header(DeadLetterHeaders.consumerGroup),
    },
    code: header(DeadLetterHeaders.code),
    reason: header(DeadLetterHeaders.reason),
    deadLetteredAt: header(DeadLetterHeaders.deadLetteredAt),
    key: record.key,
    value: record.value,
    headers: Object.fromEntries(Object.entries(record.headers).filter(([name]) => !deadLetterHeaderNames.has(name))),
  };
}

/** What the adapters tell their owner (metrics) once a dead letter is durably set aside. */
export type DeadLetterObserver = (deadLetter: DeadLetter) => void;
