export * from './mailer';
export * from './smtp-mailer';
export * from './outbox-directory-mailer';
export * from './templates';
