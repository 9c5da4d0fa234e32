import type Database from 'better-sqlite3';
import { CheckpointStore } from '../checkpoint-store';
import { connectionOf, type SqliteEventStore } from './sqlite-event-store';

interface CheckpointUpsert {
  readonly name: string;
  readonly position: string;
  readonly savedAt: string;
}

/**
 * Checkpoints in a `checkpoints` table of an SqliteEventStore's own file, so that a service's
 * events and the positions its subscribers reached live, and are backed up, together. It uses
 * the store's connection: closing the store closes it too.
 */
export class SqliteCheckpointStore extends CheckpointStore {
  private readonly selectPosition: Database.Statement<[string], { position: string }>;
  private readonly upsertPosition: Database.Statement<[CheckpointUpsert]>;

  constructor(eventStore: SqliteEventStore) {
    super();
    const db = connectionOf(eventStore);
    db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (
        name     TEXT PRIMARY KEY,
        position TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT
    `);
    this.selectPosition = db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.upsertPosition = db.prepare(`
      INSERT INTO checkpoints (name, position, saved_at) VALUES (@name, @position, @savedAt)
      ON CONFLICT (name) DO UPDATE SET position = excluded.position, saved_at = excluded.saved_at
    `);
  }

  override async load(name: string): Promise<string | null> {
    return this.selectPosition.get(name)?.position ?? null;
  }

  override async save(name: string, position: string): Promise<void> {
    this.upsertPosition.run({ name, position, savedAt: new Date().toISOString() });
  }
}
