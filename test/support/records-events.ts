import { randomUUID } from 'node:crypto';
import { type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';

/**
 * Publishes on records.events as patient-records would: keyed by the aggregate's stream, its
 * revisions in order. `app` and `actorId` are read at each call, so a suite may create this before
 * its platform and accounts exist.
 */
export function recordsEventPublisher(
  app: () => { get(token: typeof EventBus): EventBus },
  actorId: () => string,
): <T extends object>(type: string, streamId: string, data: T) => Promise<IntegrationEnvelope> {
  const revisions = new Map<string, number>();
  return async (type, streamId, data) => {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const envelope: IntegrationEnvelope = {
      eventId: randomUUID(),
      type,
      version: 1,
      streamId,
      revision,
      occurredAt: new Date().toISOString(),
      actorId: actorId(),
      correlationId: null,
      causationId: null,
      data: data as Readonly<Record<string, unknown>>,
    };
    await app().get(EventBus).publish(Topics.records, [{ key: envelope.streamId, envelope }]);
    return envelope;
  };
}
