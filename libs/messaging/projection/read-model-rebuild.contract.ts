/**
 * What a read-model rebuild promises, over each ReadStore adapter: the in-memory one
 * (read-model-rebuild.spec.ts) and MongoDB's over FerretDB (read-model-rebuild.int-spec.ts).
 * The service is simulated by an SQLite event store, the cabinet roster projection and a live
 * feed that applies each stored event through the ProjectionRunner, passing the gate as the bus
 * subscription does.
 */
import type { IntegrationEnvelope } from '@osteo/contracts';
import { type RecordedEvent, SqliteEventStore } from '@osteo/event-sourcing';
import type { ReadDocument, ReadStore } from '@osteo/read-store';
import { type CabinetEvent, cabinetHistory, cabinetRosterProjection, toAppend, toPublicCabinetEvent } from '../test-support/cabinet-roster';
import { ProjectionRunner } from './document-projection';
import { ProjectionWriteGate } from './projection-write-gate';
import { type RebuildProgress, rebuildReadModel, shadowCollectionOf } from './read-model-rebuild';

const ROSTERS = cabinetRosterProjection.collection;

/** The gate, with a moment for the test to act just before a rebuild asks to hold it. */
class GateObservedByTheTest extends ProjectionWriteGate {
  beforeHold: () => Promise<void> = async () => undefined;

  override async hold<T>(collection: string, work: () => Promise<T>): Promise<T> {
    await this.beforeHold();
    return super.hold(collection, work);
  }
}

interface ServiceUnderRebuild {
  readonly store: SqliteEventStore;
  readonly readStore: ReadStore;
  readonly gate: GateObservedByTheTest;
  /** Appends one event to the store, as a command handler would, and answers it as stored. */
  append(event: CabinetEvent): Promise<RecordedEvent>;
  /** What the live feed does with a stored event. */
  applyLive(recorded: RecordedEvent): Promise<void>;
  rebuild(options?: { pageSize?: number; onProgress?: (progress: RebuildProgress) => void; envelopeOf?: (recorded: RecordedEvent) => IntegrationEnvelope | null }): ReturnType<typeof rebuildReadModel>;
  rosters(): Promise<ReadDocument[]>;
}

