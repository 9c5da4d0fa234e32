import { MAX_BODY_DEPTH, nestsDeeperThan } from './body-depth';

const nestedArrays = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
const nestedObjects = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`);

describe('nestsDeeperThan', () => {
  it('counts a bare object or array as one level and a primitive as none', () => {
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan([], 0)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan({ a: [1, 'two'] }, 2)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
  });

  it.each([
    ['arrays', nestedArrays],
    ['objects', nestedObjects],
  ])(`accepts %s ${MAX_BODY_DEPTH} levels deep and refuses ${MAX_BODY_DEPTH + 1}`, (_kind, nested) => {
    expect(nestsDeeperThan(nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH)).toBe(true);
  });

  it('finds the deep branch among shallow siblings', () => {
    expect(nestsDeeperThan({ shallow: [1, 2], deep: { list: [nestedArrays(MAX_BODY_DEPTH)] } }, MAX_BODY_DEPTH)).toBe(true);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(nestsDeeperThan(nestedArrays(100_000), MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan(nestedObjects(100_000), 200_000)).toBe(false);
  });
});
