import type { MailLanguage } from './mail-language';

/** The roles a delegation gives, as the grant mails name them. */
export type GrantedRole = 'secretary' | 'substitute' | 'accountant';

interface ReminderWording {
  readonly when: string;
  readonly practitionerName: string;
  readonly cabinetName: string;
  readonly address: string | null;
  readonly phone: string | null;
}

/**
 * Every word of every mail and SMS the platform sends, in each language it writes. The HTML part
 * (sources/*.mjml) and the plain-text part are both made from these strings, so they say the same.
 * No clinical content ever: a reminder names a time, a place and a person, never why.
 */
export interface MailCatalog {
  readonly greeting: string;
  /** A label and its value on one line of a plain-text part (French puts a space before the colon). */
  readonly labelled: (label: string, value: string) => string;
  readonly platformFooter: string;
  readonly roles: Readonly<Record<GrantedRole, string>>;
  readonly appointmentReminder: {
    readonly subject: (when: string) => string;
    readonly heading: string;
    readonly intro: (practitionerName: string, when: string) => string;
    readonly whenLabel: string;
    readonly practitionerLabel: string;
    readonly cabinetLabel: string;
    readonly addressLabel: string;
    readonly cancelByPhone: (phone: string) => string;
    readonly cancelByContact: string;
    readonly callLabel: string;
    readonly footer: (cabinetName: string) => string;
    readonly sms: (wording: ReminderWording) => string;
  };
  readonly grant: {
    readonly subjectNewAccount: (ownerName: string) => string;
    readonly subjectExistingAccount: (ownerName: string) => string;
    readonly heading: string;
    readonly granted: (ownerName: string, role: string) => string;
    readonly cabinetsLabel: string;
    readonly accountCreated: string;
    readonly logInWithTemporaryPassword: string;
    readonly temporaryPasswordLabel: string;
    readonly logInAsUsual: string;
    readonly logInLabel: string;
    readonly unexpected: (ownerName: string) => string;
  };
  readonly passwordReset: {
    readonly subject: string;
    readonly heading: string;
    readonly intro: string;
    readonly actionLabel: string;
    readonly validity: (validMinutes: number) => string;
    readonly ignore: string;
  };
  readonly colleagueInvitation: {
    readonly subject: (ownerName: string, cabinetName: string) => string;
    readonly heading: string;
    readonly invited: (ownerName: string, cabinetName: string) => string;
    readonly howToAnswer: string;
    readonly actionLabel: string;
    readonly unexpected: (ownerName: string) => string;
  };
}

const fr: MailCatalog = {
  greeting: 'Bonjour,',
  labelled: (label, value) => `${label} : ${value}`,
  platformFooter: 'Message envoyé automatiquement par la plateforme Osteo. Merci de ne pas y répondre.',
  roles: { secretary: 'secrétaire', substitute: 'remplaçant', accountant: 'comptable' },
  appointmentReminder: {
    subject: (when) => `Rappel : votre rendez-vous du ${when}`,
    heading: 'Rappel de rendez-vous',
    intro: (practitionerName, when) => `Nous vous rappelons votre rendez-vous avec ${practitionerName} le ${when}.`,
    whenLabel: 'Date et heure',
    practitionerLabel: 'Avec',
    cabinetLabel: 'Cabinet',
    addressLabel: 'Adresse',
    cancelByPhone: (phone) => `Pour annuler ou déplacer ce rendez-vous, appelez le cabinet au ${phone}.`,
    cancelByContact: 'Pour annuler ou déplacer ce rendez-vous, contactez le cabinet.',
    callLabel: 'Appeler le cabinet',
    footer: (cabinetName) =>
      `Ce rappel vous est envoyé par ${cabinetName} via la plateforme Osteo, car vous avez accepté de recevoir des rappels de rendez-vous. Merci de ne pas y répondre.`,
    sms: ({ when, practitionerName, cabinetName, address, phone }) =>
      `Rappel : RDV le ${when} avec ${practitionerName}, ${cabinetName}${address === null ? '' : `, ${address}`}. ` +
      (phone === null ? 'Pour annuler, contactez le cabinet.' : `Pour annuler : ${phone}`),
  },
  grant: {
    subjectNewAccount: (ownerName) => `${ownerName} vous a donné accès à la plateforme Osteo`,
    subjectExistingAccount: (ownerName) => `${ownerName} vous a donné un nouvel accès sur la plateforme Osteo`,
    heading: 'Votre accès à la plateforme Osteo',
    granted: (ownerName, role) => `${ownerName} vous a donné accès en tant que ${role} sur la plateforme Osteo.`,
    cabinetsLabel: 'Cabinets :',
    accountCreated: 'Un compte a été créé pour vous avec cette adresse e-mail.',
    logInWithTemporaryPassword:
      'Connectez-vous avec votre adresse e-mail et le mot de passe temporaire ci-dessous. Vous choisirez ensuite votre propre mot de passe, avant toute autre chose.',
    temporaryPasswordLabel: 'Mot de passe temporaire :',
    logInAsUsual: 'Connectez-vous avec votre adresse e-mail et votre mot de passe habituels pour le retrouver.',
    logInLabel: 'Se connecter',
    unexpected: (ownerName) => `Si vous ne vous attendiez pas à ce message, prévenez ${ownerName}.`,
  },
  passwordReset: {
    subject: 'Réinitialisation de votre mot de passe Osteo',
    heading: 'Réinitialisation du mot de passe',
    intro: 'Quelqu’un (vous, sans doute) a demandé à réinitialiser le mot de passe de votre compte sur la plateforme Osteo. Pour choisir un nouveau mot de passe, ouvrez ce lien :',
    actionLabel: 'Choisir un nouveau mot de passe',
    validity: (validMinutes) =>
      `Ce lien fonctionne une seule fois, pendant ${validMinutes} minutes. Une fois le nouveau mot de passe choisi, toutes vos sessions ouvertes sont fermées : reconnectez-vous avec lui.`,
    ignore: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.',
  },
  colleagueInvitation: {
    subject: (ownerName, cabinetName) => `${ownerName} vous invite à rejoindre le cabinet « ${cabinetName} »`,
    heading: 'Invitation à rejoindre un cabinet',
    invited: (ownerName, cabinetName) => `${ownerName} vous invite à exercer au cabinet « ${cabinetName} » sur la plateforme Osteo.`,
    howToAnswer: 'Pour accepter ou refuser l’invitation, connectez-vous et ouvrez la page Cabinets :',
    actionLabel: 'Voir l’invitation',
    unexpected: (ownerName) => `Si vous ne vous attendiez pas à cette invitation, ignorez-la ou prévenez ${ownerName}.`,
  },
};

