/**
 * Holds the live writers of a collection in the other instances of the service as well, around
 * this instance's own hold (libs/platform/rebuild/instance-write-holds.ts, over the read store).
 */
export interface WriteHoldAcrossInstances {
  holdEverywhere<T>(collection: string, holdHere: () => Promise<T>): Promise<T>;
}

/**
 * Lets a read-model rebuild hold back the live writers of one collection while it applies the
 * last events and swaps its rebuilt collection in: a live write landing on the old collection
 * then would be lost. Why this is enough: docs/adr/0002-rebuild-gate.md.
 */
export class ProjectionWriteGate {
  private acrossInstances: WriteHoldAcrossInstances | undefined;

  /** Per held collection, resolved when it is released. */
  private readonly held = new Map<string, Promise<void>>();
  /** Per collection, the live writes in progress. */
  private readonly writing = new Map<string, number>();
  /** Per collection, the holder waiting for the writes in progress to end. */
  private readonly drained = new Map<string, () => void>();

  /** Runs a live write to these collections once none of them is held. */
  async pass<T>(collections: readonly string[], write: () => Promise<T>): Promise<T> {
    for (;;) {
      const holds = collections.flatMap((collection) => this.held.get(collection) ?? []);
      if (holds.length === 0) break;
      await Promise.all(holds);
    }
    // From here to the increments there is no await, so a hold taken meanwhile waits for this write.
    for (const collection of collections) this.writing.set(collection, (this.writing.get(collection) ?? 0) + 1);
    try {
      return await write();
    } finally {
      for (const collection of collections) this.writeEnded(collection);
    }
  }

  /** Wiring: from then on a hold also holds the other instances' writers (several instances share the read store). */
  holdAcrossInstances(across: WriteHoldAcrossInstances): void {
    this.acrossInstances = across;
  }

  /**
   * Stops new live writes to `collection`, waits for those in progress, runs `work`, then lets
   * the live writes resume; in every instance of the service where holds span instances. One
   * holder per collection at a time.
   */
  async hold<T>(collection: string, work: () => Promise<T>): Promise<T> {
    const here = (): Promise<T> => this.holdHere(collection, work);
    return this.acrossInstances === undefined ? here() : this.acrossInstances.holdEverywhere(collection, here);
  }

  /** The hold in this process only: what a rebuild in another instance asks of this one. */
  async holdHere<T>(collection: string, work: () => Promise<T>): Promise<T> {
    if (this.held.has(collection)) throw new Error(`The live writes to ${collection} are already held`);
    let release!: () => void;
    this.held.set(collection, new Promise<void>((resolve) => (release = resolve)));
    try {
      if ((this.writing.get(collection) ?? 0) > 0) {
        await new Promise<void>((resolve) => this.drained.set(collection, resolve));
      }
      return await work();
    } finally {
      this.held.delete(collection);
      release();
    }
  }

  private writeEnded(collection: string): void {
    const remaining = (this.writing.get(collection) ?? 1) - 1;
    if (remaining > 0) {
      this.writing.set(collection, remaining);
      return;
    }
    this.writing.delete(collection);
    const notifyHolder = this.drained.get(collection);
    this.drained.delete(collection);
    notifyHolder?.();
  }
}
