import { Rejection } from '@osteo/event-sourcing/rejection';
import type { Filter, ReadCollection, ReadDocument } from './read-store';

/**
 * Lists that grow answer in pages (docs/adr/0008-pagination.md): `?limit=&cursor=` →
 * `{ items, nextCursor, total }`. The cursor is the sort key of the last item given, so a page
 * starts strictly after it whatever was added or removed meanwhile (keyset, never an offset).
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface PageRequest {
  /** 1..MAX_PAGE_SIZE; the interface refuses anything else. */
  readonly limit: number;
  /** The `nextCursor` of the page before; absent for the first page. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
  /**
   * Every item of the list, all pages together, as counted when its first page was read: the
   * following pages repeat that count (their cursor carries it) rather than count again.
   */
  readonly total: number;
}

/** The list's order: fields compared in turn, the last one unique (an id), so the order is total. */
export type KeysetOrder = readonly (readonly [field: string, direction: 1 | -1])[];

type KeyValue = string | number;

export const firstPage = (limit = DEFAULT_PAGE_SIZE): PageRequest => ({ limit });

function invalidCursor(): Rejection {
  return new Rejection('invalid', 'REQUEST.INVALID', 'cursor must be a nextCursor this list answered; start again without it');
}

/** Where a following page starts (the key of the last item given) and the list's count at its first page. */
type Cursor = { readonly after: KeyValue[]; readonly total: number };

/** base64url of the key's values and the count: opaque to clients, who only hand it back. */
function encodeCursor({ after, total }: Cursor): string {
  return Buffer.from(JSON.stringify({ after, total }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, order: KeysetOrder): Cursor {
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const isKeyValue = (value: unknown): value is KeyValue => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  if (typeof decoded !== 'object' || decoded === null) throw invalidCursor();
  const { after, total } = decoded as Partial<Record<keyof Cursor, unknown>>;
  if (!Array.isArray(after) || after.length !== order.length || !after.every(isKeyValue)) throw invalidCursor();
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0) throw invalidCursor();
  return { after, total };
}

function keyOf(item: object, order: KeysetOrder): KeyValue[] {
  return order.map(([field]) => {
    const value = (item as Readonly<Record<string, unknown>>)[field];
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`The page order's field ${field} is not a string or a number in an item`);
    return value;
  });
}

function compareValues(left: KeyValue, right: KeyValue): number {
  // Code-unit order for text: the store's binary order for every text these lists sort by.
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

function compareKeys(left: readonly KeyValue[], right: readonly KeyValue[], order: KeysetOrder): number {
  for (const [index, [, direction]] of order.entries()) {
    const compared = compareValues(left[index], right[index]) * direction;
    if (compared !== 0) return compared;
  }
  return 0;
}

/**
 * What comes strictly after `key` in `order`: for (a asc, b desc, _id asc),
 * a > a0, or a = a0 and b < b0, or a = a0, b = b0 and _id > id0.
 */
function afterKeyFilter(key: readonly KeyValue[], order: KeysetOrder): Filter {
  return {
    $or: order.map(([field, direction], index) => ({
      ...Object.fromEntries(order.slice(0, index).map(([equalField], equalIndex) => [equalField, key[equalIndex]])),
      [field]: { [direction === 1 ? '$gt' : '$lt']: key[index] },
    })),
  };
}

/**
 * One page of a collection's documents matching `filter`, in `order`, with their total. Only the
 * first page counts: where the store has no index to count with (FerretDB v1 scans for any filter
 * but an `_id`), counting on every page doubled the cost of reading a long list to its end.
 */
export async function findPage<T extends ReadDocument>(collection: ReadCollection<T>, filter: Filter, order: KeysetOrder, request: PageRequest): Promise<Page<T>> {
  const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor, order);
  const [found, total] = await Promise.all([
    collection.find(cursor === undefined ? filter : { $and: [filter, afterKeyFilter(cursor.after, order)] }, {
      sort: Object.fromEntries(order),
      // One more than asked says whether a next page exists without counting what follows.
      limit: request.limit + 1,
    }),
    cursor === undefined ? collection.countDocuments(filter) : cursor.total,
  ]);
  return pageFrom(found, order, request.limit, total);
}

/**
 * One page of a list already in memory (one document's array, one event stream): the same
 * cursors and the same rules as findPage. `items` need not be sorted.
 */
export function pageOfList<T extends object>(items: readonly T[], order: KeysetOrder, request: PageRequest): Page<T> {
  const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor, order);
  const sorted = [...items].sort((left, right) => compareKeys(keyOf(left, order), keyOf(right, order), order));
  const following = cursor === undefined ? sorted : sorted.filter((item) => compareKeys(keyOf(item, order), cursor.after, order) > 0);
  return pageFrom(following.slice(0, request.limit + 1), order, request.limit, cursor?.total ?? items.length);
}

function pageFrom<T extends object>(found: readonly T[], order: KeysetOrder, limit: number, total: number): Page<T> {
  const items = found.slice(0, limit);
  const nextCursor = found.length > limit ? encodeCursor({ after: keyOf(items[items.length - 1], order), total }) : null;
  return { items, nextCursor, total };
}

/** Maps a page's items, keeping its cursor and total. */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(map) };
}
