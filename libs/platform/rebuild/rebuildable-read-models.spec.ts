import type { IntegrationEnvelope } from '@osteo/contracts';
import type { RecordedEvent } from '@osteo/event-sourcing';
import { type DocumentProjection, integrationEnvelopeOf } from '@osteo/messaging';
import type { ServiceEventFlowSpec } from '../service-infrastructure.module';
import { rebuildableReadModelsOf } from './rebuildable-read-models';

const projectionNamed = (name: string): DocumentProjection => ({
  name,
  collection: name,
  handles: ['Booked'],
  documentId: (envelope) => envelope.streamId,
  evolve: (document) => document,
});
const appointments = projectionNamed('appointments');
const access = projectionNamed('access');
const toPublicEvent = (recorded: RecordedEvent): IntegrationEnvelope => integrationEnvelopeOf(recorded, recorded.type, recorded.data);
const toPrivateEnvelope = (recorded: RecordedEvent): IntegrationEnvelope => integrationEnvelopeOf(recorded, `private.${recorded.type}`, recorded.data);

const planning: ServiceEventFlowSpec = {
  name: 'planning',
  publishes: { topic: 'planning.events', toIntegrationEvent: toPublicEvent },
  projections: { topics: ['access.events', 'planning.events'], projections: [access, appointments] },
};

describe('rebuildable read models of a service', () => {
  it('rebuilds a projection of the service\'s own topic from the publisher\'s translation', () => {
    const readModels = rebuildableReadModelsOf({ ...planning, rebuildable: { appointments: { projection: appointments, fedBy: 'published' } } });

    expect(readModels).toEqual({ appointments: { projection: appointments, envelopeOf: toPublicEvent } });
  });

  it('rebuilds a read model of an in-service feed from that feed\'s translation', () => {
    const notes = projectionNamed('notes');

    expect(rebuildableReadModelsOf({ ...planning, rebuildable: { notes: { projection: notes, fedBy: toPrivateEnvelope } } })).toEqual({
      notes: { projection: notes, envelopeOf: toPrivateEnvelope },
    });
  });

  it('refuses, at start, a read model said to be published that is no projection of the service', () => {
    expect(() => rebuildableReadModelsOf({ ...planning, rebuildable: { notes: { projection: projectionNamed('notes'), fedBy: 'published' } } })).toThrow(
      "planning: the rebuildable read model notes is not a projection of planning's own topic",
    );
  });

  it('refuses one said to be published by a service whose projections do not read its own topic', () => {
    const onlyAccess: ServiceEventFlowSpec = { ...planning, projections: { topics: ['access.events'], projections: [access, appointments] } };

    expect(() => rebuildableReadModelsOf({ ...onlyAccess, rebuildable: { appointments: { projection: appointments, fedBy: 'published' } } })).toThrow(/not a projection of planning's own topic/);
  });

  it('offers nothing when the service declares nothing', () => {
    expect(rebuildableReadModelsOf(planning)).toEqual({});
  });
});
