import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpApplication } from '@osteo/http';
import { loadPlatformConfig } from '@osteo/platform';
import { EmbeddedPlatformModule } from '../services/embedded.module';
import { API_SCHEMA_PATH, apiClientSource, repositoryRoot } from './api-client-source';

/**
 * `npm run generate:api-client`: builds the embedded platform in this process, over a throwaway
 * data directory and without listening on any port, asks it for its OpenAPI document as a client
 * would (GET /api/docs/openapi.json), and writes the web application's API types from it.
 * test/e2e/api-client.e2e-spec.ts fails when the committed file differs from what this writes.
 */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'osteo-openapi-'));
  try {
    const config = loadPlatformConfig({ PROFILE: 'embedded', DATA_DIR: dataDir });
    const app = await createHttpApplication(EmbeddedPlatformModule.with(config), { title: 'Osteo platform', logger: false });
    try {
      await app.init();
      const answer = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/api/docs/openapi.json' });
      if (answer.statusCode !== 200) throw new Error(`GET /api/docs/openapi.json answered ${answer.statusCode}`);
      writeFileSync(join(repositoryRoot(), API_SCHEMA_PATH), apiClientSource(answer.json()));
      console.log(`wrote ${API_SCHEMA_PATH}`);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
