import type { IntegrationEnvelope } from '@osteo/contracts';
import type { RecordedEvent } from '@osteo/event-sourcing';

/**
 * The envelope a stored event is published in: ids, position and tracing from the store, the
 * public type, version and data from the service's translation.
 */
export function integrationEnvelopeOf<TType extends string, TData>(
  recorded: RecordedEvent,
  type: TType,
  data: TData,
  version = 1,
): IntegrationEnvelope<TType, TData> {
  return {
    eventId: recorded.eventId,
    type,
    version,
    streamId: recorded.streamId,
    revision: recorded.revision,
    occurredAt: String(recorded.metadata.occurredAt ?? recorded.recordedAt),
    actorId: recorded.metadata.actorId ?? null,
    correlationId: recorded.metadata.correlationId ?? null,
    causationId: recorded.metadata.causationId ?? null,
    data,
  };
}
