export * from './envelope';
export * from './topics';
export * from './json-schema';
export * from './identity';
export * from './access';
export * from './planning';
export * from './records';
export * from './asyncapi';
