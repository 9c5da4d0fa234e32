export * from './planning-events';
