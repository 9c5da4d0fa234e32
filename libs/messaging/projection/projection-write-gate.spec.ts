import { setImmediate as nextTurn } from 'node:timers/promises';
import { ProjectionWriteGate } from './projection-write-gate';

/** A promise with its resolver, to decide from the test when a write or a hold ends. */
function controlled(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Lets every pending continuation run. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await nextTurn();
}

describe('ProjectionWriteGate', () => {
  it('given no hold, when a live write passes, then it runs at once and its result comes back', async () => {
    const gate = new ProjectionWriteGate();

    expect(await gate.pass(['appointments'], async () => 'written')).toBe('written');
  });

  it('given a hold on a collection, when a live write to it passes, then it waits until the hold ends', async () => {
    const gate = new ProjectionWriteGate();
    const holding = controlled();
    const events: string[] = [];
    const hold = gate.hold('appointments', async () => {
      events.push('hold started');
      await holding.promise;
      events.push('hold ended');
    });
    await settle();

    const write = gate.pass(['appointments'], async () => void events.push('live write'));
    await settle();
    expect(events).toEqual(['hold started']);

    holding.resolve();
    await Promise.all([hold, write]);
    expect(events).toEqual(['hold started', 'hold ended', 'live write']);
  });

  it('given a live write in progress, when a hold starts, then its work waits for that write to end', async () => {
    const gate = new ProjectionWriteGate();
    const writing = controlled();
    const events: string[] = [];
    const write = gate.pass(['appointments', 'access_cabinets'], async () => {
      await writing.promise;
      events.push('live write ended');
    });
    await settle();

    const hold = gate.hold('appointments', async () => void events.push('hold work'));
    await settle();
    expect(events).toEqual([]);

    writing.resolve();
    await Promise.all([write, hold]);
    expect(events).toEqual(['live write ended', 'hold work']);
  });

  it('given a hold on one collection, when a live write to another passes, then it is not held back', async () => {
    const gate = new ProjectionWriteGate();
    const holding = controlled();
    const hold = gate.hold('appointments', () => holding.promise);
    await settle();

    await expect(gate.pass(['access_cabinets'], async () => 'written')).resolves.toBe('written');

    holding.resolve();
    await hold;
  });

  it('given a hold whose work fails, then the live writes resume and the failure reaches the holder', async () => {
    const gate = new ProjectionWriteGate();

    await expect(gate.hold('appointments', async () => Promise.reject(new Error('swap failed')))).rejects.toThrow('swap failed');
    await expect(gate.pass(['appointments'], async () => 'written')).resolves.toBe('written');
  });

  it('refuses a second hold of the same collection while the first lasts', async () => {
    const gate = new ProjectionWriteGate();
    const holding = controlled();
    const first = gate.hold('appointments', () => holding.promise);

    await expect(gate.hold('appointments', async () => undefined)).rejects.toThrow(/already held/);

    holding.resolve();
    await first;
  });
});
