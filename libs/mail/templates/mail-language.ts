/** The languages the platform writes mail and SMS in; French first, the default. */
export const mailLanguages = ['fr', 'en'] as const;
export type MailLanguage = (typeof mailLanguages)[number];

export const DEFAULT_MAIL_LANGUAGE: MailLanguage = 'fr';

export function isMailLanguage(value: unknown): value is MailLanguage {
  return typeof value === 'string' && (mailLanguages as readonly string[]).includes(value);
}
