import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type Connection, type ConnectOptions, type mongo } from 'mongoose';
import {
  DuplicateKeyError,
  ReadStore,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type ReadCollection,
  type ReadDocument,
  type Replacement,
  type Update,
  type UpdateResult,
} from '../read-store';
import { assertPortableUpdate, requireIds } from '../query-language';
import { StalledHeartbeatWatch } from './stalled-heartbeats';

export interface MongoReadStoreOptions {
  readonly connectTimeoutMS?: number;
  readonly log?: MongoReadStoreLog;
}

/** Where the store reports what an operator must see; a pino logger is one. */
export interface MongoReadStoreLog {
  warn(context: Readonly<Record<string, unknown>>, message: string): void;
  info(context: Readonly<Record<string, unknown>>, message: string): void;
}

/**
 * The distributed profile's read store: one MongoDB database (FerretDB in tests) reached through
 * a mongoose connection. Read models need no mongoose schema, so collections are used through the
 * driver's native API, which maps one to one onto the port.
 *
 * It heals after a database restart. The driver reconnects by itself, except when its monitoring
 * of the server hangs (stalled-heartbeats.ts): then the store opens a new connection, moves every
 * collection onto it and closes the stuck one. Operations fail meanwhile, as while the database
 * is down, and callers retry them (the bus redelivers, a request fails with a 5xx).
 */
export class MongoReadStore extends ReadStore {
  private connection: Connection;
  private watch: StalledHeartbeatWatch;
  private reconnecting: Promise<void> | null = null;
  /** Closes of replaced connections still under way: `close()` waits for them. */
  private readonly retiring = new Set<Promise<void>>();
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly options: ConnectionOptions,
    private readonly log: MongoReadStoreLog,
    connection: Connection,
  ) {
    super();
    this.connection = connection;
    this.watch = this.watchHeartbeats(connection);
  }

  /**
   * `connectTimeoutMS` (default 5 s) also bounds how long a hung monitor goes unnoticed (twice it,
   * and a second); `log` receives what an operator must see (default: JSON lines on stderr).
   */
  static async connect(url: string, dbName: string, { connectTimeoutMS = 5_000, log = stderrLog }: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
    const options: ConnectionOptions = {
      dbName,
      // Fail within seconds when the server is absent, instead of the driver's default 30 s.
      serverSelectionTimeoutMS: 5_000,
      connectTimeoutMS,
      heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS,
      // The connection is open before any use; a later outage should surface as the driver's
      // error, not as commands silently queued by mongoose.
      bufferCommands: false,
    };
    return new MongoReadStore(url, options, log, await open(url, options));
  }

  override collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    // Asked for at each operation: a projection keeps its collection for the life of the process,
    // across reconnections.
    return new MongoReadCollection<T>(name, () => this.connection.collection(name));
  }

  override async renameCollection(from: string, to: string): Promise<void> {
    if (from === to) throw new Error(`Cannot rename collection ${from} to itself`);
    try {
      // dropTarget: MongoDB drops `to` and renames `from` in one step, under one lock.
      await this.database().renameCollection(from, to, { dropTarget: true });
    } catch (error) {
      if (isNamespaceNotFound(error)) {
        // `from` was never written: the port counts it as empty, so `to` ends empty.
        await this.dropCollection(to);
      } else if (isNotImplemented(error)) {
        await this.renameInTwoSteps(from, to);
      } else {
        throw error;
      }
    }
  }

  /**
   * FerretDB v1 implements renameCollection without dropTarget (FerretDB issue #2565) and refuses
   * to rename onto an existing name, so the target is dropped first: a read between the two
   * commands (a round trip on loopback) finds the target empty. That is the one place where the
   * port's "one step" does not hold; it holds on MongoDB.
   */
  private async renameInTwoSteps(from: string, to: string): Promise<void> {
    await this.dropCollection(to);
    try {
      await this.database().renameCollection(from, to);
    } catch (error) {
      if (!isNamespaceNotFound(error)) throw error;
    }
  }

  override async dropCollection(name: string): Promise<void> {
    try {
      await this.database().dropCollection(name);
    } catch (error) {
      if (!isNamespaceNotFound(error)) throw error;
    }
  }

  override async dropAll(): Promise<void> {
    await this.connection.dropDatabase();
  }

  override async close(): Promise<void> {
    this.closed = true;
    this.watch.stop();
    await this.reconnecting;
    await Promise.all([this.connection.close(), ...this.retiring]);
  }

  private database(): mongo.Db {
    const { db } = this.connection;
    if (db === undefined) throw new Error('The read store connection is closed');
    return db;
  }

  private watchHeartbeats(connection: Connection): StalledHeartbeatWatch {
    const bounds = { connectTimeoutMS: this.options.connectTimeoutMS ?? 5_000, heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS };
    return new StalledHeartbeatWatch(connection.getClient(), bounds, (stall) => {
      if (this.closed || this.connection !== connection || this.reconnecting) return;
      this.log.warn({ database: this.options.dbName, ...stall }, 'The read store connection stopped monitoring its server; opening a new connection');
      this.reconnecting = this.replace(connection).finally(() => (this.reconnecting = null));
    });
  }

  /** Opens a new connection (again and again while the server is down), moves onto it, closes the stuck one. Never rejects. */
  private async replace(stuck: Connection): Promise<void> {
    const database = this.options.dbName;
    for (let attempt = 1; !this.closed; attempt++) {
      let fresh: Connection;
      try {
        fresh = await open(this.url, this.options);
      } catch (error) {
        this.log.warn({ database, attempt, err: error }, 'Opening a new read store connection failed; trying again after a pause');
        await sleep(REOPEN_PAUSE_MS);
        continue;
      }
      if (this.closed) {
        await fresh.destroy(true).catch(() => undefined);
        return;
      }
      this.watch.stop();
      this.connection = fresh;
      this.watch = this.watchHeartbeats(fresh);
      this.log.info({ database, attempt }, 'The read store is on a new connection');
      // Operations still on the stuck connection fail as it closes, and their callers retry them.
      const retired = stuck.destroy(true).catch((error: unknown) => {
        this.log.warn({ database, err: error }, 'Closing the replaced read store connection failed');
      });
      this.retiring.add(retired);
      void retired.finally(() => this.retiring.delete(retired));
      return;
    }
  }
}

