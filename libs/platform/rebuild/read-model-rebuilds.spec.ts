import { setTimeout as sleep } from 'node:timers/promises';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { SqliteEventStore, type RecordedEvent } from '@osteo/event-sourcing';
import { type DocumentProjection, ProjectionWriteGate, integrationEnvelopeOf } from '@osteo/messaging';
import { InMemoryReadStore } from '@osteo/read-store';
import { ReadModelRebuilds, type RebuildRun } from './read-model-rebuilds';

/** One document per cabinet, counting its bookings. */
const bookingsPerCabinet: DocumentProjection<{ cabinetId: string; bookings: number }> = {
  name: 'bookingsPerCabinet',
  collection: 'bookings_per_cabinet',
  handles: ['Booked'],
  documentId: (envelope) => String(envelope.data.cabinetId),
  evolve: (counter, envelope) => ({ cabinetId: String(envelope.data.cabinetId), bookings: (counter?.bookings ?? 0) + 1 }),
};

const asEnvelope = (recorded: RecordedEvent): IntegrationEnvelope => integrationEnvelopeOf(recorded, recorded.type, recorded.data);

async function settled(rebuilds: ReadModelRebuilds, rebuildId: string): Promise<RebuildRun> {
  for (;;) {
    const run = rebuilds.find(rebuildId);
    if (run.state !== 'running') return run;
    await sleep(5);
  }
}

describe('ReadModelRebuilds', () => {
  let store: SqliteEventStore;
  let readStore: InMemoryReadStore;
  let rebuilds: ReadModelRebuilds;

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    readStore = new InMemoryReadStore();
    for (let booking = 0; booking < 30; booking++) {
      await store.appendToStream(`booking-${booking}`, [{ type: 'Booked', data: { cabinetId: `cabinet-${booking % 3}` } }], { expectedRevision: 'no_stream' });
    }
    rebuilds = new ReadModelRebuilds();
    rebuilds.register('planning', { store, readStore, gate: new ProjectionWriteGate(), readModels: { bookings: { projection: bookingsPerCabinet, envelopeOf: asEnvelope } } });
    rebuilds.register('accounting', { store: SqliteEventStore.open(':memory:'), readStore: new InMemoryReadStore(), gate: new ProjectionWriteGate(), readModels: {} });
  });

  afterEach(() => store.close());

  it('lists, per service, the read models it can rebuild', () => {
    expect(rebuilds.catalogue()).toEqual({ planning: ['bookings'], accounting: [] });
  });

  it('given a known read model, when a rebuild starts, then it answers at once, running, and reports the outcome once done', async () => {
    const started = rebuilds.start('planning', 'bookings');

    expect(started).toMatchObject({ service: 'planning', readModel: 'bookings', collection: 'bookings_per_cabinet', state: 'running', finishedAt: null });
    const done = await settled(rebuilds, started.rebuildId);
    expect(done).toMatchObject({ state: 'succeeded', eventsRead: 30, documentsWritten: 3, eventsCaughtUp: 0, rebuiltUpTo: '30', error: null });
    expect(done.finishedAt).not.toBeNull();
    expect(await readStore.collection('bookings_per_cabinet').find({}, { sort: { _id: 1 } })).toMatchObject([
      { _id: 'cabinet-0', bookings: 10 },
      { _id: 'cabinet-1', bookings: 10 },
      { _id: 'cabinet-2', bookings: 10 },
    ]);
  });

  it('given a service told of swaps, when a rebuild succeeds, then it is told once the rebuilt collection is in place, before success is reported', async () => {
    const told = new ReadModelRebuilds();
    const swaps: { collection: string; documents: number; reportedAs: string }[] = [];
    let rebuildId = '';
    told.register('planning', {
      store,
      readStore,
      gate: new ProjectionWriteGate(),
      readModels: { bookings: { projection: bookingsPerCabinet, envelopeOf: asEnvelope } },
      afterSwap: async (collection) => {
        const documents = await readStore.collection(collection).countDocuments({});
        swaps.push({ collection, documents, reportedAs: told.find(rebuildId).state });
      },
    });

    rebuildId = told.start('planning', 'bookings').rebuildId;

    expect(await settled(told, rebuildId)).toMatchObject({ state: 'succeeded' });
    expect(swaps).toEqual([{ collection: 'bookings_per_cabinet', documents: 3, reportedAs: 'running' }]);
  });

  it('refuses a second rebuild of the same read model while the first runs, and allows one after', async () => {
    const first = rebuilds.start('planning', 'bookings');

    expect(() => rebuilds.start('planning', 'bookings')).toThrow(expect.objectContaining({ code: 'REBUILD.ALREADY_RUNNING', kind: 'conflict' }));

    await settled(rebuilds, first.rebuildId);
    expect(rebuilds.start('planning', 'bookings').state).toBe('running');
  });

  it('given an unknown service, then it refuses, naming the services and read models it has', () => {
    expect(() => rebuilds.start('planing', 'bookings')).toThrow(
      expect.objectContaining({
        code: 'REBUILD.UNKNOWN_SERVICE',
        kind: 'not_found',
        message: 'No service "planing" runs in this process. Services and their rebuildable read models: planning (bookings); accounting (none).',
      }),
    );
  });

  it('given an unknown read model, then it refuses, naming the rebuildable ones', () => {
    expect(() => rebuilds.start('planning', 'agenda')).toThrow(
      expect.objectContaining({ code: 'REBUILD.UNKNOWN_READ_MODEL', message: 'planning has no rebuildable read model "agenda". Rebuildable: bookings.' }),
    );
  });

  it('given a service without rebuildable read models, then it says why', () => {
    expect(() => rebuilds.start('accounting', 'ledger')).toThrow(expect.objectContaining({ message: expect.stringContaining("fed by other services' events") }));
  });

  it('given a rebuild that fails, then it reports the failure and the read model stays as it was', async () => {
    await readStore.collection('bookings_per_cabinet').insertOne({ _id: 'cabinet-0', cabinetId: 'cabinet-0', bookings: 99 });
    const failing = new ReadModelRebuilds();
    const brokenTranslation = () => {
      throw new Error('unknown event version');
    };
    failing.register('planning', { store, readStore, gate: new ProjectionWriteGate(), readModels: { bookings: { projection: bookingsPerCabinet, envelopeOf: brokenTranslation } } });

    const done = await settled(failing, failing.start('planning', 'bookings').rebuildId);

    expect(done).toMatchObject({ state: 'failed', error: 'unknown event version' });
    expect(await readStore.collection('bookings_per_cabinet').find({})).toEqual([{ _id: 'cabinet-0', cabinetId: 'cabinet-0', bookings: 99 }]);
  });

  it('answers an unknown rebuild id with a not found', () => {
    expect(() => rebuilds.find('no-such-rebuild')).toThrow(expect.objectContaining({ code: 'REBUILD.NOT_FOUND', kind: 'not_found' }));
  });

  it('refuses to register a service twice', () => {
    expect(() => rebuilds.register('planning', { store, readStore, gate: new ProjectionWriteGate(), readModels: {} })).toThrow(/already registered/);
  });
});
