import { randomBytes } from 'node:crypto';
import { describeReadStoreContract } from '../read-store.contract';
import { MongoReadStore } from './mongo-read-store';

const mongoUrl = process.env.MONGO_URL;
if (!mongoUrl) {
  // Not a skip: the Jest global setup always provides a MongoDB-compatible server (FerretDB).
  throw new Error('MONGO_URL is not set: the MongoReadStore contract needs a MongoDB-compatible server');
}

/** A database of its own per store, so tests never see each other's documents. */
function freshDatabaseName(): string {
  return `rs_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

describeReadStoreContract('MongoReadStore', () => MongoReadStore.connect(mongoUrl, freshDatabaseName()));
