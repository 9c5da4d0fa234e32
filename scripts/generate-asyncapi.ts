import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_DOCUMENT_PATH, asyncApiDocumentText } from '@osteo/contracts';
import { repositoryRoot } from './api-client-source';

/**
 * `npm run generate:asyncapi`: writes the AsyncAPI document of the platform's topics, built from
 * libs/contracts, to docs/asyncapi.json. libs/contracts/asyncapi.spec.ts fails when the committed
 * file differs from what this writes.
 */
writeFileSync(join(repositoryRoot(), ASYNCAPI_DOCUMENT_PATH), asyncApiDocumentText());
console.log(`wrote ${ASYNCAPI_DOCUMENT_PATH}`);
