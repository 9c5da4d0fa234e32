import Database from 'better-sqlite3';
import { currentEventType } from '@osteo/contracts';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  EventStore,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type RecordedEvent,
  type StoreSubscription,
  type SubscribeAllOptions,
} from '../event-store';
import { rethrowAsUncaught } from '../subscription-failure';
import { SqliteSubscription } from './sqlite-subscription';

const IN_MEMORY = ':memory:';

/** How long a connection waits for another one's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_POLL_INTERVAL_MS = 500;
const CATCH_UP_PAGE_SIZE = 500;

export interface SqliteEventStoreOptions {
  /**
   * How often a live subscription looks for events appended by other connections to the same
   * file (another process); appends through this instance wake it at once.
   */
  readonly pollIntervalMs?: number;
}

/**
 * An event id of the append is already stored. The table keeps event ids unique across the
 * whole store, so a retried append can never store an event twice.
 */
export class DuplicateEventIdError extends Error {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_ID';
  constructor(
    readonly streamId: string,
    options: { readonly cause: unknown },
  ) {
    super(`Stream ${streamId}: an event id of this append is already stored`, options);
    this.name = 'DuplicateEventIdError';
  }
}

interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

interface EventInsert {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
}

const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/**
 * Each store's connection, for SqliteCheckpointStore to keep its table in the same file. Not
 * a public property: events must only ever be written through the checked append.
 */
const connections = new WeakMap<SqliteEventStore, Database.Database>();

/** Package-internal (index.ts does not export it). */
export function connectionOf(store: SqliteEventStore): Database.Database {
  const connection = connections.get(store);
  if (connection === undefined) throw new Error('Not an SqliteEventStore');
  return connection;
}

/**
 * The embedded EventStore: one SQLite file per service. The global position is the table's
 * integer primary key, so commit order is the order of the file; its decimal string is the
 * position a subscriber checkpoints.
 */
export class SqliteEventStore extends EventStore {
  private readonly db: Database.Database;
  private readonly pollIntervalMs: number;
  private readonly liveSubscriptions = new Set<SqliteSubscription>();
  private readonly selectLastRevision: Database.Statement<[string], { revision: number }>;
  private readonly insertEvent: Database.Statement<[EventInsert]>;
  private readonly selectStream: Database.Statement<[string], EventRow>;
  private readonly selectAfter: Database.Statement<[number, number], EventRow>;
  private readonly appendInTransaction: Database.Transaction<
    (streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) => AppendResult
  >;

