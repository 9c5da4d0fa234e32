export * from './mail-language';
export * from './rendered-mail';
export * from './appointment-reminder';
export * from './account-mails';
export type { GrantedRole } from './mail-catalog';
