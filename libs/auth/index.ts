export * from './principal';
export * from './route-access';
export * from './token-signing-key';
export * from './authentication.guard';
export * from './authentication.module';
