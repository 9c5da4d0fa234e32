import { type DynamicModule, Module } from '@nestjs/common';
import { AccessCheck, AccessReader, accessCabinetsProjection, accessDelegationsProjection, markAccessChanged } from '@osteo/auth';
import { ReadStore } from '@osteo/read-store';
import { Clock, SystemClock } from '../clock';
import type { RebuildableReadModelSpec } from '../rebuild/rebuildable-read-models';
import { AccessReactor } from './access.reactor';

/**
 * What a service needs to act for a caller: the AccessReader over its own copy of the access
 * projection, kept fed by the AccessReactor, the AccessCheck built on it, and the Clock its
 * handlers decide with. Each service module imports it over its own infrastructure.
 */
@Module({})
export class AccessModule {
  /** `infrastructure`: the service's `ServiceInfrastructureModule.forService(...)`, imported by the service module too. */
  static over(infrastructure: DynamicModule): DynamicModule {
    return {
      module: AccessModule,
      imports: [infrastructure],
      providers: [
        { provide: AccessReader, inject: [ReadStore], useFactory: (readStore: ReadStore) => new AccessReader(readStore) },
        AccessCheck,
        { provide: Clock, useClass: SystemClock },
        AccessReactor,
      ],
      exports: [AccessReader, AccessCheck, Clock],
    };
  }
}

/**
 * The access read models, for the service whose own topic is access.events (access-grant) to
 * rebuild from its store: the AccessReactor feeds them live, and a swapped-in collection may
 * differ from what readers kept, so they are told to read again.
 */
export const rebuildableAccessReadModels: Readonly<Record<'cabinets' | 'delegations', RebuildableReadModelSpec>> = {
  cabinets: {
    projection: accessCabinetsProjection,
    fedBy: 'published',
    fedLiveBy: AccessReactor.name,
    afterSwap: (readStore) => markAccessChanged(readStore, `rebuild of ${accessCabinetsProjection.collection}`),
  },
  delegations: {
    projection: accessDelegationsProjection,
    fedBy: 'published',
    fedLiveBy: AccessReactor.name,
    afterSwap: (readStore) => markAccessChanged(readStore, `rebuild of ${accessDelegationsProjection.collection}`),
  },
};
