export * from './observability.module';
export * from './readiness-checks';
export * from './bus-probe';
export * from './event-flow-metrics';
export * from './messaging-log';
export * from './dead-letter-metrics';
