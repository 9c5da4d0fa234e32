/**
 * The access change marker: one document, rewritten with a fresh random generation after every
 * write to the access read models, so an AccessReader can keep what it read for as long as the
 * generation it read beforehand is still the stored one (docs/adr/0001-access-change-marker.md).
 *
 * Whoever writes ACCESS_CABINETS or ACCESS_DELEGATIONS writes the marker AFTER its own write:
 * the live projection (each service's AccessReactor, through `accessChangeMarking`) and a rebuild's
 * swap (`rebuildableAccessReadModels`), both in libs/platform/access.
 */
import { randomUUID } from 'node:crypto';
import { type DocumentProjection, type IncomingMessage, collectionsChangedBy } from '@osteo/messaging';
import type { ReadStore } from '@osteo/read-store';
import { ACCESS_DELEGATIONS, ACCESS_CABINETS } from './access-projection';

export const ACCESS_CHANGES = 'access_changes';
export const ACCESS_CHANGE_MARKER_ID = 'access';

export type AccessChangeMarker = {
  readonly _id: typeof ACCESS_CHANGE_MARKER_ID;
  /** Random, never reused: any write makes every reader's earlier reading unusable. */
  readonly generation: string;
  /** The event id applied, or the rebuild that swapped a collection: for whoever investigates. */
  readonly changedBy: string;
  readonly changedAt: string;
};

/** Whether writing these collections can change what AccessReader answers. */
export function changesAccess(collections: readonly string[]): boolean {
  return collections.some((collection) => collection === ACCESS_CABINETS || collection === ACCESS_DELEGATIONS);
}

/** Tells every AccessReader on this read store that what it read before may be out of date. */
export async function markAccessChanged(readStore: ReadStore, changedBy: string): Promise<void> {
  const marker: AccessChangeMarker = {
    _id: ACCESS_CHANGE_MARKER_ID,
    generation: randomUUID(),
    changedBy,
    changedAt: new Date().toISOString(),
  };
  await readStore.collection<AccessChangeMarker>(ACCESS_CHANGES).replaceOne({ _id: ACCESS_CHANGE_MARKER_ID }, marker, { upsert: true });
}

/**
 * `subscribeProjection`'s `afterApplied` for a subscription feeding these projections: marks
 * access changed after each access event they applied. On a redelivery too: the projection's
 * guards skip the event, but the marker may be what the first delivery failed to write.
 */
export function accessChangeMarking(
  readStore: ReadStore,
  projections: readonly DocumentProjection[],
): (message: IncomingMessage) => Promise<void> {
  return async ({ envelope }) => {
    if (changesAccess(collectionsChangedBy(envelope.type, projections))) await markAccessChanged(readStore, envelope.eventId);
  };
}
