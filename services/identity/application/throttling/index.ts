export * from './login-throttle';
export * from './password-confirmation-throttle';
export * from './password-reset-throttle';
export * from './registration-throttle';
export * from './throttle-decision';
