export * from './sms-sender';
export * from './smpp-sms-sender';
export * from './outbox-directory-sms-sender';
export * from './sms-sender-for';
export * from './phone-number';
