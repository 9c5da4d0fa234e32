import type { ReadDocument, ReadStore } from '@osteo/read-store';
import type { BusSubscription, EventBus, IncomingMessage } from '../event-bus';
import { type DocumentProjection, ProjectionRunner } from './document-projection';
import type { ProjectionWriteGate } from './projection-write-gate';

export interface ProjectionSubscriptionOptions {
  /** The consumer group: one per read model owner, so each keeps its own offsets. */
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly projections: readonly DocumentProjection<ReadDocument>[];
  /** Default true: a new read model is built from the whole history the topics hold. */
  readonly fromBeginning?: boolean;
  /**
   * Awaited once every projection applied the message, redeliveries included, before it is
   * acknowledged: for a write that must follow the projections' own (a change marker readers
   * check). Throwing makes the bus redeliver the message, so the write is retried.
   */
  readonly afterApplied?: (message: IncomingMessage) => Promise<void>;
  /** Told each message once every projection applied it (metrics). */
  readonly onApplied?: (message: IncomingMessage) => void;
  /** Passed before each write, so a rebuild can hold these writes back while it swaps a collection. */
  readonly gate?: ProjectionWriteGate;
}

/**
 * Feeds a bus subscription into projections. A failed write throws, so the bus redelivers the
 * envelope; the projections' guards make the redelivery harmless.
 */
export function subscribeProjection(
  bus: EventBus,
  readStore: ReadStore,
  options: ProjectionSubscriptionOptions,
): Promise<BusSubscription> {
  const runner = new ProjectionRunner(readStore, options.projections);
  const { gate } = options;
  return bus.subscribe({
    groupId: options.groupId,
    topics: options.topics,
    fromBeginning: options.fromBeginning,
    handle: async (message) => {
      const { envelope } = message;
      if (gate === undefined) await runner.apply(envelope);
      else await gate.pass(collectionsChangedBy(envelope.type, options.projections), () => runner.apply(envelope));
      await options.afterApplied?.(message);
      options.onApplied?.(message);
    },
  });
}

/** The collections of the projections that handle this event type. */
export function collectionsChangedBy(type: string, projections: readonly DocumentProjection<ReadDocument>[]): string[] {
  return projections.filter((projection) => projection.handles.includes(type)).map((projection) => projection.collection);
}
