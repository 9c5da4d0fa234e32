import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** From the repository root: where the web application's API client reads the API's types (openapi-fetch's `paths`). */
export const API_SCHEMA_PATH = join('web', 'src', 'api', 'schema.d.ts');

/** The repository root, from scripts/ (Jest) as from dist/scripts/ (npm run). */
export function repositoryRoot(from = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${from}`);
    directory = parent;
  }
  return directory;
}

/** The TypeScript declarations openapi-typescript 7 makes of an OpenAPI document (./openapi-to-typescript.mjs). */
export function apiClientSource(document: object): string {
  return execFileSync(process.execPath, [join(repositoryRoot(), 'scripts', 'openapi-to-typescript.mjs')], {
    input: JSON.stringify(document),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}
