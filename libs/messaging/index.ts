export * from './event-bus';
export { MessageHeaders, MalformedEnvelopeError } from './wire-format';
export { DEFAULT_HANDLER_RETRY, type RetryBackoff } from './handler-retry';
export * from './messaging-logger';
export * from './kafka/kafka-event-bus';
export * from './in-process/in-process-event-bus';
export * from './publisher/event-publisher';
export * from './projection/document-projection';
export * from './projection/subscribe-projection';
