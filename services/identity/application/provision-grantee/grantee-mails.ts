import type { DelegatedRole } from '@osteo/contracts';
import { type MailLanguage, type MailMessage, renderGrantNotice } from '@osteo/mail';

export interface GrantToAnnounce {
  readonly granteeEmail: string;
  readonly ownerName: string;
  readonly role: DelegatedRole;
  /** The practices the grant covers, as far as identity's access projection knows them. */
  readonly cabinetNames: readonly string[];
  readonly loginUrl: string;
}

/** To a grantee for whom an account was just created, in its owner's language (the account's, until its holder chooses). */
export function temporaryPasswordMail(grant: GrantToAnnounce, temporaryPassword: string, language: MailLanguage): MailMessage {
  return { to: grant.granteeEmail, ...renderGrantNotice(language, { ...grant, temporaryPassword }) };
}

/** To a grantee who already has an account, in its own language: nothing to set up, the access is there at next login. */
export function accessNoticeMail(grant: GrantToAnnounce, language: MailLanguage): MailMessage {
  return { to: grant.granteeEmail, ...renderGrantNotice(language, { ...grant, temporaryPassword: null }) };
}
