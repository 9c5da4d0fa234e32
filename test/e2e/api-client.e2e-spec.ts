import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_SCHEMA_PATH, apiClientSource, repositoryRoot } from '../../scripts/api-client-source';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';

/**
 * The web application's API types (web/src/api/schema.d.ts) are generated from the OpenAPI
 * document: this fails as soon as a route, a DTO or a constraint changes without the file.
 */
describe('the web application’s typed API client', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  it('is generated from the OpenAPI document the platform serves, as committed', async () => {
    const answer = await fetch(`${platform.baseUrl}/api/docs/openapi.json`);
    expect(answer.status).toBe(200);
    const expected = apiClientSource((await answer.json()) as object);
    const committed = readFileSync(join(repositoryRoot(), API_SCHEMA_PATH), 'utf8');
    if (committed !== expected) {
      throw new Error(`${API_SCHEMA_PATH} is not what the API's OpenAPI document gives: run \`npm run generate:api-client\` and commit the file`);
    }
  });
});
