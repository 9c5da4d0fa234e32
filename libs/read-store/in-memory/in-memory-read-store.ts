import { isDeepStrictEqual } from 'node:util';
import { update as applyUpdateOperators } from 'mingo';
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
import { assertPortableUpdate, isOperatorExpression, requireIds } from '../query-language';
import { arrange, compileFilter, copyDocument } from './document-evaluation';

/**
 * The embedded profile's read store: MongoDB semantics in process memory, through mingo's query
 * and update engine. Documents are copied on the way in and out, so no caller can change what is
 * stored except through the collection.
 */
export class InMemoryReadStore extends ReadStore {
  private readonly collections = new Map<string, StoredCollection>();

  override collection<T extends ReadDocument = ReadDocument>(name: string): ReadCollection<T> {
    return new InMemoryCollection<T>(name, (named) => this.storedNamed(named));
  }

  override async renameCollection(from: string, to: string): Promise<void> {
    if (from === to) throw new Error(`Cannot rename collection ${from} to itself`);
    // The stored collection itself changes name, whatever it holds besides its documents, and
    // takes the target's place in one synchronous step: no reader can run in between.
    const moving = this.collections.get(from) ?? new StoredCollection(to);
    this.collections.delete(from);
    moving.name = to;
    this.collections.set(to, moving);
  }

  override async dropCollection(name: string): Promise<void> {
    this.collections.delete(name);
  }

  override async dropAll(): Promise<void> {
    // Emptied in place rather than forgotten: a handle taken before the drop keeps working on the
    // now empty collection, as it does with MongoDB.
    for (const stored of this.collections.values()) stored.clear();
  }

  override async close(): Promise<void> {
    // Nothing to release: the data lives as long as this object.
  }

  private storedNamed(name: string): StoredCollection {
    let stored = this.collections.get(name);
    if (!stored) {
      stored = new StoredCollection(name);
      this.collections.set(name, stored);
    }
    return stored;
  }
}

const NO_CHANGE: UpdateResult = { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };

class InMemoryCollection<T extends ReadDocument> implements ReadCollection<T> {
  constructor(
    readonly name: string,
    private readonly storedNamed: (name: string) => StoredCollection,
  ) {}

  /**
   * Found by name at each use, as MongoDB finds a collection: a handle taken before a rename
   * onto its name reads what was renamed there, one taken before a drop an empty collection.
   */
  private get stored(): StoredCollection {
    return this.storedNamed(this.name);
  }

  async createIndex({ keys, unique, name }: IndexSpec): Promise<void> {
    const indexName = name ?? defaultIndexName(keys);
    // A plain index only makes a server faster; a scan of memory needs none. It is still listed.
    if (unique) this.stored.addUniqueIndex(indexName, Object.keys(keys));
    this.stored.declareIndex({ name: indexName, keys, unique: unique ?? false });
  }

  async indexes(): Promise<IndexSpec[]> {
    return this.stored.declaredIndexes();
  }

  async insertOne(document: T): Promise<void> {
    this.stored.insert(copyDocument(document));
  }

  async insertAbsent(documents: readonly T[]): Promise<number> {
    requireIds(this.name, documents);
    let inserted = 0;
    let collision: unknown;
    for (const document of documents) {
      if (this.stored.matching({ _id: document._id }).length > 0) continue;
      // Like MongoDB's unordered insert: a collision does not stop the documents after it.
      try {
        this.stored.insert(copyDocument(document));
        inserted += 1;
      } catch (error) {
        collision ??= error;
      }
    }
    if (collision !== undefined) throw collision;
    return inserted;
  }

  async findOne(filter: Filter): Promise<T | null> {
    const [first] = this.stored.matching(filter);
    return first ? this.copyOut(first.document) : null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const matches = this.stored.matching(filter).map((row) => row.document);
    return arrange(matches, options).map((document) => this.copyOut(document));
  }

  async countDocuments(filter: Filter): Promise<number> {
    return this.stored.matching(filter).length;
  }

  async updateOne(
    filter: Filter,
    update: Update,
    options?: { readonly upsert?: boolean },
  ): Promise<UpdateResult> {
    assertPortableUpdate(this.name, update);
    const [first] = this.stored.matching(filter);
    if (first) return this.updateRows([first], update);
    if (!options?.upsert) return NO_CHANGE;
    this.stored.insert(documentToUpsert(filter, update));
    return { ...NO_CHANGE, upsertedCount: 1 };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertPortableUpdate(this.name, update);
    return this.updateRows(this.stored.matching(filter), update);
  }

  async replaceEach(replacements: readonly Replacement<T>[]): Promise<number> {
    let matched = 0;
    for (const { filter, document } of replacements) matched += (await this.replaceOne(filter, document)).matchedCount;
    return matched;
  }

