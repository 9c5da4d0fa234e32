import fc from 'fast-check';
import { Query, find } from 'mingo';
import type { Filter, ReadDocument } from '../read-store';
import { arrange, compileFilter, copyDocument } from './document-evaluation';

// Values of every kind a document or a condition may hold, few enough that they collide often.
// Objects get Object's prototype: documents come from JSON or a driver (mingo itself fails on
// prototype-less ones).
const scalar = fc.oneof(fc.constantFrom('a', 'b', 'B', ''), fc.integer({ min: -2, max: 2 }), fc.constantFrom(0.5, true, false));
const fieldValue = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ city: scalar }, { noNullPrototype: true }) },
);
const fields = ['a', 'b'] as const;
const document = fc.record({ a: fieldValue, b: fieldValue }, { requiredKeys: [], noNullPrototype: true });

const comparison = fc.constantFrom('$eq', '$gt', '$gte', '$lt', '$lte');
const condition: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 3, arbitrary: fc.dictionary(comparison, scalar, { minKeys: 1, maxKeys: 2, noNullPrototype: true }) },
  { weight: 2, arbitrary: fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }, { noNullPrototype: true }) },
  // Conditions the shortcut leaves to mingo, so that mixing both paths is exercised too.
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ $ne: scalar }, { noNullPrototype: true }) },
  { weight: 1, arbitrary: fc.record({ $exists: fc.boolean() }, { noNullPrototype: true }) },
);
const fieldFilter = fc.dictionary(fc.constantFrom(...fields), condition, { maxKeys: 2, noNullPrototype: true }) as fc.Arbitrary<Filter>;
const filter: fc.Arbitrary<Filter> = fc.oneof(
  { weight: 3, arbitrary: fieldFilter },
  { weight: 1, arbitrary: fc.record({ $or: fc.array(fieldFilter, { minLength: 1, maxLength: 3 }) }, { noNullPrototype: true }) },
  { weight: 1, arbitrary: fc.tuple(fieldFilter, fc.array(fieldFilter, { minLength: 1, maxLength: 2 })).map(([own, all]) => ({ ...own, $and: all })) },
);

const withIds = (documents: readonly Record<string, unknown>[]): ReadDocument[] => documents.map((fields, index) => ({ _id: `d${index}`, ...fields }));

describe('in-memory document evaluation', () => {
  it('property: a compiled filter selects exactly the documents mingo selects', () => {
    fc.assert(
      fc.property(fc.array(document, { maxLength: 8 }), filter, (generated, chosen) => {
        const documents = withIds(generated);
        const byMingo = new Query(chosen, {});
        expect(documents.filter(compileFilter(chosen))).toEqual(documents.filter((candidate) => byMingo.test(candidate)));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: documents are arranged in the order mingo gives, skipped and limited alike', () => {
    const sortKeys = fc.uniqueArray(fc.constantFrom('a', 'b', '_id'), { minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(
        fc.array(document, { maxLength: 8 }),
        sortKeys,
        fc.array(fc.constantFrom<1 | -1>(1, -1), { minLength: 2, maxLength: 2 }),
        fc.nat(3),
        fc.nat(3),
        (generated, keys, directions, skip, limit) => {
          const documents = withIds(generated);
          const sort = Object.fromEntries(keys.map((key, index) => [key, directions[index]])) as Record<string, 1 | -1>;
          // mingo reads a limit of 0 as "nothing"; the port, like MongoDB, as "no limit".
          const sorted = find(documents, {}).sort(sort).skip(skip);
          const expected = (limit > 0 ? sorted.limit(limit) : sorted).all();
          expect(arrange(documents, { sort, skip, limit })).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('copies documents deeply, Dates included, sharing nothing with the original', () => {
    const original = { _id: 'd1', tags: ['x', { deep: [1, 2] }], at: new Date('2026-01-01T00:00:00Z'), nested: { count: 1 } };

    const copy = copyDocument(original);

    expect(copy).toEqual(original);
    // A Date made by structuredClone, which Jest's sandbox sees as another realm's Date.
    expect(Object.prototype.toString.call(copy.at)).toBe('[object Date]');
    expect(copy.at).not.toBe(original.at);
    copy.tags.push('y');
    copy.nested.count = 2;
    (copy.tags[1] as { deep: number[] }).deep.push(3);
    expect(original).toEqual({ _id: 'd1', tags: ['x', { deep: [1, 2] }], at: new Date('2026-01-01T00:00:00Z'), nested: { count: 1 } });
  });
});
