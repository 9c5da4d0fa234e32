import {
  EventStoreDBClient,
  START,
  StreamNotFoundError,
  jsonEvent,
  streamNameFilter,
  type Position,
} from '@eventstore/db-client';
import {
  EventStore,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type RecordedEvent,
  type StoreSubscription,
  type SubscribeAllOptions,
} from '../event-store';
import { rethrowAsUncaught } from '../subscription-failure';
import {
  decodePosition,
  encodePosition,
  isAfter,
  StreamNamespace,
  toEsdbExpectedRevision,
  toRecordedEvent,
  toRevisionNumber,
  toWrongExpectedRevisionError,
} from './eventstoredb-mapping';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

const READ_ALL_PAGE_SIZE = 500;

/**
 * The distributed profile's EventStore, over EventStoreDB. Positions encode the $all position
 * (commit and prepare) of an event; EventStoreDB's own `$` events never leave this adapter.
 * Each service keeps its streams under its own namespace (StreamNamespace), so services can
 * share one EventStoreDB and each reads and publishes only its own events.
 */
export class EventStoreDbEventStore extends EventStore {
  private readonly liveSubscriptions = new Set<EventStoreDbSubscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly namespace: StreamNamespace,
  ) {
    super();
  }

  /** E.g. `esdb://localhost:2113?tls=false`, for the service named by `namespace` (e.g. `planning`). */
  static connect(connectionString: string, namespace: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), new StreamNamespace(namespace));
  }

  override async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Stream ${streamId}: nothing to append`);
    // Without an id, jsonEvent generates a v4 UUID.
    const proposed = events.map((event) =>
      jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata: event.metadata }),
    );
    try {
      const result = await this.client.appendToStream(this.namespace.stored(streamId), proposed, {
        expectedRevision: toEsdbExpectedRevision(options.expectedRevision),
      });
      if (result.position === undefined) {
        throw new Error(`EventStoreDB reported no position for the append to ${streamId}`);
      }
      return {
        nextExpectedRevision: toRevisionNumber(result.nextExpectedRevision),
        lastPosition: encodePosition(result.position),
      };
    } catch (error) {
      throw toWrongExpectedRevisionError(error, streamId, options.expectedRevision) ?? error;
    }
  }

  override async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(this.namespace.stored(streamId))) {
        if (event !== undefined) events.push(toRecordedEvent(event, streamId));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * Reads $all page by page, because `$` events and other services' events are dropped here, not
   * by the server (reads of $all take no filter): a page of `maxCount` raw events could hold
   * fewer than `maxCount` of ours.
   */
  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && !(Number.isSafeInteger(options.maxCount) && options.maxCount >= 0)) {
      throw new RangeError(`maxCount must be a non-negative integer, not ${options.maxCount}`);
    }
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    // Reading from a position includes the event at it: `lastSeen` is exclusive, so skip it.
    let lastSeen: Position | undefined = options.after === undefined ? undefined : decodePosition(options.after);
    let pageWasFull = true;
    while (pageWasFull && events.length < maxCount) {
      const page = this.client.readAll({ fromPosition: lastSeen ?? START, maxCount: READ_ALL_PAGE_SIZE });
      let pageLength = 0;
      for await (const { event } of page) {
        pageLength += 1;
        if (event === undefined || (lastSeen !== undefined && !isAfter(event.position, lastSeen))) continue;
        lastSeen = event.position;
        const streamId = this.namespace.streamOf(event);
        if (streamId === null) continue;
        events.push(toRecordedEvent(event, streamId));
        if (events.length === maxCount) {
          await page.cancel();
          break;
        }
      }
      pageWasFull = pageLength === READ_ALL_PAGE_SIZE;
    }
    return events;
  }

  override subscribeToAll(options: SubscribeAllOptions): StoreSubscription {
    const after = options.after === undefined ? undefined : decodePosition(options.after);
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(
      this.client.subscribeToAll({ fromPosition: after ?? START, filter: streamNameFilter({ prefixes: [this.namespace.prefix] }) }),
      {
        after,
        namespace: this.namespace,
        onEvent: options.onEvent,
        onError: options.onError ?? rethrowAsUncaught,
        onStopped: () => this.liveSubscriptions.delete(subscription),
      },
    );
    this.liveSubscriptions.add(subscription);
    return subscription;
  }

  /** Stops every subscription of this instance (awaiting their handlers), then the client. */
  override async close(): Promise<void> {
    await Promise.all([...this.liveSubscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }
}