const en: MailCatalog = {
  greeting: 'Hello,',
  labelled: (label, value) => `${label}: ${value}`,
  platformFooter: 'Sent automatically by the Osteo platform. Please do not reply.',
  roles: { secretary: 'a secretary', substitute: 'a substitute', accountant: 'an accountant' },
  appointmentReminder: {
    subject: (when) => `Reminder: your appointment on ${when}`,
    heading: 'Appointment reminder',
    intro: (practitionerName, when) => `This is a reminder of your appointment with ${practitionerName} on ${when}.`,
    whenLabel: 'Date and time',
    practitionerLabel: 'With',
    cabinetLabel: 'Practice',
    addressLabel: 'Address',
    cancelByPhone: (phone) => `To cancel or move this appointment, call the practice on ${phone}.`,
    cancelByContact: 'To cancel or move this appointment, contact the practice.',
    callLabel: 'Call the practice',
    footer: (cabinetName) =>
      `This reminder is sent by ${cabinetName} through the Osteo platform, as you agreed to receive appointment reminders. Please do not reply.`,
    sms: ({ when, practitionerName, cabinetName, address, phone }) =>
      `Reminder: appointment on ${when} with ${practitionerName}, ${cabinetName}${address === null ? '' : `, ${address}`}. ` +
      (phone === null ? 'To cancel, contact the practice.' : `To cancel, call ${phone}`),
  },
  grant: {
    subjectNewAccount: (ownerName) => `${ownerName} gave you access to the Osteo platform`,
    subjectExistingAccount: (ownerName) => `${ownerName} gave you access on the Osteo platform`,
    heading: 'Your access to the Osteo platform',
    granted: (ownerName, role) => `${ownerName} gave you access as ${role} on the Osteo platform.`,
    cabinetsLabel: 'Practices:',
    accountCreated: 'An account was created for you with this e-mail address.',
    logInWithTemporaryPassword:
      'Log in with your e-mail address and the temporary password below. You will then be asked to choose your own password before anything else.',
    temporaryPasswordLabel: 'Temporary password:',
    logInAsUsual: 'Log in with your usual e-mail address and password to find it.',
    logInLabel: 'Log in',
    unexpected: (ownerName) => `If you did not expect this, please tell ${ownerName}.`,
  },
  passwordReset: {
    subject: 'Reset your Osteo platform password',
    heading: 'Password reset',
    intro: 'Someone (most likely you) asked to reset the password of your account on the Osteo platform. To choose a new password, open this link:',
    actionLabel: 'Choose a new password',
    validity: (validMinutes) =>
      `The link works once, for ${validMinutes} minutes. Once the new password is chosen, every session still open is closed: log in again with it.`,
    ignore: 'If you did not ask for this, ignore this message: your current password still works.',
  },
  colleagueInvitation: {
    subject: (ownerName, cabinetName) => `${ownerName} invites you to join the practice “${cabinetName}”`,
    heading: 'Invitation to join a practice',
    invited: (ownerName, cabinetName) => `${ownerName} invites you to practise at the practice “${cabinetName}” on the Osteo platform.`,
    howToAnswer: 'To accept or decline the invitation, log in and open the Practices page:',
    actionLabel: 'See the invitation',
    unexpected: (ownerName) => `If you did not expect this invitation, ignore it or tell ${ownerName}.`,
  },
};

export const mailCatalog: Readonly<Record<MailLanguage, MailCatalog>> = { fr, en };
