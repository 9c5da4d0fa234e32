/**
 * The ReadStore port: Mongo-style collections where projections keep their read models.
 * Adapters: MongoDB through mongoose (FerretDB in tests) and in-memory through mingo. Both pass
 * libs/read-store/read-store.contract.ts. Stay inside what FerretDB v1 supports: plain and unique
 * indexes, finds, upserts, update operators ($set $inc $push $pull $unset $setOnInsert).
 *
 * Where MongoDB and FerretDB v1 disagree, the port keeps to what both do:
 * - `$pull` takes the element to remove (a value or a whole subdocument), never a condition:
 *   FerretDB reads `{ $in: [...] }` as a literal and removes nothing, so adapters reject it.
 * - An upsert seeds the new document from the filter's top-level equalities only (`field: value`,
 *   `field: { $eq: value }`); FerretDB ignores equalities nested in `$and`.
 * - A unique index should cover fields every document has: MongoDB counts a missing field as
 *   `null` (two documents without it collide), FerretDB does not index them at all.
 */

export type ReadDocument = Record<string, unknown>;

/** A Mongo query filter (equality, $eq $ne $gt $gte $lt $lte $in $nin $exists $and $or $regex). */
export type Filter = Readonly<Record<string, unknown>>;

/** A Mongo update document made of update operators only. */
export type Update = Readonly<{
  $set?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
  $unset?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
}>;

export interface FindOptions {
  /** Field → 1 (ascending) or -1 (descending), applied in key order. */
  readonly sort?: Readonly<Record<string, 1 | -1>>;
  /** 0 means no limit, as in MongoDB. */
  readonly limit?: number;
  readonly skip?: number;
}

export interface UpdateResult {
  readonly matchedCount: number;
  /** Matches the update changed. FerretDB v1 also counts an `$inc` by 0 of an integer. */
  readonly modifiedCount: number;
  readonly upsertedCount: number;
}

/** One of `replaceEach`'s writes: the document that replaces the one `filter` matches, if any. */
export interface Replacement<T extends ReadDocument = ReadDocument> {
  readonly filter: Filter;
  readonly document: T;
}

export interface IndexSpec {
  readonly keys: Readonly<Record<string, 1 | -1>>;
  readonly unique?: boolean;
  readonly name?: string;
}

export class DuplicateKeyError extends Error {
  readonly code = 'READ_STORE.DUPLICATE_KEY';
  constructor(
    readonly collection: string,
    readonly detail: string,
  ) {
    super(`Duplicate key in ${collection}: ${detail}`);
    this.name = 'DuplicateKeyError';
  }
}

/**
 * The `_id` rule: a read model carries its own key in `_id` (a string or number, usually the
 * read model id), which is unique in its collection, returned as stored, and cannot change
 * (`replaceOne` without an `_id` keeps the stored one). A document stored without `_id` comes
 * back without one: MongoDB's generated ObjectId is never exposed.
 */
export interface ReadCollection<T extends ReadDocument = ReadDocument> {
  readonly name: string;
  createIndex(index: IndexSpec): Promise<void>;
  insertOne(document: T): Promise<void>;
  /**
   * Inserts, in one round trip, each document whose `_id` is not stored yet, and leaves the
   * stored ones as they are; answers how many it inserted. Made for write-once documents with
   * deterministic ids (ledger lines): writing them again after a redelivery changes nothing.
   * Every document needs an `_id`. A collision with another unique index is still an error
   * (DuplicateKeyError), raised once the other documents are written.
   */
  insertAbsent(documents: readonly T[]): Promise<number>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: { readonly upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Replaces the whole document (or inserts it with `upsert`). */
  replaceOne(filter: Filter, document: T, options?: { readonly upsert?: boolean }): Promise<UpdateResult>;
  /**
   * `replaceOne` of each pair, without upsert, in as few round trips as the store allows; answers
   * how many filters matched in all. Made for compare-and-set writes of many documents (a run of
   * a projection): which ones did not match, the store does not say, so a caller short of the
   * count reads back the documents it cares about. Unordered: a failure leaves the others written
   * or not, and a rejection says nothing of which.
   */
  replaceEach(replacements: readonly Replacement<T>[]): Promise<number>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  /** The indexes created on this collection, each with its name; the `_id` index is not listed. */
  indexes(): Promise<IndexSpec[]>;
}

export abstract class ReadStore {
  abstract collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T>;
  /**
   * Puts collection `from`, its documents and indexes, in the place of collection `to`, whose own
   * are dropped: in one step, so a reader of `to` finds the old collection or the new one, never
   * a mix or nothing (a rebuilt read model swapped in). Handles work by name: one on `to` reads
   * the new documents, one on `from` an empty collection. A `from` never written counts as empty.
   * FerretDB v1 lacks the one-step form (renameCollection's dropTarget): there the target is
   * dropped, then the source renamed, and a read in between finds the target empty.
   */
  abstract renameCollection(from: string, to: string): Promise<void>;
  /** Drops one collection and its indexes; a collection that does not exist is already dropped. */
  abstract dropCollection(name: string): Promise<void>;
  /** Drops every collection of this store (rebuilds, tests). */
  abstract dropAll(): Promise<void>;
  abstract close(): Promise<void>;
}
