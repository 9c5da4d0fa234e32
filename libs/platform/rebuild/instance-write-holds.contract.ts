import { ProjectionWriteGate } from '@osteo/messaging';
import type { ReadStore } from '@osteo/read-store';
import { InstanceWriteHolds } from './instance-write-holds';

const MEMBER_TIMEOUT_MS = 10_000;

/**
 * The rebuild's writer hold across instances, on one ReadStore adapter: two (or three) instances,
 * each its own gate and its own connection to the one read store (all that instances share),
 * with a clock the test moves and periods the test runs (`tick`). `open` gives a connection to a
 * fresh store, the same store for every call within a test.
 */
export function describeInstanceWriteHoldsContract(adapter: string, openStore: () => { connect: () => Promise<ReadStore>; drop: () => Promise<void> }): void {
  describe(`InstanceWriteHolds on ${adapter}`, () => {
    let store: { connect: () => Promise<ReadStore>; drop: () => Promise<void> };
    let connections: ReadStore[];
    let now: number;
    const clock = { now: () => new Date(now) };

    beforeEach(() => {
      store = openStore();
      connections = [];
      now = Date.parse('2026-03-02T09:00:00.000Z');
    });

    afterEach(async () => {
      await store.drop();
      await Promise.all(connections.map((connection) => connection.close()));
    });

    const instance = async (name: string): Promise<{ gate: ProjectionWriteGate; holds: InstanceWriteHolds }> => {
      const readStore = await store.connect();
      connections.push(readStore);
      const gate = new ProjectionWriteGate();
      const holds = new InstanceWriteHolds({
        readStore,
        gate,
        instance: name,
        clock,
        periodMs: 20,
        memberTimeoutMs: MEMBER_TIMEOUT_MS,
        acknowledgeTimeoutMs: 60_000,
        logger: { log: () => undefined },
      });
      gate.holdAcrossInstances(holds);
      return { gate, holds };
    };

    it('given a write in flight in another instance, when a rebuild holds the collection, then it works once that write ended, and the other instance writes again only after the release', async () => {
      const a = await instance('a');
      const b = await instance('b');
      await a.holds.tick();
      await b.holds.tick();
      const happened: string[] = [];
      let endWriteInFlight!: () => void;
      const inFlight = b.gate.pass(['notes'], () => new Promise<void>((resolve) => (endWriteInFlight = resolve)).then(() => void happened.push('b: write in flight ended')));

      const holding = a.gate.hold('notes', async () => void happened.push('a: rebuild swaps'));
      await until(async () => (await connections[0]!.collection('_write_holds').countDocuments({})) === 1);
      await b.holds.tick();
      const lateWrite = b.gate.pass(['notes'], async () => void happened.push('b: write begun during the hold'));
      const otherCollection = b.gate.pass(['agenda'], async () => void happened.push('b: write to another collection'));
      await otherCollection;
      expect(happened).toEqual(['b: write to another collection']);

      endWriteInFlight();
      await inFlight;
      await holding;
      expect(happened).toEqual(['b: write to another collection', 'b: write in flight ended', 'a: rebuild swaps']);
      await b.holds.tick();
      await lateWrite;
      expect(happened).toEqual(['b: write to another collection', 'b: write in flight ended', 'a: rebuild swaps', 'b: write begun during the hold']);
    });

    it('given an instance not seen for longer than the member timeout, when a rebuild holds, then it does not wait for it', async () => {
      const a = await instance('a');
      const gone = await instance('gone');
      await gone.holds.tick();
      now += MEMBER_TIMEOUT_MS + 1;
      await a.holds.tick();

      await expect(a.gate.hold('notes', async () => 'swapped')).resolves.toBe('swapped');
    });

    it('given a rebuilding instance that died holding, when its hold expires, then the other instances write again', async () => {
      const a = await instance('a');
      const b = await instance('b');
      await a.holds.tick();
      await b.holds.tick();
      void a.gate.hold('notes', () => new Promise<void>(() => undefined)).catch(() => undefined);
      await until(async () => (await connections[0]!.collection('_write_holds').countDocuments({})) === 1);
      await b.holds.tick();
      const happened: string[] = [];
      const write = b.gate.pass(['notes'], async () => void happened.push('b: write'));
      await b.holds.tick();
      expect(happened).toEqual([]);

      now += MEMBER_TIMEOUT_MS + 1;
      await b.holds.tick();
      await write;
      expect(happened).toEqual(['b: write']);
      await a.holds.stop();
    });

    it('given a collection held by a live instance, when another instance tries to hold it, then it is refused', async () => {
      const a = await instance('a');
      const b = await instance('b');
      let release!: () => void;
      const first = a.gate.hold('notes', () => new Promise<void>((resolve) => (release = resolve)));
      await until(async () => (await connections[0]!.collection('_write_holds').countDocuments({})) === 1);

      await expect(b.gate.hold('notes', async () => undefined)).rejects.toThrow(/already held by a/);
      await b.holds.tick();
      await until(async () => release !== undefined);
      release();
      await first;
    });
  });
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}