  /** Opens `filePath` (created if missing, its directory must exist) or `':memory:'`. */
  constructor(filePath: string, options: SqliteEventStoreOptions = {}) {
    super();
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.db = new Database(filePath);
    // Set first: the statements below may have to wait for another connection opening the file.
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // WAL: readers (subscriptions, other processes) never block the writer, nor it them.
    this.db.pragma('journal_mode = WAL');
    // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss. This file is
    // the only record of a decision already answered to the user and possibly published to
    // Kafka, so each commit is worth its fsync.
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        -- AUTOINCREMENT: a position is never reused, even after deleting the last rows, so a
        -- saved checkpoint never comes to designate another event.
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
    connections.set(this, this.db);

    this.selectLastRevision = this.db.prepare(
      'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.insertEvent = this.db.prepare(`
      INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
      VALUES (@streamId, @revision, @eventId, @type, @data, @metadata, @recordedAt)
    `);
    this.selectStream = this.db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision`,
    );
    // LIMIT -1 is SQLite for "no limit".
    this.selectAfter = this.db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    );
    this.appendInTransaction = this.db.transaction((streamId, events, expected) =>
      this.appendChecked(streamId, events, expected),
    );
  }

  /** Opens a store file, creating its parent directory first (e.g. `$DATA_DIR/identity.db`). */
  static open(filePath: string, options?: SqliteEventStoreOptions): SqliteEventStore {
    if (filePath !== IN_MEMORY) mkdirSync(dirname(filePath), { recursive: true });
    return new SqliteEventStore(filePath, options);
  }

  override async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Stream ${streamId}: nothing to append`);
    let result: AppendResult;
    try {
      // IMMEDIATE takes the write lock before the revision check: a deferred transaction would
      // read under a shared lock and could then fail to upgrade it with SQLITE_BUSY, bypassing
      // busy_timeout, when another connection races for the same stream.
      result = this.appendInTransaction.immediate(streamId, events, options.expectedRevision);
    } catch (error) {
      throw isDuplicateEventId(error) ? new DuplicateEventIdError(streamId, { cause: error }) : error;
    }
    for (const subscription of this.liveSubscriptions) subscription.wakeUp();
    return result;
  }

  override async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.selectStream.all(streamId).map(toRecordedEvent);
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { maxCount } = options;
    if (maxCount !== undefined && !(Number.isSafeInteger(maxCount) && maxCount >= 0)) {
      throw new RangeError(`maxCount must be a non-negative integer, not ${maxCount}`);
    }
    return this.readAfter(options.after, maxCount ?? -1);
  }

  override subscribeToAll(options: SubscribeAllOptions): StoreSubscription {
    // Validated now, so a bad checkpoint fails the caller rather than the background loop.
    if (options.after !== undefined) parsePosition(options.after);
    const subscription: SqliteSubscription = new SqliteSubscription({
      after: options.after,
      readPageAfter: (position) => this.readAfter(position, CATCH_UP_PAGE_SIZE),
      pollIntervalMs: this.pollIntervalMs,
      onEvent: options.onEvent,
      onError: options.onError ?? rethrowAsUncaught,
      onStopped: () => this.liveSubscriptions.delete(subscription),
    });
    this.liveSubscriptions.add(subscription);
    return subscription;
  }

  /** Stops every subscription of this instance (awaiting their handlers), then the connection. */
  override async close(): Promise<void> {
    await Promise.all([...this.liveSubscriptions].map((subscription) => subscription.close()));
    if (this.db.open) this.db.close();
  }

  /** Runs inside the IMMEDIATE transaction: nothing else can write between check and insert. */
  private appendChecked(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult {
    const actual = this.selectLastRevision.get(streamId)?.revision ?? 'no_stream';
    if (!satisfiesExpectedRevision(expected, actual)) {
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const firstRevision = actual === 'no_stream' ? 0 : actual + 1;
    const recordedAt = new Date().toISOString();
    let lastPosition = 0;
    events.forEach((event, index) => {
      const { lastInsertRowid } = this.insertEvent.run({
        streamId,
        revision: firstRevision + index,
        eventId: event.eventId ?? randomUUID(),
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata ?? {}),
        recordedAt,
      });
      lastPosition = Number(lastInsertRowid);
    });
    return {
      nextExpectedRevision: firstRevision + events.length - 1,
      lastPosition: String(lastPosition),
    };
  }

  private readAfter(position: string | undefined, limit: number): RecordedEvent[] {
    const after = position === undefined ? 0 : parsePosition(position);
    return this.selectAfter.all(after, limit).map(toRecordedEvent);
  }
}

function satisfiesExpectedRevision(expected: ExpectedRevision, actual: number | 'no_stream'): boolean {
  return expected === 'any' || expected === actual;
}

function parsePosition(position: string): number {
  const parsed = Number(position);
  if (!/^(0|[1-9]\d*)$/.test(position) || !Number.isSafeInteger(parsed)) {
    throw new RangeError(`Not a position of an SQLite event store: "${position}"`);
  }
  return parsed;
}

/**
 * Matched by shape, not `instanceof`: better-sqlite3's native addon keeps the SqliteError class
 * of the first copy of the module loaded in the process (test runners load several, each in its
 * own realm, where even `instanceof Error` fails).
 */
function isDuplicateEventId(error: unknown): boolean {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: currentEventType(row.type),
    streamId: row.stream_id,
    revision: row.revision,
    position: String(row.position),
    data: JSON.parse(row.data) as RecordedEvent['data'],
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    recordedAt: row.recorded_at,
  };
}