  async replaceOne(
    filter: Filter,
    document: T,
    options?: { readonly upsert?: boolean },
  ): Promise<UpdateResult> {
    const replacement: ReadDocument = copyDocument(document);
    const [first] = this.stored.matching(filter);
    if (first) {
      // MongoDB keeps the stored key when the replacement does not name one.
      const storedKey = first.document._id;
      const replacing =
        replacement._id === undefined && storedKey !== undefined
          ? { _id: storedKey, ...replacement }
          : replacement;
      if (isDeepStrictEqual(replacing, first.document)) return { ...NO_CHANGE, matchedCount: 1 };
      this.stored.replace(first.rowId, replacing);
      return { ...NO_CHANGE, matchedCount: 1, modifiedCount: 1 };
    }
    if (!options?.upsert) return NO_CHANGE;
    // A replacement is the whole document: only the filter's `_id` carries over, as in MongoDB.
    const filterKey = equalitiesOf(filter)._id;
    const inserted =
      replacement._id === undefined && filterKey !== undefined
        ? { _id: filterKey, ...replacement }
        : replacement;
    this.stored.insert(inserted);
    return { ...NO_CHANGE, upsertedCount: 1 };
  }

  async deleteOne(filter: Filter): Promise<number> {
    const [first] = this.stored.matching(filter);
    if (!first) return 0;
    this.stored.delete(first.rowId);
    return 1;
  }

  async deleteMany(filter: Filter): Promise<number> {
    const rows = this.stored.matching(filter);
    for (const { rowId } of rows) this.stored.delete(rowId);
    return rows.length;
  }

  /** Like MongoDB, one document at a time: a collision stops the update and keeps the earlier ones. */
  private updateRows(rows: readonly Row[], update: Update): UpdateResult {
    const { $setOnInsert: _appliedOnlyOnInsert, ...updateOnMatch } = update;
    let modifiedCount = 0;
    for (const { rowId, document } of rows) {
      const updated = copyDocument(document);
      if (applyOperators(updated, updateOnMatch)) {
        this.stored.replace(rowId, updated);
        modifiedCount += 1;
      }
    }
    return { matchedCount: rows.length, modifiedCount, upsertedCount: 0 };
  }

  private copyOut(document: ReadDocument): T {
    // The port promises callers the document shape they stored under this collection's type.
    return copyDocument(document) as T;
  }
}

type RowId = number;

interface Row {
  readonly rowId: RowId;
  readonly document: ReadDocument;
}

/** One collection's documents, in insertion order (MongoDB's natural order), and its unique indexes. */
class StoredCollection {
  private readonly rows = new Map<RowId, ReadDocument>();
  private nextRowId: RowId = 0;
  /** MongoDB always keeps `_id` unique; this index also finds a document by `_id` without a scan. */
  private readonly idIndex = new UniqueIndex('_id_', ['_id'], { sparse: true });
  private readonly uniqueIndexes = new Map<string, UniqueIndex>([[this.idIndex.name, this.idIndex]]);
  /** Every index created, plain or unique, as it was asked for: what `indexes()` lists. */
  private readonly indexSpecs = new Map<string, IndexSpec>();

  /** Not readonly: renameCollection moves the whole collection under another name. */
  constructor(public name: string) {}

  matching(filter: Filter): Row[] {
    const matches = compileFilter(filter);
    return this.candidates(filter).filter(({ document }) => matches(document));
  }

  insert(document: ReadDocument): void {
    this.assertUnique(document);
    const rowId = this.nextRowId++;
    this.rows.set(rowId, document);
    for (const index of this.uniqueIndexes.values()) index.add(document, rowId);
  }

  replace(rowId: RowId, document: ReadDocument): void {
    const previous = this.rowDocument(rowId);
    if (!isDeepStrictEqual(document._id, previous._id)) {
      // MongoDB's own wording, so callers see one message whichever adapter runs.
      throw new Error(
        `Performing an update on the path '_id' would modify the immutable field '_id' (${this.name})`,
      );
    }
    this.assertUnique(document, rowId);
    for (const index of this.uniqueIndexes.values()) {
      index.remove(previous);
      index.add(document, rowId);
    }
    this.rows.set(rowId, document);
  }

  delete(rowId: RowId): void {
    const document = this.rowDocument(rowId);
    for (const index of this.uniqueIndexes.values()) index.remove(document);
    this.rows.delete(rowId);
  }

  addUniqueIndex(name: string, paths: readonly string[]): void {
    if (this.uniqueIndexes.has(name)) return;
    const index = new UniqueIndex(name, paths, { sparse: false });
    // Built aside and kept only if the stored documents already satisfy it, as MongoDB does.
    for (const [rowId, document] of this.rows) {
      if (index.rowIdOf(document) !== undefined) {
        throw new DuplicateKeyError(this.name, index.describeCollision(document));
      }
      index.add(document, rowId);
    }
    this.uniqueIndexes.set(name, index);
  }

  declareIndex(index: IndexSpec & { readonly name: string }): void {
    if (!this.indexSpecs.has(index.name)) this.indexSpecs.set(index.name, structuredClone(index));
  }

  declaredIndexes(): IndexSpec[] {
    return [...this.indexSpecs.values()].map((index) => structuredClone(index));
  }

  /** Documents and declared indexes go, as when MongoDB drops the collection. */
  clear(): void {
    this.rows.clear();
    this.idIndex.clear();
    this.uniqueIndexes.clear();
    this.uniqueIndexes.set(this.idIndex.name, this.idIndex);
    this.indexSpecs.clear();
  }

