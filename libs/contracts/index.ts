export * from './envelope';
export * from './topics';
export * from './json-schema';
export * from './identity';