export function describeReadModelRebuild(name: string, openReadStore: () => Promise<ReadStore>): void {
  describe(`read-model rebuild over ${name}`, () => {
    let service: ServiceUnderRebuild;
    /** The roster documents a runner writes from the whole stored history into an empty store. */
    let expectedRosters: () => Promise<ReadDocument[]>;

    beforeEach(async () => {
      const store = SqliteEventStore.open(':memory:');
      const readStore = await openReadStore();
      const gate = new GateObservedByTheTest();
      const runner = new ProjectionRunner(readStore, [cabinetRosterProjection]);
      const rostersOf = (documents: ReadStore) => documents.collection(ROSTERS).find({}, { sort: { _id: 1 } });
      service = {
        store,
        readStore,
        gate,
        async append(event) {
          const { lastPosition } = await store.appendToStream(event.streamId, [toAppend(event, 'correlation-1')], { expectedRevision: 'any' });
          const [recorded] = (await store.readAll({ after: String(Number(lastPosition) - 1), maxCount: 1 })) as [RecordedEvent];
          return recorded;
        },
        async applyLive(recorded) {
          const envelope = toPublicCabinetEvent(recorded);
          if (envelope !== null) await gate.pass([ROSTERS], () => runner.apply(envelope));
        },
        rebuild: (options = {}) =>
          rebuildReadModel({
            store,
            envelopeOf: options.envelopeOf ?? toPublicCabinetEvent,
            readStore,
            projection: cabinetRosterProjection,
            gate,
            pageSize: options.pageSize ?? 7,
            writeBatchSize: 2,
            onProgress: options.onProgress,
          }),
        rosters: () => rostersOf(readStore),
      };
      expectedRosters = async () => {
        const reference = await openReadStore();
        try {
          const referenceRunner = new ProjectionRunner(reference, [cabinetRosterProjection]);
          for (const recorded of await store.readAll()) {
            const envelope = toPublicCabinetEvent(recorded);
            if (envelope !== null) await referenceRunner.apply(envelope);
          }
          return await rostersOf(reference);
        } finally {
          await reference.dropAll();
          await reference.close();
        }
      };
      // The service's history, applied live as it happened.
      for (const event of cabinetHistory(8, 12)) await service.applyLive(await service.append(event));
    });

    afterEach(async () => {
      await service.readStore.dropAll();
      await service.readStore.close();
      await service.store.close();
    });

    /** The live model drifted from the store: one roster lost, one renamed by hand. */
    async function corruptLiveModel(): Promise<void> {
      const rosters = service.readStore.collection(ROSTERS);
      await rosters.deleteOne({ _id: 'cabinet-0' });
      await rosters.updateOne({ _id: 'cabinet-1' }, { $set: { name: 'written by hand' } });
    }

    it('given a live model that drifted, when rebuilt, then it holds what the runner writes from the whole history', async () => {
      await corruptLiveModel();

      const outcome = await service.rebuild();

      expect(await service.rosters()).toEqual(await expectedRosters());
      expect(outcome).toMatchObject({ eventsRead: 8 * 12, documentsWritten: 6, eventsCaughtUp: 0 });
      expect(outcome.rebuiltUpTo).toBe((await service.store.readAll()).at(-1)!.position);
    });

    it('keeps the indexes of the live collection and leaves no shadow collection behind', async () => {
      const rosters = service.readStore.collection(ROSTERS);
      await rosters.createIndex({ keys: { name: 1 }, unique: true, name: 'one_roster_per_name' });
      await rosters.createIndex({ keys: { colleagues: 1 } });

      await service.rebuild();

      expect((await rosters.indexes()).map((index) => index.name).sort()).toEqual(['colleagues_1', 'one_roster_per_name']);
      expect(await service.readStore.collection(shadowCollectionOf(ROSTERS)).countDocuments({})).toBe(0);
    });

    it('lets readers see the old model, whole, until the swap', async () => {
      await corruptLiveModel();
      const before = await service.rosters();
      const seenDuringRebuild: ReadDocument[][] = [];

      await service.rebuild({ onProgress: () => void service.rosters().then((rosters) => seenDuringRebuild.push(rosters)) });

      expect(seenDuringRebuild.length).toBeGreaterThan(3);
      for (const seen of seenDuringRebuild.slice(0, -1)) expect(seen).toEqual(before);
      expect(await service.rosters()).toEqual(await expectedRosters());
    });

    it('keeps an event appended and applied live while the history is folded', async () => {
      let liveWrite: Promise<void> | undefined;

      await service.rebuild({
        onProgress: ({ phase, eventsRead }) => {
          if (liveWrite !== undefined || phase !== 'folding' || eventsRead === 0) return;
          liveWrite = service.append({ streamId: 'cabinet-0', type: 'CabinetRenamed', data: { name: 'renamed while folding' } }).then((recorded) => service.applyLive(recorded));
        },
      });
      await liveWrite;

      expect(liveWrite).toBeDefined();
      expect(await service.readStore.collection(ROSTERS).findOne({ _id: 'cabinet-0' })).toMatchObject({ name: 'renamed while folding' });
      expect(await service.rosters()).toEqual(await expectedRosters());
    });

    it('keeps an event appended and applied live while the documents are written', async () => {
      let liveWrite: Promise<void> | undefined;

      const outcome = await service.rebuild({
        onProgress: ({ phase }) => {
          if (liveWrite !== undefined || phase !== 'writing') return;
          liveWrite = service.append({ streamId: 'cabinet-9', type: 'CabinetOpened', data: { name: 'opened while writing' } }).then((recorded) => service.applyLive(recorded));
        },
      });
      await liveWrite;

      expect(outcome.eventsCaughtUp).toBe(1);
      expect(await service.readStore.collection(ROSTERS).findOne({ _id: 'cabinet-9' })).toMatchObject({ name: 'opened while writing' });
      expect(await service.rosters()).toEqual(await expectedRosters());
    });

    it('keeps an event whose live write was in progress when the swap began', async () => {
      let liveWrite: Promise<void> | undefined;
      let liveWriteEnded = false;
      let liveWriteEndedBeforeSwap = false;
      service.gate.beforeHold = async () => {
        const recorded = await service.append({ streamId: 'cabinet-1', type: 'CabinetRenamed', data: { name: 'renamed at the swap' } });
        // Not awaited: the live feed is still writing the old collection when the hold is asked for.
        liveWrite = service.applyLive(recorded).then(() => void (liveWriteEnded = true));
      };
      const rename = service.readStore.renameCollection.bind(service.readStore);
      service.readStore.renameCollection = async (from, to) => {
        liveWriteEndedBeforeSwap = liveWriteEnded;
        await rename(from, to);
      };

      const outcome = await service.rebuild();
      await liveWrite;

      expect(liveWriteEndedBeforeSwap).toBe(true);
      expect(outcome.eventsCaughtUp).toBe(1);
      expect(await service.readStore.collection(ROSTERS).findOne({ _id: 'cabinet-1' })).toMatchObject({ name: 'renamed at the swap' });
      expect(await service.rosters()).toEqual(await expectedRosters());
    });

    it('keeps an event appended during the swap, its live write held back until the rebuilt model is in place', async () => {
      const readStore = service.readStore;
      const rename = readStore.renameCollection.bind(readStore);
      let liveWrite: Promise<void> | undefined;
      let swapped = false;
      let liveWriteDoneBeforeSwap = false;
      readStore.renameCollection = async (from, to) => {
        const recorded = await service.append({ streamId: 'cabinet-3', type: 'ColleagueJoined', data: { colleagueId: 'joined-during-swap' } });
        liveWrite = service.applyLive(recorded).then(() => void (liveWriteDoneBeforeSwap = !swapped));
        // A turn of the event loop, in which a live write that was not held back would run.
        await new Promise((resolve) => setImmediate(resolve));
        await rename(from, to);
        swapped = true;
      };

      await service.rebuild();
      await liveWrite;

      expect(liveWriteDoneBeforeSwap).toBe(false);
      expect(await service.readStore.collection(ROSTERS).findOne({ _id: 'cabinet-3' })).toMatchObject({ colleagues: expect.arrayContaining(['joined-during-swap']) });
      expect(await service.rosters()).toEqual(await expectedRosters());
    });

    it('given a store emptied of every event the projection handles, when rebuilt, then the model is empty', async () => {
      await service.rebuild({ envelopeOf: () => null });

      expect(await service.rosters()).toEqual([]);
    });

    it('given a rebuild that fails, then the live model is left as it was and the shadow is dropped', async () => {
      await corruptLiveModel();
      const before = await service.rosters();
      let mapped = 0;
      const failingAfterTwenty = (recorded: RecordedEvent) => {
        if (++mapped > 20) throw new Error('translation failed');
        return toPublicCabinetEvent(recorded);
      };

      await expect(service.rebuild({ envelopeOf: failingAfterTwenty })).rejects.toThrow('translation failed');

      expect(await service.rosters()).toEqual(before);
      expect(await service.readStore.collection(shadowCollectionOf(ROSTERS)).countDocuments({})).toBe(0);
      await expect(service.gate.pass([ROSTERS], async () => 'not held')).resolves.toBe('not held');
    });

    it('given a rebuilt model, when the live feed redelivers the whole history, then nothing changes', async () => {
      await service.rebuild();
      const rebuilt = await service.rosters();

      for (const recorded of await service.store.readAll()) await service.applyLive(recorded);

      expect(await service.rosters()).toEqual(rebuilt);
    });
  });
}
