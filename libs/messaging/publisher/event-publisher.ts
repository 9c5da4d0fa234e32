/**
 * The outbox relay: the event store is the outbox, and this copies a service's public events to
 * its topic, so a handler only appends (no dual write). The checkpoint moves only once the broker
 * acknowledged: duplicates are possible, loss is not (docs/adr/0005-at-least-once-delivery.md).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IntegrationEnvelope } from '@osteo/contracts';
import type { CheckpointStore, EventStore, RecordedEvent, StoreSubscription } from '@osteo/event-sourcing';
import type { EventBus, OutgoingMessage } from '../event-bus';
import { type RetryBackoff, retryDelayMs } from '../handler-retry';
import { type MessagingLogger, stderrJsonLogger } from '../messaging-logger';
import { CheckpointFencedOffError } from './publisher-lease';

export interface EventPublisherOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly bus: EventBus;
  /** The service's topic, e.g. `Topics.identity`. */
  readonly topic: string;
  /** The public form of a stored event; `null` keeps it private (not published, but passed). */
  readonly toIntegrationEvent: (recorded: RecordedEvent) => IntegrationEnvelope | null;
  /** Default `publisher:<topic>`. */
  readonly checkpointName?: string;
  /** Most messages per publish; default 100. */
  readonly maxBatchSize?: number;
  /** Pauses between attempts to publish a batch the bus refused. */
  readonly retry?: RetryBackoff;
  readonly logger?: MessagingLogger;
  /** Told each position saved as the checkpoint, once the broker acknowledged it (metrics). */
  readonly onCheckpoint?: (position: string) => void;
  /**
   * Told when the checkpoint store refused a save because another instance took the publisher's
   * lease over (CheckpointFencedOffError): this publisher has stopped itself by then, and what it
   * sent since its last checkpoint is the new holder's to send again.
   */
  readonly onFencedOff?: (error: CheckpointFencedOffError) => void;
}

const DEFAULT_MAX_BATCH_SIZE = 100;
const DEFAULT_PUBLISH_RETRY: RetryBackoff = { initialDelayMs: 500, maxDelayMs: 30_000 };

/** A stored event read but not yet acknowledged; `message` is null for a private event. */
interface PendingEvent {
  readonly position: string;
  readonly message: OutgoingMessage | null;
}

/** Single use: `start()` once, `stop()` once; a restart is a new instance on the same checkpoint. */
export class EventPublisher {
  private readonly checkpointName: string;
  private readonly maxBatchSize: number;
  private readonly retry: RetryBackoff;
  private readonly logger: MessagingLogger;
  /** In commit order. */
  private readonly pending: PendingEvent[] = [];
  private readonly stopping = new AbortController();
  private readonly checkpointListeners = new Set<() => void>();
  private subscription: StoreSubscription | undefined;
  private checkpoint: string | null = null;
  private checkpointsSaved = 0;
  private publishing = false;
  private publishRun: Promise<void> = Promise.resolve();
  private publishScheduled = false;

  constructor(private readonly options: EventPublisherOptions) {
    this.checkpointName = options.checkpointName ?? `publisher:${options.topic}`;
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    this.retry = options.retry ?? DEFAULT_PUBLISH_RETRY;
    this.logger = options.logger ?? stderrJsonLogger;
  }

  /** Catches up from the checkpoint, then publishes live. */
  async start(): Promise<void> {
    if (this.subscription !== undefined || this.stopping.signal.aborted) {
      throw new Error(`The publisher of ${this.options.topic} can only be started once`);
    }
    this.checkpoint = await this.options.checkpoints.load(this.checkpointName);
    this.subscription = this.options.store.subscribeToAll({
      after: this.checkpoint ?? undefined,
      onEvent: (event) => this.accept(event),
    });
  }

