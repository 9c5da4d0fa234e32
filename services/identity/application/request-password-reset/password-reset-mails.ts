import { type MailLanguage, type MailMessage, renderPasswordReset } from '@osteo/mail';

// The request's `language` field takes the languages the platform writes mail in.
export { type MailLanguage, mailLanguages } from '@osteo/mail';

/** The reset mail: nothing about the account but its address, in the holder's language. */
export function passwordResetMail(to: string, link: string, validMinutes: number, language: MailLanguage): MailMessage {
  return { to, ...renderPasswordReset(language, { link, validMinutes }) };
}
