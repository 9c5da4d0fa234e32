export * from './principal';
export * from './route-access';
export * from './token-signing-key';
export * from './authentication.guard';
export * from './authentication.module';
export * from './access/access-policy';
export * from './access/access-projection';
export * from './access/access-reader';