  /** `rowId` is the row the document replaces, which it may share keys with. */
  private assertUnique(document: ReadDocument, rowId?: RowId): void {
    for (const index of this.uniqueIndexes.values()) {
      const holder = index.rowIdOf(document);
      if (holder !== undefined && holder !== rowId) {
        throw new DuplicateKeyError(this.name, index.describeCollision(document));
      }
    }
  }

  /**
   * The rows a filter can match: only the one with the filter's `_id` when it names one (the
   * lookup a projection makes for every event), otherwise all of them.
   */
  private candidates(filter: Filter): Row[] {
    const key = filter._id;
    if (typeof key !== 'string' && typeof key !== 'number') {
      return Array.from(this.rows, ([rowId, document]) => ({ rowId, document }));
    }
    const rowId = this.idIndex.rowIdOf({ _id: key });
    return rowId === undefined ? [] : [{ rowId, document: this.rowDocument(rowId) }];
  }

  private rowDocument(rowId: RowId): ReadDocument {
    const document = this.rows.get(rowId);
    if (!document) throw new Error(`Row ${rowId} of ${this.name} is not stored (index out of step)`);
    return document;
  }
}

/** Which row holds each key of a unique index. */
class UniqueIndex {
  private readonly rowIdByKey = new Map<string, RowId>();

  /**
   * `sparse`: documents lacking the fields are left out (MongoDB generates a distinct `_id` for
   * them). Otherwise a missing field counts as `null`, MongoDB's rule for unique indexes.
   */
  constructor(
    readonly name: string,
    private readonly paths: readonly string[],
    private readonly options: { readonly sparse: boolean },
  ) {}

  /** The row already holding this document's key, if any. */
  rowIdOf(document: ReadDocument): RowId | undefined {
    const key = this.keyOf(document);
    return key === undefined ? undefined : this.rowIdByKey.get(key);
  }

  add(document: ReadDocument, rowId: RowId): void {
    const key = this.keyOf(document);
    if (key !== undefined) this.rowIdByKey.set(key, rowId);
  }

  remove(document: ReadDocument): void {
    const key = this.keyOf(document);
    if (key !== undefined) this.rowIdByKey.delete(key);
  }

  clear(): void {
    this.rowIdByKey.clear();
  }

  describeCollision(document: ReadDocument): string {
    return `index ${this.name} dup key ${this.keyOf(document)}`;
  }

  private keyOf(document: ReadDocument): string | undefined {
    const values = this.paths.map((path) => valueAtPath(document, path));
    if (this.options.sparse && values.every((value) => value === undefined)) return undefined;
    // JSON keeps types and key order apart ('1' vs 1), as MongoDB's key comparison does.
    return JSON.stringify(values.map((value) => value ?? null));
  }
}

function valueAtPath(document: ReadDocument, path: string): unknown {
  let value: unknown = document;
  for (const field of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[field];
  }
  return value;
}

/** MongoDB's default index name: `email_1`, `cabinetId_1_startsAt_-1`. */
function defaultIndexName(keys: IndexSpec['keys']): string {
  return Object.entries(keys)
    .map(([path, direction]) => `${path}_${direction}`)
    .join('_');
}

/** The document an upsert inserts: the filter's top-level equalities, then the update. */
function documentToUpsert(filter: Filter, update: Update): ReadDocument {
  // `_id` is set directly: mingo, like MongoDB, refuses `_id` in an update operator.
  const { _id, ...equalities } = equalitiesOf(filter);
  const document: ReadDocument = _id === undefined ? {} : { _id };
  // Each mingo update call sets up its operator tables anew, so calls are kept to the needed ones.
  if (Object.keys(equalities).length > 0) applyOperators(document, { $set: equalities });
  // MongoDB rejects an update whose `$setOnInsert` shares a path with another operator, so on an
  // insert it is simply more `$set`.
  const { $setOnInsert, ...updateOnMatch } = update;
  applyOperators(document, { ...updateOnMatch, $set: { ...updateOnMatch.$set, ...$setOnInsert } });
  return document;
}

function equalitiesOf(filter: Filter): Record<string, unknown> {
  const equalities: Record<string, unknown> = {};
  for (const [path, condition] of Object.entries(filter)) {
    if (path.startsWith('$')) continue;
    if (!isOperatorExpression(condition)) equalities[path] = condition;
    else if ('$eq' in condition) equalities[path] = condition.$eq;
  }
  return equalities;
}

type MingoModifier = Parameters<typeof applyUpdateOperators<ReadDocument>>[1];

/** Applies the update operators in place; true when the document changed. */
function applyOperators(document: ReadDocument, update: Update): boolean {
  // mingo types `$unset` values as '' where the port allows any value; both ignore the value.
  const modifier = update as MingoModifier;
  // Deep clone mode: values taken from the update must not stay shared with the caller's objects.
  const changedPaths = applyUpdateOperators(document, modifier, undefined, undefined, {
    cloneMode: 'deep',
  });
  return changedPaths.length > 0;
}
