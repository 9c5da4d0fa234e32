/**
 * How the in-memory store filters, sorts and copies documents: mingo for MongoDB's full
 * semantics, with direct code for the shapes nearly every read has (top-level fields compared
 * with strings or numbers, sorts on such fields, documents made of plain JSON values). Each
 * shortcut answers only where its answer is certainly MongoDB's, and hands everything else to
 * mingo; the read-store contract runs both adapters through the same cases.
 *
 * Why it matters: every request of the embedded profile reads its caller's access and its own
 * read model here. Through mingo alone, listing a week of 50 appointments took about 600 µs
 * (building the query, testing each document, sorting through a cursor, structuredClone of the
 * results); these paths take about a tenth of that.
 */
import { Context } from 'mingo/core';
import { $limit, $skip, $sort } from 'mingo/operators/pipeline';
import * as queryOperators from 'mingo/operators/query';
import { Query } from 'mingo/query';
import type { Filter, FindOptions, ReadDocument } from '../read-store';

/**
 * Only what filters, sorts, skips and limits use. mingo's default entry points copy every one of
 * its operator tables (hundreds of expression operators) into each query they build: 40 µs per
 * query, against 7 µs with this context.
 */
const QUERY_CONTEXT = Context.init({ query: queryOperators, pipeline: { $sort, $skip, $limit } });

function mingoQuery(filter: Filter): Query {
  return new Query(filter, { context: QUERY_CONTEXT });
}

export type DocumentPredicate = (document: ReadDocument) => boolean;

type Comparable = string | number | boolean;
type Comparison = '$eq' | '$gt' | '$gte' | '$lt' | '$lte';
type FieldTest = (value: Comparable) => boolean;

const comparisons: Readonly<Record<Comparison, (value: Comparable, operand: Comparable) => boolean>> = {
  $eq: (value, operand) => value === operand,
  $gt: (value, operand) => value > operand,
  $gte: (value, operand) => value >= operand,
  $lt: (value, operand) => value < operand,
  $lte: (value, operand) => value <= operand,
};

const isComparable = (value: unknown): value is Comparable =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && !Number.isNaN(value));

/**
 * A field condition the shortcut decides: a string, a number or a boolean, or an object of `$eq
 * $gt $gte $lt $lte` with such operands, or `$in` with a list of them. Null when it is anything else.
 */
function fieldTestOf(condition: unknown): FieldTest | null {
  if (isComparable(condition)) return (value) => value === condition;
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return null;
  const tests: FieldTest[] = [];
  for (const [operator, operand] of Object.entries(condition)) {
    if (operator === '$in') {
      if (!Array.isArray(operand) || !operand.every(isComparable)) return null;
      const allowed = new Set<Comparable>(operand);
      tests.push((value) => allowed.has(value));
    } else if (operator in comparisons && isComparable(operand)) {
      const compare = comparisons[operator as Comparison];
      // MongoDB compares within a type only: a number is never above or below a string.
      tests.push((value) => typeof value === typeof operand && compare(value, operand));
    } else {
      return null;
    }
  }
  if (tests.length === 0) return null;
  return (value) => tests.every((test) => test(value));
}

/**
 * The filter as a predicate. Top-level fields whose conditions fieldTestOf decides are tested
 * directly wherever the document's value is a string, a number or a boolean; a missing or null
 * value fails every such condition, as in MongoDB. `$and` and `$or` combine such filters. A
 * document whose value is anything else (an array, whose elements MongoDB would test one by one,
 * a subdocument) is tested by mingo against the filter at hand, and so is any document under a
 * filter with another operator, a dotted path or another kind of condition.
 */
export function compileFilter(filter: Filter): DocumentPredicate {
  const tests: DocumentPredicate[] = [];
  let mingo: Query | undefined;
  const byMingo: DocumentPredicate = (document) => (mingo ??= mingoQuery(filter)).test(document);
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' || field === '$or') {
      if (!Array.isArray(condition) || condition.length === 0 || !condition.every(isPlainObject)) return testedByMingo(filter);
      const branches = condition.map((branch: Filter) => compileFilter(branch));
      tests.push(field === '$and' ? (document) => branches.every((branch) => branch(document)) : (document) => branches.some((branch) => branch(document)));
      continue;
    }
    const test = field.startsWith('$') || field.includes('.') ? null : fieldTestOf(condition);
    if (test === null) return testedByMingo(filter);
    tests.push((document) => {
      const value = document[field];
      if (value === undefined || value === null) return false;
      return isComparable(value) ? test(value) : byMingo(document);
    });
  }
  return (document) => tests.every((test) => test(document));
}

function isPlainObject(value: unknown): value is Filter {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

function testedByMingo(filter: Filter): DocumentPredicate {
  const query = mingoQuery(filter);
  return (document) => query.test(document);
}

/**
 * Sorted, skipped and limited as MongoDB would. Directly when every sort key is a top-level field
 * holding strings in every document, or numbers in every document; otherwise by mingo, which
 * knows MongoDB's order across types (missing and null first, arrays by their extreme element).
 */
export function arrange(documents: readonly ReadDocument[], { sort, skip, limit }: FindOptions): ReadDocument[] {
  let arranged: ReadDocument[];
  if (sort === undefined || Object.keys(sort).length === 0 || documents.length < 2) {
    arranged = [...documents];
  } else if (sortsDirectly(documents, sort)) {
    const keys = Object.entries(sort);
    arranged = [...documents].sort((left, right) => {
      for (const [field, direction] of keys) {
        const a = left[field] as Comparable;
        const b = right[field] as Comparable;
        if (a !== b) return (a < b ? -1 : 1) * direction;
      }
      return 0;
    });
  } else {
    arranged = mingoQuery({}).find<ReadDocument>(documents).sort(sort).all();
  }
  const from = skip ?? 0;
  // A limit of 0 means no limit, as in MongoDB.
  return limit ? arranged.slice(from, from + limit) : arranged.slice(from);
}

function sortsDirectly(documents: readonly ReadDocument[], sort: NonNullable<FindOptions['sort']>): boolean {
  return Object.keys(sort).every((field) => {
    if (field.startsWith('$') || field.includes('.')) return false;
    const type = typeof documents[0][field];
    if (type !== 'string' && type !== 'number') return false;
    return documents.every((document) => typeof document[field] === type && !Number.isNaN(document[field]));
  });
}

/**
 * A deep copy. Plain objects, arrays and primitives (all a read model holds in cabinet) are
 * copied directly, several times faster than structuredClone; anything else (a Date, a Map) by
 * structuredClone.
 */
export function copyDocument<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = copyDocument(value[index]);
    return copy as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  // for…in on a plain object lists its own enumerable keys, without the array Object.entries builds.
  for (const key in value) copy[key] = copyDocument((value as Record<string, unknown>)[key]);
  return copy as T;
}
