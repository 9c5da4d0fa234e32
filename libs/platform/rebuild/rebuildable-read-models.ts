import type { DocumentProjection } from '@osteo/messaging';
import type { PlatformConfig } from '../platform-config';
import type { ServiceEventFlowSpec } from '../service-infrastructure.module';
import type { RebuildableReadModel } from './read-model-rebuilds';

/** How a service declares a read model `npm run rebuild` may rebuild (ServiceEventFlowSpec.rebuildable). */
export interface RebuildableReadModelSpec {
  readonly projection: DocumentProjection;
  readonly fedBy: 'published' | RebuildableReadModel['envelopeOf'];
}

/**
 * What `rebuild` needs of each rebuildable read model, checked at start: a model said to be fed
 * by the service's own topic must really be one of its projections subscribed to that topic, or
 * a rebuild would replay events that never reach it live.
 */
export function rebuildableReadModelsOf(spec: ServiceEventFlowSpec, config: PlatformConfig): Record<string, RebuildableReadModel> {
  const readModels: Record<string, RebuildableReadModel> = {};
  for (const [name, { projection, fedBy }] of Object.entries(spec.rebuildable ?? {})) {
    if (fedBy !== 'published') {
      readModels[name] = { projection, envelopeOf: fedBy };
      continue;
    }
    const { publishes, projections } = spec;
    if (publishes === undefined || !projections?.projections.includes(projection) || !projections.topics.includes(publishes.topic)) {
      throw new Error(`${spec.name}: the rebuildable read model ${name} is not a projection of ${spec.name}'s own topic`);
    }
    readModels[name] = { projection, envelopeOf: (recorded) => publishes.toIntegrationEvent(recorded, config) };
  }
  return readModels;
}
