export * from './read-store';
export { InMemoryReadStore } from './in-memory/in-memory-read-store';
export { MongoReadStore } from './mongo/mongo-read-store';
export * from './page';
