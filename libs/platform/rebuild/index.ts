export * from './read-model-rebuilds';
export * from './operator-key.guard';
export * from './read-model-rebuild.controller';
export * from './rebuild-command';
export * from './rebuildable-read-models';
