export * from './password-hasher';
export * from './access-token-issuer';
export * from './attempt-counters';
export * from './identity-settings';
export * from './one-time-passwords';
export * from './two-factor-challenges';