/**
 * Statements in one update command. FerretDB v1.24 keeps each statement's query open until the
 * whole command ends (msg_update.go defers every close to the command's return), so a command of
 * 100 statements or more waits forever for a connection of its SQLite pool: measured, 99
 * replacements answer in 45 ms and 100 never do. Past about 25 a command saves little more anyway
 * (4.2 ms per 15 KB document at 25, 3.9 at 50, against 5.9 one by one).
 */
const REPLACEMENTS_PER_COMMAND = 50;

class MongoReadCollection<T extends ReadDocument> implements ReadCollection<T> {
  constructor(
    readonly name: string,
    private readonly nativeCollection: () => mongoose.Collection,
  ) {}

  /** The collection on the store's current connection. */
  private get native(): mongoose.Collection {
    return this.nativeCollection();
  }

  async createIndex({ keys, unique, name }: IndexSpec): Promise<void> {
    const options: mongo.CreateIndexesOptions = { unique: unique ?? false };
    if (name) options.name = name;
    await this.write(() => this.native.createIndex({ ...keys }, options));
  }

  async insertOne(document: T): Promise<void> {
    // The driver writes the `_id` it generates into the object it is given: give it a copy.
    await this.write(() => this.native.insertOne({ ...document }));
  }

  async insertAbsent(documents: readonly T[]): Promise<number> {
    requireIds(this.name, documents);
    if (documents.length === 0) return 0;
    try {
      // Unordered: the server writes every document it can and reports the rest together.
      // Copies, because the driver writes into the objects it is given.
      const result = await this.native.insertMany(
        documents.map((document) => ({ ...document })),
        { ordered: false },
      );
      return result.insertedCount;
    } catch (error) {
      if (!(error instanceof mongoose.mongo.MongoBulkWriteError)) throw error;
      const failures = [error.writeErrors].flat();
      // The driver also reports a connection lost mid-insert as a bulk write error, with no
      // write error and nothing inserted: only an answer that accounts for every document says
      // what became of each. Anything less may have written nothing, so it must fail (and the
      // caller try again), never count as done.
      if (error.insertedCount + failures.length !== documents.length) throw error;
      const stored = await this.idsStored(failures.map((failure) => documents[failure.index]._id));
      const otherFailure = failures.find((failure) => !stored.has(documents[failure.index]._id));
      if (otherFailure === undefined) return documents.length - failures.length;
      if (isDuplicateKeyCode(otherFailure.code, otherFailure.errmsg ?? '')) throw new DuplicateKeyError(this.name, otherFailure.errmsg ?? '');
      throw error;
    }
  }

