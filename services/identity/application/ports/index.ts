export * from './password-hasher';
export * from './access-token-issuer';
export * from './login-throttle';
export * from './clock';
export * from './identity-settings';
export * from './mailer';
