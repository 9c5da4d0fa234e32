import type { IntegrationEnvelope } from '@osteo/contracts';
import type { RecordedEvent } from '@osteo/event-sourcing';
import { type DocumentProjection, integrationEnvelopeOf } from '@osteo/messaging';
import type { PlatformConfig } from '../platform-config';
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

/** What a translation may read besides the event; these translations read nothing of it. */
const config = {} as PlatformConfig;

const planning: ServiceEventFlowSpec = {
  name: 'planning',
  publishes: { topic: 'planning.events', toIntegrationEvent: toPublicEvent },
  projections: { topics: ['access.events', 'planning.events'], projections: [access, appointments] },
};

describe('rebuildable read models of a service', () => {
  it('rebuilds a projection of the service\'s own topic from the publisher\'s translation', () => {
    const readModels = rebuildableReadModelsOf({ ...planning, rebuildable: { appointments: { projection: appointments, fedBy: 'published' } } }, config);
    const booked = { eventId: 'e-1', type: 'Booked', streamId: 'appointment-1', revision: 0, position: '1', data: {}, metadata: {}, recordedAt: '2026-03-02T09:00:00.000Z' } as RecordedEvent;

    expect(Object.keys(readModels)).toEqual(['appointments']);
    expect(readModels.appointments!.projection).toBe(appointments);
    expect(readModels.appointments!.envelopeOf(booked)).toEqual(toPublicEvent(booked));
  });

  it('rebuilds a read model of an in-service feed from that feed\'s translation', () => {
    const notes = projectionNamed('notes');

    expect(rebuildableReadModelsOf({ ...planning, rebuildable: { notes: { projection: notes, fedBy: toPrivateEnvelope } } }, config)).toEqual({
      notes: { projection: notes, envelopeOf: toPrivateEnvelope },
    });
  });

  it('refuses, at start, a read model said to be published that is no projection of the service', () => {
    expect(() => rebuildableReadModelsOf({ ...planning, rebuildable: { notes: { projection: projectionNamed('notes'), fedBy: 'published' } } }, config)).toThrow(
      "planning: the rebuildable read model notes is not a projection of planning's own topic",
    );
  });

  it('refuses one said to be published by a service whose projections do not read its own topic', () => {
    const onlyAccess: ServiceEventFlowSpec = { ...planning, projections: { topics: ['access.events'], projections: [access, appointments] } };

    expect(() => rebuildableReadModelsOf({ ...onlyAccess, rebuildable: { appointments: { projection: appointments, fedBy: 'published' } } }, config)).toThrow(/not a projection of planning's own topic/);
  });

  it('offers nothing when the service declares nothing', () => {
    expect(rebuildableReadModelsOf(planning, config)).toEqual({});
  });
});
