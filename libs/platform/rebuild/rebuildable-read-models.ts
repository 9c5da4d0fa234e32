import type { DocumentProjection } from '@osteo/messaging';
import type { ReadStore } from '@osteo/read-store';
import type { PlatformConfig } from '../platform-config';
import type { ServiceEventFlowSpec } from '../service-infrastructure.module';
import type { RebuildableReadModel } from './read-model-rebuilds';

/** How a service declares a read model `npm run rebuild` may rebuild (ServiceEventFlowSpec.rebuildable). */
export interface RebuildableReadModelSpec {
  readonly projection: DocumentProjection;
  readonly fedBy: 'published' | RebuildableReadModel['envelopeOf'];
  /**
   * The subscription that applies its live events, when it is not the service's read-model
   * subscription (the access read models: AccessModule's AccessReactor).
   */
  readonly fedLiveBy?: string;
  /** A write that must follow the swap, in the same read store (the access change marker). */
  readonly afterSwap?: (readStore: ReadStore) => Promise<void>;
}

/**
 * What `rebuild` needs of each rebuildable read model, checked at start: a model said to be fed
 * by the service's own topic must really be one of its projections subscribed to that topic, or
 * a rebuild would replay events that never reach it live.
 */
export function rebuildableReadModelsOf(spec: ServiceEventFlowSpec, config: PlatformConfig): Record<string, RebuildableReadModel> {
  const readModels: Record<string, RebuildableReadModel> = {};
  for (const [name, { projection, fedBy, fedLiveBy }] of Object.entries(spec.rebuildable ?? {})) {
    if (fedBy !== 'published') {
      readModels[name] = { projection, envelopeOf: fedBy };
      continue;
    }
    const { publishes, projections } = spec;
    const subscribed = projections !== undefined && projections.projections.includes(projection) && projections.topics.includes(publishes?.topic ?? '');
    if (publishes === undefined || !(subscribed || fedLiveBy !== undefined)) {
      throw new Error(`${spec.name}: the rebuildable read model ${name} is not a projection of ${spec.name}'s own topic`);
    }
    readModels[name] = { projection, envelopeOf: (recorded) => publishes.toIntegrationEvent(recorded, config) };
  }
  return readModels;
}