  /**
   * Which of these `_id`s are stored. A failed insert whose `_id` is stored met its own earlier
   * copy; asking the store, rather than parsing error messages, holds for MongoDB and FerretDB alike.
   * One equality lookup per `_id`, not one `$in`: FerretDB v1 (deploy/local/ferretdb) answers
   * `_id` equality from its index but `$in` by reading the whole collection, which made every
   * redelivered consultation cost a scan of the ledger (seconds at 15 000 lines).
   */
  private async idsStored(ids: readonly unknown[]): Promise<Set<unknown>> {
    const found = await Promise.all(ids.map((id) => this.native.findOne({ _id: id } as Filter, { projection: { _id: 1 } })));
    return new Set(found.flatMap((document) => (document === null ? [] : [document._id])));
  }

  async findOne(filter: Filter): Promise<T | null> {
    const found = await this.native.findOne(filter);
    return found && toReadDocument<T>(found);
  }

  async find(filter: Filter, { sort, skip, limit }: FindOptions = {}): Promise<T[]> {
    const found = await this.native.find(filter, { sort, skip, limit }).toArray();
    return found.map((document) => toReadDocument<T>(document));
  }

  countDocuments(filter: Filter): Promise<number> {
    return this.native.countDocuments(filter);
  }

  async updateOne(
    filter: Filter,
    update: Update,
    options?: { readonly upsert?: boolean },
  ): Promise<UpdateResult> {
    assertPortableUpdate(this.name, update);
    const upsert = options?.upsert ?? false;
    const result = await this.write(() =>
      this.native.updateOne(filter, toDriverUpdate(update), { upsert }),
    );
    return toUpdateResult(result);
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertPortableUpdate(this.name, update);
    const result = await this.write(() => this.native.updateMany(filter, toDriverUpdate(update)));
    return toUpdateResult(result);
  }

  async replaceOne(
    filter: Filter,
    document: T,
    options?: { readonly upsert?: boolean },
  ): Promise<UpdateResult> {
    const upsert = options?.upsert ?? false;
    const result = await this.write(() => this.native.replaceOne(filter, document, { upsert }));
    return toUpdateResult(result);
  }

  async replaceEach(replacements: readonly Replacement<T>[]): Promise<number> {
    let matched = 0;
    for (let start = 0; start < replacements.length; start += REPLACEMENTS_PER_COMMAND) {
      const operations = replacements.slice(start, start + REPLACEMENTS_PER_COMMAND).map(({ filter, document }) => ({ replaceOne: { filter, replacement: document } }));
      matched += (await this.write(() => this.native.bulkWrite(operations, { ordered: false }))).matchedCount;
    }
    return matched;
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await this.native.deleteOne(filter)).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.native.deleteMany(filter)).deletedCount;
  }

  async indexes(): Promise<IndexSpec[]> {
    let described: mongo.IndexDescriptionInfo[];
    try {
      described = await this.native.indexes();
    } catch (error) {
      // A collection never written has no indexes to list.
      if (isNamespaceNotFound(error)) return [];
      throw error;
    }
    return described
      .filter((index) => index.name !== ID_INDEX)
      .map((index) => ({ name: index.name, keys: index.key as IndexSpec['keys'], unique: index.unique ?? false }));
  }

  private async write<R>(operation: () => Promise<R>): Promise<R> {
    try {
      return await operation();
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DuplicateKeyError(this.name, error.message);
      throw error;
    }
  }
}

