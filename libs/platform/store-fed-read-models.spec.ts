import { SqliteEventStore } from '@osteo/event-sourcing';
import { ProjectionRunner, ProjectionWriteGate } from '@osteo/messaging';
import { type CabinetEvent, cabinetHistory, cabinetRosterProjection, toAppend } from '../messaging/test-support/cabinet-roster';
import { InMemoryReadStore, type ReadDocument, type ReadStore } from '@osteo/read-store';
import { ObservedReadStore } from '@osteo/read-store/observed-read-store';
import { asPrivateEnvelope, StoreFedReadModels } from './store-fed-read-models';

const CHECKPOINT = 'test.private-read-models';
const ROSTERS = cabinetRosterProjection.collection;

/** The rosters, `_version` left out: it counts writes, one per run here against one per event one by one. */
async function rostersOf(readStore: ReadStore): Promise<ReadDocument[]> {
  return (await readStore.collection(ROSTERS).find({}, { sort: { _id: 1 } })).map(({ _version, ...roster }) => roster);
}

describe('StoreFedReadModels', () => {
  const history = cabinetHistory(6, 12);
  let store: SqliteEventStore;
  let readStore: ObservedReadStore;
  let readModels: StoreFedReadModels | undefined;

  async function append(events: readonly CabinetEvent[]): Promise<void> {
    for (const event of events) await store.appendToStream(event.streamId, [toAppend(event, 'correlation-1')], { expectedRevision: 'any' });
  }

  /** What the runner leaves applying every stored event one by one: the feed must end there. */
  async function rostersOneByOne(): Promise<ReadDocument[]> {
    const oneByOne = new InMemoryReadStore();
    const runner = new ProjectionRunner(oneByOne, [cabinetRosterProjection]);
    for (const recorded of await store.readAll()) await runner.apply(asPrivateEnvelope(recorded));
    return rostersOf(oneByOne);
  }

  function feed(maxRun?: number): StoreFedReadModels {
    readModels = new StoreFedReadModels(store, readStore, new ProjectionWriteGate(), CHECKPOINT, [cabinetRosterProjection], { maxRun });
    return readModels;
  }

  const count = (operations: readonly string[], operation: string) => operations.filter((done) => done === operation).length;

  beforeEach(() => {
    store = SqliteEventStore.open(':memory:', { pollIntervalMs: 5 });
    readStore = new ObservedReadStore();
  });

  afterEach(async () => {
    await readModels?.stop();
    readModels = undefined;
    await store.close();
  });

  it('given a stored history, when it catches up, then it writes each roster once per run and checkpoints once per run, ending where one-by-one application ends', async () => {
    await append(history);
    const readModels = feed();

    const operations = await readStore.operationsOf(async () => {
      await readModels.start();
      await readModels.caughtUp();
    });

    expect(await rostersOf(readStore)).toEqual(await rostersOneByOne());
    // One run (the history is shorter than a run): one insert of the rosters it builds, one checkpoint, nothing replaced;
    // a cabinet opened and closed within the run leaves nothing to insert, and is read once in case it was stored before.
    const closed = history.filter((event) => event.type === 'CabinetClosed').length;
    expect(count(operations, `${ROSTERS}.insertAbsent`)).toBe(1);
    expect(count(operations, `${ROSTERS}.replaceOne`)).toBe(0);
    expect(count(operations, `${ROSTERS}.findOne`)).toBe(closed);
    expect(count(operations, '_checkpoints.replaceOne')).toBe(1);
  });

  it('given runs shorter than the backlog and events appended while it runs, then it ends where one-by-one application ends, and a restart from its checkpoint writes nothing', async () => {
    const half = history.length / 2;
    await append(history.slice(0, half));
    const first = feed(7);
    await first.start();
    await append(history.slice(half));
    await first.caughtUp();
    const expected = await rostersOneByOne();
    expect(await rostersOf(readStore)).toEqual(expected);
    await first.stop();

    const second = feed(7);
    const operations = await readStore.operationsOf(async () => {
      await second.start();
      await second.caughtUp();
    });

    expect(operations.filter((operation) => operation.startsWith(`${ROSTERS}.`))).toEqual([]);
    expect(await rostersOf(readStore)).toEqual(expected);
  });

  it('given runs bounded by the documents they change, then a backlog of six rosters takes three runs at least, ending where one-by-one application ends', async () => {
    await append(history);
    readModels = new StoreFedReadModels(store, readStore, new ProjectionWriteGate(), CHECKPOINT, [cabinetRosterProjection], { maxRunDocuments: 2 });

    const operations = await readStore.operationsOf(async () => {
      await readModels!.start();
      await readModels!.caughtUp();
    });

    expect(await rostersOf(readStore)).toEqual(await rostersOneByOne());
    expect(count(operations, '_checkpoints.replaceOne')).toBeGreaterThanOrEqual(3);
  });

  it('given events appended one at a time while it follows the store, then the rosters end where one-by-one application ends', async () => {
    const readModels = feed();
    await readModels.start();
    for (const event of history) await append([event]);

    await readModels.caughtUp();

    expect(await rostersOf(readStore)).toEqual(await rostersOneByOne());
  });

  it('holds its runs back while a rebuild holds the collection, then applies them', async () => {
    let runWaiting!: () => void;
    const waiting = new Promise<void>((resolve) => (runWaiting = resolve));
    /** Tells the test when a run reaches the gate. */
    class ObservedGate extends ProjectionWriteGate {
      override pass<T>(collections: readonly string[], write: () => Promise<T>): Promise<T> {
        runWaiting();
        return super.pass(collections, write);
      }
    }
    const gate = new ObservedGate();
    readModels = new StoreFedReadModels(store, readStore, gate, CHECKPOINT, [cabinetRosterProjection]);
    let release!: () => void;
    const held = gate.hold(ROSTERS, () => new Promise<void>((resolve) => (release = resolve)));
    await readModels.start();
    await append(history);
    await waiting;

    expect(await readStore.collection(ROSTERS).countDocuments({})).toBe(0);
    release();
    await held;
    await readModels.caughtUp();
    expect(await rostersOf(readStore)).toEqual(await rostersOneByOne());
  });
});
