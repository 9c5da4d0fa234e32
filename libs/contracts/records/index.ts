export * from './records-events';
