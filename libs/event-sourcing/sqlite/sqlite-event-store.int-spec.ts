import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describeCheckpointStoreContract } from '../checkpoint-store.contract';
import { describeEventStoreContract } from '../event-store.contract';
import type { RecordedEvent, StoreSubscription } from '../event-store';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';
import { DuplicateEventIdError, SqliteEventStore } from './sqlite-event-store';

let directory: string;
const checkpointEventStores: SqliteEventStore[] = [];
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
});
afterAll(async () => {
  await Promise.all(checkpointEventStores.map((eventStore) => eventStore.close()));
  rmSync(directory, { recursive: true, force: true });
});

const newFilePath = (): string => join(directory, `${randomUUID()}.db`);

// Every call opens another connection to one shared file: the contract's racing writers are
// two connections.
let contractFile: string | undefined;
describeEventStoreContract('SqliteEventStore', async () =>
  SqliteEventStore.open((contractFile ??= newFilePath())),
);

let checkpointFile: string | undefined;
describeCheckpointStoreContract('SqliteCheckpointStore', async () => {
  const eventStore = SqliteEventStore.open((checkpointFile ??= newFilePath()));
  checkpointEventStores.push(eventStore);
  return new SqliteCheckpointStore(eventStore);
});

describe('SqliteEventStore', () => {
  const toClose: Array<SqliteEventStore | StoreSubscription> = [];
  const track = <T extends SqliteEventStore | StoreSubscription>(closable: T): T => {
    toClose.push(closable);
    return closable;
  };
  afterEach(async () => {
    // Subscriptions were tracked after their store: close them first.
    for (const closable of toClose.splice(0).reverse()) await closable.close();
  });

  const collectInto = (delivered: RecordedEvent[]) => async (event: RecordedEvent) => {
    delivered.push(event);
  };

  it('keeps everything across a close and a reopen of the same file', async () => {
    const filePath = newFilePath();
    const writer = SqliteEventStore.open(filePath);
    await writer.appendToStream('account-1', [{ type: 'Opened', data: { email: 'a@example.org' } }], {
      expectedRevision: 'no_stream',
    });
    await writer.appendToStream('account-2', [{ type: 'Opened', data: {} }, { type: 'Closed', data: {} }], {
      expectedRevision: 'no_stream',
    });
    await new SqliteCheckpointStore(writer).save('publisher', '2');
    const writtenLog = await writer.readAll();
    await writer.close();

    const reopened = track(SqliteEventStore.open(filePath));

    expect(await reopened.readAll()).toEqual(writtenLog);
    expect(writtenLog.map((e) => e.position)).toEqual(['1', '2', '3']);
    expect(await new SqliteCheckpointStore(reopened).load('publisher')).toBe('2');
    const { nextExpectedRevision } = await reopened.appendToStream('account-1', [{ type: 'Renamed', data: {} }], {
      expectedRevision: 0,
    });
    expect(nextExpectedRevision).toBe(1);
  });

  it('creates the parent directory of a new file', async () => {
    const filePath = join(directory, 'data', 'nested', 'identity.db');

    const store = track(SqliteEventStore.open(filePath));
    await store.appendToStream('account-1', [{ type: 'Opened', data: {} }], { expectedRevision: 'no_stream' });

    expect(await store.readStream('account-1')).toHaveLength(1);
  });

  it('works in memory, for tests', async () => {
    const store = track(SqliteEventStore.open(':memory:'));

    await store.appendToStream('account-1', [{ type: 'Opened', data: {} }], { expectedRevision: 'no_stream' });

    expect(await store.readAll()).toHaveLength(1);
  });

  it('rejects an event id already stored, even in another stream', async () => {
    const store = track(SqliteEventStore.open(newFilePath()));
    const eventId = randomUUID();
    await store.appendToStream('payment-1', [{ eventId, type: 'Paid', data: {} }], { expectedRevision: 'no_stream' });

    const retry = store.appendToStream('payment-2', [{ eventId, type: 'Paid', data: {} }], { expectedRevision: 'any' });

    await expect(retry).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream('payment-2')).toEqual([]);
  });

  it('rejects a position it did not produce', async () => {
    const store = track(SqliteEventStore.open(':memory:'));

    await expect(store.readAll({ after: '00000000000000000001/00000000000000000001' })).rejects.toThrow(RangeError);
    expect(() => store.subscribeToAll({ after: '-1', onEvent: async () => undefined })).toThrow(RangeError);
  });

  describe('subscriptions', () => {
    it('catch up from the first event over several pages, then go live', async () => {
      const store = track(SqliteEventStore.open(newFilePath()));
      const backlog = Array.from({ length: 1_201 }, (_, index) => ({ type: 'Imported', data: { index } }));
      await store.appendToStream('import-1', backlog, { expectedRevision: 'no_stream' });
      const delivered: RecordedEvent[] = [];

      track(store.subscribeToAll({ onEvent: collectInto(delivered) }));
      await waitUntil(() => delivered.length === backlog.length);
      await store.appendToStream('import-1', [{ type: 'Finished', data: {} }], { expectedRevision: 1_200 });
      await waitUntil(() => delivered.length === backlog.length + 1);

      expect(delivered.map((e) => e.revision)).toEqual(Array.from({ length: 1_202 }, (_, index) => index));
    });

    it('are woken at once by an append through the same instance, without waiting for the poll', async () => {
      const store = track(SqliteEventStore.open(newFilePath(), { pollIntervalMs: 60_000 }));
      const delivered: RecordedEvent[] = [];
      track(store.subscribeToAll({ onEvent: collectInto(delivered) }));
      await pause(50);

      await store.appendToStream('account-1', [{ type: 'Opened', data: {} }], { expectedRevision: 'no_stream' });

      await waitUntil(() => delivered.length === 1, 1_000);
    });

    it('see by polling what another connection, as another process would, appends to the file', async () => {
      const filePath = newFilePath();
      const subscriber = track(SqliteEventStore.open(filePath, { pollIntervalMs: 50 }));
      const otherProcess = track(SqliteEventStore.open(filePath));
      const delivered: RecordedEvent[] = [];
      track(subscriber.subscribeToAll({ onEvent: collectInto(delivered) }));
      await pause(50);

      await otherProcess.appendToStream('account-1', [{ type: 'Opened', data: {} }], { expectedRevision: 'no_stream' });

      await waitUntil(() => delivered.length === 1, 1_000);
    });

    it('are stopped, handlers finished, when their store closes', async () => {
      const store = SqliteEventStore.open(newFilePath());
      await store.appendToStream('account-1', [{ type: 'Opened', data: {} }], { expectedRevision: 'no_stream' });
      let handlerFinished = false;
      store.subscribeToAll({
        onEvent: async () => {
          await pause(100);
          handlerFinished = true;
        },
      });
      await pause(20);

      await store.close();

      expect(handlerFinished).toBe(true);
    });
  });

  it('lets exactly one of two writer threads win each race for a new stream', async () => {
    const filePath = newFilePath();
    track(SqliteEventStore.open(filePath)); // creates the schema before the race
    const streamIds = Array.from({ length: 50 }, () => `race-${randomUUID()}`);
    const barrier = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const runWriter = () =>
      new Promise<string[]>((resolve, reject) => {
        const worker = new Worker(join(__dirname, 'racing-appender.worker.js'), {
          workerData: { filePath, streamIds, writers: 2, barrier },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      });

    const [first, second] = await Promise.all([runWriter(), runWriter()]);

    const outcomesPerRace = streamIds.map((_, round) => [first[round], second[round]].sort());
    expect(outcomesPerRace).toEqual(streamIds.map(() => ['conflict', 'won']));
  });
});

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await pause(10);
  }
}