type ConnectionOptions = ConnectOptions & { readonly dbName: string };

/** The driver's default, named because the stalled-heartbeat bound depends on it. */
const HEARTBEAT_FREQUENCY_MS = 10_000;
const REOPEN_PAUSE_MS = 1_000;

/** A connection that failed to open is destroyed: mongoose keeps every other in its list for good. */
async function open(url: string, options: ConnectionOptions): Promise<Connection> {
  const connection = mongoose.createConnection(url, options);
  try {
    return await connection.asPromise();
  } catch (error) {
    await connection.destroy(true).catch(() => undefined);
    throw error;
  }
}

/** JSON lines on stderr, the shape pino writes, for a store used without a process log. */
const stderrLog: MongoReadStoreLog = {
  warn: (context, message) => writeLogLine('warn', context, message),
  info: (context, message) => writeLogLine('info', context, message),
};

function writeLogLine(level: string, context: Readonly<Record<string, unknown>>, message: string): void {
  const fields = Object.fromEntries(
    Object.entries(context).map(([key, value]) => [key, value instanceof Error ? { name: value.name, message: value.message } : value]),
  );
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg: message, context: 'read-store', ...fields })}\n`);
}

/**
 * MongoDB reports every unique-index violation as E11000. FerretDB v1 (SQLite backend) does so
 * for inserts and upserts only: an update, a replacement or an index build that collides comes
 * back as an InternalError (code 1) carrying SQLite's own message.
 */
function isDuplicateKeyError(error: unknown): error is mongo.MongoServerError {
  return error instanceof mongoose.mongo.MongoServerError && isDuplicateKeyCode(error.code, error.message);
}

function isDuplicateKeyCode(code: unknown, message: string): boolean {
  const isFerretDbSqliteCollision = code === 1 && message.includes('UNIQUE constraint failed');
  return code === 11000 || isFerretDbSqliteCollision;
}

/** The index MongoDB keeps on every collection; never created nor listed through the port. */
const ID_INDEX = '_id_';

/** A server without some feature answers NotImplemented (FerretDB uses MongoDB's code). */
function isNotImplemented(error: unknown): boolean {
  return error instanceof mongoose.mongo.MongoServerError && (error.code === 238 || error.codeName === 'NotImplemented');
}

/** MongoDB's NamespaceNotFound: the collection does not exist. */
function isNamespaceNotFound(error: unknown): boolean {
  return error instanceof mongoose.mongo.MongoServerError && (error.code === 26 || error.codeName === 'NamespaceNotFound');
}

/** The port's `_id` rule: the ObjectId generated for a document stored without a key stays inside. */
function toReadDocument<T extends ReadDocument>(stored: mongo.WithId<mongo.Document>): T {
  if (!(stored._id instanceof mongoose.mongo.ObjectId)) return stored as ReadDocument as T;
  const { _id: _generated, ...document } = stored;
  return document as T;
}

/** The port's update is MongoDB's own update document; only the driver's `$pull` typing is narrower. */
function toDriverUpdate(update: Update): mongo.UpdateFilter<mongo.Document> {
  return update as mongo.UpdateFilter<mongo.Document>;
}

function toUpdateResult(result: mongo.UpdateResult): UpdateResult {
  const { matchedCount, modifiedCount, upsertedCount } = result;
  return { matchedCount, modifiedCount, upsertedCount };
}
