import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogs, namespaces } from './catalogs';

const repositoryRoot = join(__dirname, '../../..');

function* sourceFiles(directory: string): Generator<string> {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'test-support' && name !== 'test-fixtures') yield* sourceFiles(path);
    } else if (path.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|contract)\.ts$/.test(path)) yield path;
  }
}

/** Codes the API can put in an error answer: rejections thrown by services and libs. */
function errorCodesOfTheApi(): string[] {
  const codes = new Set<string>();
  for (const root of ['services', 'libs']) {
    for (const file of sourceFiles(join(repositoryRoot, root))) {
      if (file.includes(`${join('libs', 'testing')}`)) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z_]+\.[A-Z][A-Z_]+)'/g)) codes.add(match[1]);
    }
  }
  return [...codes].sort();
}

describe('the catalogs', () => {
  it.each(namespaces)('holds the same keys in French and English in %s', (namespace) => {
    expect(Object.keys(catalogs.en[namespace]).sort()).toEqual(Object.keys(catalogs.fr[namespace]).sort());
  });

  it.each(namespaces)('leaves no message empty in %s', (namespace) => {
    for (const language of ['fr', 'en'] as const) {
      const empty = Object.entries(catalogs[language][namespace] as Record<string, string>).filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    }
  });

  it('has a French and an English message for every error code the API can answer', () => {
    const codes = errorCodesOfTheApi();
    expect(codes.length).toBeGreaterThan(50);
    const errors = catalogs.fr.errors as Record<string, string>;
    const missing = codes.filter((code) => !(code in errors));
    expect(missing).toEqual([]);
  });
});