  /**
   * Stops reading and waits for the batch in flight to be acknowledged and checkpointed. A batch
   * waiting to be retried is abandoned; events read but not checkpointed are read again by the
   * next publisher.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.subscription?.close();
    await this.publishRun;
  }

  /** Resolves once the checkpoint has reached the end of the store: all published. For tests. */
  async waitUntilCaughtUp(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const savedBefore = this.checkpointsSaved;
      const [unpublished] = await this.options.store.readAll({ after: this.checkpoint ?? undefined, maxCount: 1 });
      if (unpublished === undefined) return;
      if (this.checkpointsSaved === savedBefore) await this.nextCheckpoint(deadline, timeoutMs);
    }
  }

  private async accept(event: RecordedEvent): Promise<void> {
    const envelope = this.options.toIntegrationEvent(event);
    this.pending.push({ position: event.position, message: envelope && { key: event.streamId, envelope } });
    if (this.pending.length >= this.maxBatchSize) {
      // Back-pressure: reading further ahead of the broker would only grow memory.
      await this.publishPending();
    } else {
      this.schedulePublish();
    }
  }

  /** On the next turn of the event loop, so the rest of a catch-up page joins the batch. */
  private schedulePublish(): void {
    if (this.publishScheduled) return;
    this.publishScheduled = true;
    setImmediate(() => {
      this.publishScheduled = false;
      void this.publishPending();
    });
  }

  private publishPending(): Promise<void> {
    if (!this.publishing) {
      this.publishing = true;
      this.publishRun = this.publishUntilNothingPending();
    }
    return this.publishRun;
  }

  private async publishUntilNothingPending(): Promise<void> {
    // The last check of `pending` and the reset of `publishing` happen with no await in between,
    // so an event accepted meanwhile always finds a run to join or starts one.
    try {
      while (this.pending.length > 0 && !this.stopping.signal.aborted) {
        const batch = this.pending.slice(0, this.maxBatchSize);
        if (!(await this.publishAndCheckpoint(batch))) return;
        this.pending.splice(0, batch.length);
      }
    } finally {
      this.publishing = false;
    }
  }

  /** False when stopped while waiting to retry. */
  private async publishAndCheckpoint(batch: readonly PendingEvent[]): Promise<boolean> {
    const messages = batch.flatMap((event) => (event.message === null ? [] : [event.message]));
    const position = batch[batch.length - 1]!.position;
    for (let failures = 1; ; failures++) {
      try {
        if (messages.length > 0) await this.options.bus.publish(this.options.topic, messages);
        // Only once acknowledged: a crash before this line re-publishes the batch, never skips it.
        await this.options.checkpoints.save(this.checkpointName, position);
        this.advanceCheckpoint(position);
        return true;
      } catch (error) {
        if (error instanceof CheckpointFencedOffError) {
          this.fencedOff(error, messages.length);
          return false;
        }
        const retryInMs = retryDelayMs(this.retry, failures);
        this.logger.log('warn', 'Publishing a batch of events failed; retrying after a pause', {
          topic: this.options.topic,
          messages: messages.length,
          failures,
          retryInMs,
          error,
        });
        try {
          await sleep(retryInMs, undefined, { signal: this.stopping.signal });
        } catch {
          return false;
        }
      }
    }
  }

  /** Stepping down, not crashing: the process keeps serving, and may hold the lease again later. */
  private fencedOff(error: CheckpointFencedOffError, messages: number): void {
    this.logger.log('warn', 'Late checkpoint write refused: another instance took over the publisher lease; this one stops publishing', {
      topic: this.options.topic,
      checkpoint: error.publisherName,
      token: error.token,
      messagesSentUncheckpointed: messages,
    });
    this.stopping.abort();
    this.options.onFencedOff?.(error);
  }

  private advanceCheckpoint(position: string): void {
    this.checkpoint = position;
    this.checkpointsSaved += 1;
    this.options.onCheckpoint?.(position);
    for (const notify of this.checkpointListeners) notify();
  }

  private nextCheckpoint(deadline: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onCheckpoint = (): void => {
        clearTimeout(timer);
        this.checkpointListeners.delete(onCheckpoint);
        resolve();
      };
      const timer = setTimeout(() => {
        this.checkpointListeners.delete(onCheckpoint);
        reject(new Error(`The publisher of ${this.options.topic} did not catch up within ${timeoutMs} ms`));
      }, deadline - Date.now());
      this.checkpointListeners.add(onCheckpoint);
    });
  }
}
