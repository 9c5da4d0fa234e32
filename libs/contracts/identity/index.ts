export * from './identity-events';
