export * from './mail-language';
export * from './rendered-mail';
export * from './appointment-reminder';
