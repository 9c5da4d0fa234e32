export * from './access-events';
