export * from './platform-config';
export * from './platform.module';
export * from './service-infrastructure.module';
export * from './read-store-checkpoint-store';
export * from './clock';
export * from './service-process';
export * from './observability';
export * from './rebuild';
