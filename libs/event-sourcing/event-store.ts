/**
 * The EventStore port: the write side's only memory, and the outbox the publisher reads.
 * Adapters: SQLite (embedded, and the distributed profile where no EventStoreDB exists) and
 * EventStoreDB. Both pass libs/event-sourcing/event-store.contract.ts.
 */
import { Rejection } from './rejection';

/** Extra facts about an event that are not part of its meaning. */
export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actorId?: string;
  /** ISO-8601; the moment the decision was taken (comes in with the command). */
  readonly occurredAt?: string;
  readonly [key: string]: unknown;
}

export interface EventToAppend {
  /**
   * Unique id, a UUID (EventStoreDB accepts nothing else); the adapter generates one when absent.
   * Consumers deduplicate on it, so a retried append must reuse the ids of the first attempt.
   */
  readonly eventId?: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata?: EventMetadata;
}

/**
 * An event as stored. `revision` counts from 0 within the stream. `position` is opaque and
 * adapter-specific but totally ordered in commit order within one store; it is what a
 * subscriber or the publisher checkpoints.
 */
export interface RecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
  /** ISO-8601; when the store committed it. */
  readonly recordedAt: string;
}

/**
 * `'no_stream'`: the stream must not exist yet (reservations, creations).
 * `'any'`: no check. A number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event written; pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  readonly lastPosition: string;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Absent: from the start. */
  readonly after?: string;
  readonly maxCount?: number;
}

export interface SubscribeAllOptions {
  /** Exclusive, as in ReadAllOptions. */
  readonly after?: string;
  /**
   * Called once per event, in commit order, never concurrently. A rejection stops the
   * subscription and is reported to `onError`.
   */
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  /**
   * Absent: the error is rethrown as an uncaught exception, because a subscription that stops
   * unnoticed (the outbox publisher) would silently stall everything downstream.
   */
  readonly onError?: (error: unknown) => void;
}

export interface StoreSubscription {
  close(): Promise<void>;
}

/** A rejection like any conflict, so that transports answer it as one (HTTP 409). */
export class WrongExpectedRevisionError extends Rejection<'EVENT_STORE.WRONG_EXPECTED_REVISION'> {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super('conflict', 'EVENT_STORE.WRONG_EXPECTED_REVISION', `Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export abstract class EventStore {
  /**
   * Appends atomically, all or nothing, checking the expected revision. `events` must not be
   * empty: an empty append would have no position to report.
   */
  abstract appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /** Every event of the stream in revision order; an empty array when it does not exist. */
  abstract readStream(streamId: string): Promise<RecordedEvent[]>;

  /** Events of every stream in commit order. */
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch-up from `after`, then live, in commit order. */
  abstract subscribeToAll(options: SubscribeAllOptions): StoreSubscription;

  abstract close(): Promise<void>;
}
