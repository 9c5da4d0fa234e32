import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import type { RecordedEvent, StoreSubscription } from '../event-store';
import { isAfter, type StreamNamespace, toRecordedEvent } from './eventstoredb-mapping';

/** What this class needs of the client's AllStreamSubscription (a Readable of resolved events). */
export interface EsdbAllSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy(): void;
}

export interface EventStoreDbSubscriptionOptions {
  /** Exclusive start; events at or before it are skipped even if the server sends them. */
  readonly after: Position | undefined;
  /** Events of other streams are skipped, should the server's filter let any through. */
  readonly namespace: StreamNamespace;
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  readonly onError: (error: unknown) => void;
  /** Called once delivery has ended, whether closed or failed. */
  readonly onStopped: () => void;
}

/**
 * Delivers a catch-up subscription to $all one event at a time: the next event is pulled from
 * the client's stream only once the handler of the previous one has returned.
 */
export class EventStoreDbSubscription implements StoreSubscription {
  private closed = false;
  private stoppingSource: Promise<void> | undefined;
  private readonly delivery: Promise<void>;

  constructor(
    private readonly source: EsdbAllSubscription,
    private readonly options: EventStoreDbSubscriptionOptions,
  ) {
    this.delivery = this.deliverUntilClosed();
  }

  /**
   * Stops delivery and resolves once the handler in progress, if any, has returned. Awaiting it
   * from inside `onEvent` would wait for itself: call it without awaiting there.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopSource();
    // Ends a loop waiting for an event that will never come, whatever the gRPC stream does.
    this.source.destroy();
    await this.delivery;
  }

  private async deliverUntilClosed(): Promise<void> {
    const { after, namespace, onEvent } = this.options;
    try {
      for await (const { event } of this.source) {
        if (this.closed) break;
        if (event === undefined) continue;
        const streamId = namespace.streamOf(event);
        if (streamId === null) continue;
        if (after !== undefined && !isAfter(event.position, after)) continue;
        await onEvent(toRecordedEvent(event, streamId));
      }
      if (!this.closed) throw new Error('EventStoreDB ended the subscription to $all');
    } catch (error) {
      if (!this.closed) {
        this.closed = true;
        this.options.onError(error);
      }
    } finally {
      await this.stopSource();
      this.options.onStopped();
    }
  }

  private stopSource(): Promise<void> {
    this.stoppingSource ??= this.source.unsubscribe();
    return this.stoppingSource;
  }
}
