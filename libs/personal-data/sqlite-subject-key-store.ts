import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { KEY_BYTES } from './field-cipher';
import { SubjectKeyStore } from './subject-key-store';

/**
 * Keys in a SQLite file of their own (`<service>.keys.sqlite`), beside the event store but never
 * inside it: a copy of the events alone reads nothing personal.
 *
 * `secure_delete` overwrites an erased key's bytes in the file instead of leaving them in a free
 * page; the rollback journal (not WAL, whose file keeps old pages until it is overwritten) holds
 * them only for the length of the erasing transaction, then is deleted.
 */
export class SqliteSubjectKeyStore extends SubjectKeyStore {
  private readonly db: Database.Database;
  private readonly insertAbsent: Database.Statement<[string, Buffer]>;
  private readonly selectKey: Database.Statement<[string], { key: Buffer | null }>;
  private readonly eraseKey: Database.Statement<[string, string]>;

  /** Opens `filePath` (created if missing, its directory must exist) or `':memory:'`. */
  constructor(filePath: string) {
    super();
    this.db = new Database(filePath);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS subject_keys (
        subject_id TEXT PRIMARY KEY,
        -- NULL once erased: the row stays so that no new key is ever made for the subject.
        key        BLOB,
        erased_at  TEXT
      ) STRICT
    `);
    this.insertAbsent = this.db.prepare('INSERT INTO subject_keys (subject_id, key) VALUES (?, ?) ON CONFLICT (subject_id) DO NOTHING');
    this.selectKey = this.db.prepare('SELECT key FROM subject_keys WHERE subject_id = ?');
    this.eraseKey = this.db.prepare(
      `INSERT INTO subject_keys (subject_id, key, erased_at) VALUES (?, NULL, ?)
       ON CONFLICT (subject_id) DO UPDATE SET key = NULL, erased_at = COALESCE(erased_at, excluded.erased_at)`,
    );
  }

  override async keyFor(subjectId: string): Promise<Buffer | null> {
    // Two writers making a first key at once: one insert wins, both read the winner's key.
    this.insertAbsent.run(subjectId, randomBytes(KEY_BYTES));
    return this.selectKey.get(subjectId)?.key ?? null;
  }

  override async existingKeyFor(subjectId: string): Promise<Buffer | null> {
    return this.selectKey.get(subjectId)?.key ?? null;
  }

  override async erase(subjectId: string): Promise<void> {
    this.eraseKey.run(subjectId, new Date().toISOString());
  }

  override async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
