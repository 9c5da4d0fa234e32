export * from './password-hasher';
export * from './access-token-issuer';
export * from './login-throttle';
export * from './identity-settings';
export * from './mailer';
export * from './password-reset-throttle';
