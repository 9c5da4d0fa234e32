import { pageOfList, type KeysetOrder, type PageRequest } from './page';

type Opening = { revision: number; at: string };

describe('pageOfList: the keyset pages of a list held in memory', () => {
  const order: KeysetOrder = [['at', -1], ['revision', 1]];
  const openings = (count: number): Opening[] => Array.from({ length: count }, (_, revision) => ({ revision, at: `2026-03-0${1 + (revision % 3)}` }));
  const walk = (items: readonly Opening[], limit: number): number[][] => {
    const pages: number[][] = [];
    let request: PageRequest = { limit };
    for (;;) {
      const page = pageOfList(items, order, request);
      pages.push(page.items.map(({ revision }) => revision));
      if (page.nextCursor === null) return pages;
      request = { limit, cursor: page.nextCursor };
    }
  };

  it('given seven items in pages of three, then the pages hold each once, in the order, and say the total', () => {
    expect(walk(openings(7), 3)).toEqual([[2, 5, 1], [4, 0, 3], [6]]);
    expect(pageOfList(openings(7), order, { limit: 3 }).total).toBe(7);
  });

  it('given items added after the first page, then the following pages repeat the total the first page counted', () => {
    const first = pageOfList(openings(7), order, { limit: 3 });
    expect(pageOfList(openings(9), order, { limit: 3, cursor: first.nextCursor! }).total).toBe(7);
    expect(pageOfList(openings(9), order, { limit: 3 }).total).toBe(9);
  });

  it('given exactly one full page, then it has no next cursor', () => {
    expect(pageOfList(openings(3), order, { limit: 3 }).nextCursor).toBeNull();
  });

  it('given a cursor taken before items were added and removed, then the next page starts after the item it named', () => {
    const first = pageOfList(openings(7), order, { limit: 2 });
    const changed = [...openings(9).filter(({ revision }) => revision !== 5)];
    expect(pageOfList(changed, order, { limit: 3, cursor: first.nextCursor! }).items.map(({ revision }) => revision)).toEqual([8, 1, 4]);
  });

  it('given a cursor of another order, then it is refused naming cursor', () => {
    const cursor = Buffer.from(JSON.stringify({ after: ['2026-03-01'], total: 3 })).toString('base64url');
    expect(() => pageOfList(openings(3), order, { limit: 2, cursor })).toThrow(expect.objectContaining({ code: 'REQUEST.INVALID', message: expect.stringMatching(/^cursor /) }));
  });
});
