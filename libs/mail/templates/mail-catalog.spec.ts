import { mailCatalog } from './mail-catalog';

/** The path of every entry, a function's as a leaf: both languages must hold the same ones. */
function keysOf(entry: object, prefix = ''): string[] {
  return Object.entries(entry).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('the mail catalog', () => {
  it('has every French entry in English and no other', () => {
    expect(keysOf(mailCatalog.en).sort()).toEqual(keysOf(mailCatalog.fr).sort());
  });

  it('has no empty wording', () => {
    for (const catalog of Object.values(mailCatalog)) {
      for (const key of keysOf(catalog)) {
        const value = key.split('.').reduce<unknown>((entry, part) => (entry as Record<string, unknown>)[part], catalog);
        if (typeof value === 'string') expect(value.trim()).not.toBe('');
      }
    }
  });
});
