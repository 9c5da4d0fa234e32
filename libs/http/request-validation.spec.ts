import { findOperatorKey } from './request-validation';

describe('findOperatorKey', () => {
  it('names the first key starting with $ or holding a NUL, with its path', () => {
    expect(findOperatorKey({ name: 'Cabinet', filter: { email: { $gt: '' } } })).toBe('filter.email.$gt');
    expect(findOperatorKey({ list: [{ ok: 1 }, { 'a\u0000b': 1 }] })).toBe('list[1].a\u0000b');
    expect(findOperatorKey({ first: { $ne: 1 }, second: { $gt: 1 } })).toBe('first.$ne');
    expect(findOperatorKey({ name: '$ is fine in a value', tags: ['$', { price: '$5' }] })).toBeNull();
    expect(findOperatorKey('text')).toBeNull();
  });

  it('walks 100,000 nested arrays without overflowing the stack', () => {
    const deep: unknown = JSON.parse(`${'['.repeat(100_000)}{"$where":1}${']'.repeat(100_000)}`);
    expect(findOperatorKey(deep)).toMatch(/\.\$where$/);
  });
});
