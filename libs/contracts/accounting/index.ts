export * from './accounting-events';
