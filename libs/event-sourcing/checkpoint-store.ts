/**
 * The CheckpointStore port: where a subscriber of the event store (the publisher, a projection)
 * remembers the position of the last event it fully handled, so that a restart resumes there
 * instead of replaying everything. Positions are the opaque strings of the EventStore they came
 * from. Adapters: in memory (tests, read models rebuilt at start) and SQLite (the event store's
 * own file). Both pass libs/event-sourcing/checkpoint-store.contract.ts.
 */
export abstract class CheckpointStore {
  /** The last position saved under `name`, or null when none was: start from the beginning. */
  abstract load(name: string): Promise<string | null>;

  /** Replaces the position saved under `name`. */
  abstract save(name: string, position: string): Promise<void>;
}

export class InMemoryCheckpointStore extends CheckpointStore {
  private readonly positions = new Map<string, string>();

  override async load(name: string): Promise<string | null> {
    return this.positions.get(name) ?? null;
  }

  override async save(name: string, position: string): Promise<void> {
    this.positions.set(name, position);
  }
}
