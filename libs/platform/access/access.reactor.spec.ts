import { ACCESS_CABINETS, ACCESS_CHANGES, ACCESS_CHANGE_MARKER_ID, ACCESS_DELEGATIONS, AccessReader } from '@osteo/auth';
import { type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { InProcessEventBus, ProjectionWriteGate } from '@osteo/messaging';
import { InMemoryReadStore, type ReadStore } from '@osteo/read-store';
import type { EventFlowMetrics } from '../observability/event-flow-metrics';
import type { ServiceEventFlowSpec } from '../service-infrastructure.module';
import { rebuildableAccessReadModels } from './access.module';
import { AccessReactor } from './access.reactor';

const cabinetOpened: IntegrationEnvelope = {
  eventId: 'opened-a1',
  type: 'CabinetOpened',
  version: 1,
  streamId: 'practice-a1',
  revision: 0,
  occurredAt: '2025-03-14T09:00:00.000Z',
  actorId: 'anne',
  correlationId: null,
  causationId: null,
  data: { cabinetId: 'a1', ownerId: 'anne', name: 'Cabinet des Lilas', address: null },
};

const markerIn = (readStore: ReadStore) => readStore.collection(ACCESS_CHANGES).findOne({ _id: ACCESS_CHANGE_MARKER_ID });

describe('AccessReactor', () => {
  it("given a service, when it starts, then the reader's indexes exist; when an access event arrives, it is projected in the group <service>.access, then the access change marker moves", async () => {
    const bus = new InProcessEventBus({ logger: { log: () => undefined } });
    const readStore = new InMemoryReadStore();
    const watched: string[] = [];
    const metrics = { watchConsumerGroup: ({ groupId }: { groupId: string }) => watched.push(groupId), projectionApplied: () => undefined } as unknown as EventFlowMetrics;
    const reactor = new AccessReactor({ name: 'planning' } as ServiceEventFlowSpec, bus, readStore, new ProjectionWriteGate(), metrics, new AccessReader(readStore));
    await reactor.onApplicationBootstrap();

    await bus.publish(Topics.access, [{ key: cabinetOpened.streamId, envelope: cabinetOpened }]);
    while ((await markerIn(readStore)) === null) await new Promise((resolve) => setTimeout(resolve, 5));

    expect(await readStore.collection(ACCESS_CABINETS).findOne({ _id: 'a1' })).toMatchObject({ cabinetId: 'a1', ownerId: 'anne', closed: false });
    expect(await markerIn(readStore)).toMatchObject({ changedBy: 'opened-a1' });
    expect(watched).toEqual(['planning.access']);
    const indexedKeys = async (collection: string) => (await readStore.collection(collection).indexes()).map((index) => Object.keys(index.keys).join());
    expect(await indexedKeys(ACCESS_CABINETS)).toEqual(expect.arrayContaining(['ownerId', 'colleagueIds']));
    expect(await indexedKeys(ACCESS_DELEGATIONS)).toEqual(expect.arrayContaining(['ownerId', 'granteeAccountId']));
    expect(bus.undeliveredMessages()).toEqual([{ groupId: 'planning.access', topic: Topics.access, messages: 0 }]);
    await reactor.onModuleDestroy();
    await bus.close();
  });
});

describe('rebuildableAccessReadModels', () => {
  it('moves the access change marker once either access collection was swapped in', async () => {
    const readStore = new InMemoryReadStore();

    await rebuildableAccessReadModels.cabinets.afterSwap!(readStore);
    const afterCabinets = await markerIn(readStore);
    await rebuildableAccessReadModels.delegations.afterSwap!(readStore);
    const afterDelegations = await markerIn(readStore);

    expect(afterCabinets).toMatchObject({ changedBy: `rebuild of ${ACCESS_CABINETS}` });
    expect(afterDelegations).toMatchObject({ changedBy: `rebuild of ${ACCESS_DELEGATIONS}` });
    expect(afterDelegations!.generation).not.toBe(afterCabinets!.generation);
  });
});
