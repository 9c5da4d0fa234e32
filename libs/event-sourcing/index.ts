/**
 * @osteo/event-sourcing: the EventStore and CheckpointStore ports with their adapters, deciders,
 * rejections and the command handler. Domain code imports @osteo/event-sourcing/decider and
 * @osteo/event-sourcing/rejection alone (they are pure; this index loads the adapters). The
 * contract suites are imported by path from tests only.
 */
export * from './event-store';
export * from './checkpoint-store';
export * from './decider';
export * from './rejection';
export { specFor } from './decider-spec';
export * from './command-handler';
export { DuplicateEventIdError, SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { SqliteCheckpointStore } from './sqlite/sqlite-checkpoint-store';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
