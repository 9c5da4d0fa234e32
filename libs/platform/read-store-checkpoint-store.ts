import { CheckpointStore } from '@osteo/event-sourcing';
import type { ReadStore } from '@osteo/read-store';

interface CheckpointDocument extends Record<string, unknown> {
  readonly _id: string;
  readonly position: string;
}

/** Keeps checkpoints beside the read models where the event store has no room for them. */
export class ReadStoreCheckpointStore extends CheckpointStore {
  constructor(private readonly readStore: ReadStore) {
    super();
  }

  async load(name: string): Promise<string | null> {
    const document = await this.readStore.collection<CheckpointDocument>('_checkpoints').findOne({ _id: name });
    return document?.position ?? null;
  }

  async save(name: string, position: string): Promise<void> {
    await this.readStore.collection<CheckpointDocument>('_checkpoints').replaceOne({ _id: name }, { _id: name, position }, { upsert: true });
  }
}
