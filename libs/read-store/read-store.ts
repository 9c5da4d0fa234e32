/**
 * The ReadStore port: Mongo-style collections where projections keep their read models.
 * Adapters: MongoDB through mongoose (FerretDB in tests) and in-memory through mingo. Both pass
 * libs/read-store/read-store.contract.ts. Stay inside what FerretDB v1 supports: plain and unique
 * indexes, finds, upserts, update operators ($set $inc $push $pull $unset $setOnInsert).
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
  readonly limit?: number;
  readonly skip?: number;
}

export interface UpdateResult {
  readonly matchedCount: number;
  readonly modifiedCount: number;
  readonly upsertedCount: number;
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

/** Documents are returned without Mongo's `_id` unless the caller set one itself. */
export interface ReadCollection<T extends ReadDocument = ReadDocument> {
  readonly name: string;
  createIndex(index: IndexSpec): Promise<void>;
  insertOne(document: T): Promise<void>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: { readonly upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Replaces the whole document (or inserts it with `upsert`). */
  replaceOne(filter: Filter, document: T, options?: { readonly upsert?: boolean }): Promise<UpdateResult>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
}

export abstract class ReadStore {
  abstract collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T>;
  /** Drops every collection of this store (rebuilds, tests). */
  abstract dropAll(): Promise<void>;
  abstract close(): Promise<void>;
}
