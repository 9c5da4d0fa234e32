import type { MailMessage } from '@osteo/mail';

export const mailLanguages = ['fr', 'en'] as const;
export type MailLanguage = (typeof mailLanguages)[number];

/** Where the web app lets someone choose a new password; the secret follows in `token`. */
export const PASSWORD_RESET_PATH = '/mot-de-passe/reinitialiser';

interface PasswordResetWording {
  readonly subject: string;
  readonly lines: (link: string, validMinutes: number) => readonly string[];
}

/** The reset mail in each language the platform writes: nothing about the account but its address. */
export const passwordResetMailCatalog: Readonly<Record<MailLanguage, PasswordResetWording>> = {
  fr: {
    subject: 'Réinitialisation de votre mot de passe Osteo',
    lines: (link, validMinutes) => [
      'Bonjour,',
      '',
      'Quelqu’un (vous, sans doute) a demandé à réinitialiser le mot de passe de votre compte',
      'sur la plateforme Osteo. Pour choisir un nouveau mot de passe, ouvrez ce lien :',
      '',
      link,
      '',
      `Ce lien fonctionne une seule fois, pendant ${validMinutes} minutes. Une fois le nouveau mot de`,
      'passe choisi, toutes vos sessions ouvertes sont fermées : reconnectez-vous avec lui.',
      '',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe',
      'actuel reste valable.',
    ],
  },
  en: {
    subject: 'Reset your Osteo platform password',
    lines: (link, validMinutes) => [
      'Hello,',
      '',
      'Someone (most likely you) asked to reset the password of your account on the Osteo',
      'platform. To choose a new password, open this link:',
      '',
      link,
      '',
      `The link works once, for ${validMinutes} minutes. Once the new password is chosen, every`,
      'session still open is closed: log in again with it.',
      '',
      'If you did not ask for this, ignore this message: your current password still works.',
    ],
  },
};

export function passwordResetMail(to: string, link: string, validMinutes: number, language: MailLanguage): MailMessage {
  const wording = passwordResetMailCatalog[language];
  return { to, subject: wording.subject, text: `${wording.lines(link, validMinutes).join('\n')}\n` };
}
