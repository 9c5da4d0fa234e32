import Database from 'better-sqlite3';

/**
 * The baselines' event table, written with better-sqlite3 and nothing else. It copies what
 * SqliteEventStore sets up (libs/event-sourcing/sqlite/sqlite-event-store.ts): the same pragmas,
 * among them WAL with synchronous=FULL, which costs an fsync per commit, and the same table with
 * its unique indexes, which every insert maintains. A baseline on a cheaper table would flatter
 * the raw client.
 */
export function openRawEventTable(filePath: string): Database.Database {
  const db = new Database(filePath);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id   TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      event_id    TEXT    NOT NULL UNIQUE,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      recorded_at TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    ) STRICT
  `);
  return db;
}

export interface RawEventRow {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
}

/**
 * Inserts a new stream's events in one IMMEDIATE transaction, as SqliteEventStore does. A raw
 * client needs no revision query for a new stream: revisions start at 0, so the
 * UNIQUE (stream_id, revision) index alone rejects an append to a stream that already exists.
 */
export function rawNewStreamAppender(db: Database.Database): (rows: readonly RawEventRow[]) => void {
  const insert = db.prepare<[RawEventRow]>(`
    INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
    VALUES (@streamId, @revision, @eventId, @type, @data, @metadata, @recordedAt)
  `);
  const appendInTransaction = db.transaction((rows: readonly RawEventRow[]) => {
    for (const row of rows) insert.run(row);
  });
  return (rows) => appendInTransaction.immediate(rows);
}
