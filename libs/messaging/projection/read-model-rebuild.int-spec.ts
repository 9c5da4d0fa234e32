import { randomBytes } from 'node:crypto';
import { MongoReadStore } from '@osteo/read-store';
import { describeReadModelRebuild } from './read-model-rebuild.contract';

const mongoUrl = process.env.MONGO_URL;
if (!mongoUrl) {
  // Not a skip: the Jest global setup always provides a MongoDB-compatible server (FerretDB).
  throw new Error('MONGO_URL is not set: the rebuild over MongoReadStore needs a MongoDB-compatible server');
}

/** A database of its own per store, so tests never see each other's documents. */
function freshDatabaseName(): string {
  return `rebuild_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

describeReadModelRebuild('MongoReadStore', () => MongoReadStore.connect(mongoUrl, freshDatabaseName()));
