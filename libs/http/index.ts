export * from './error-body';
export * from './error-filter';
export * from './request-validation';
export * from './create-http-application';
export * from './process-log';
export * from './openapi-document';
export * from './security-headers';
