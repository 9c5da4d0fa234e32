import { compiledMailTemplates } from './compiled-templates';
import { fillCompiledTemplate } from './html-slots';
import { type GrantedRole, mailCatalog } from './mail-catalog';
import { type MailLanguage, mailLanguages } from './mail-language';
import { type RenderedMail, plainText, signedOff } from './rendered-mail';

/** A delegation to announce to its grantee. */
export interface GrantNoticeFacts {
  readonly ownerName: string;
  readonly role: GrantedRole;
  /** The practices the grant covers, by name; empty when they are not known. */
  readonly cabinetNames: readonly string[];
  /** The web application's login page. */
  readonly loginUrl: string;
  /** Set when an account was just created for the grantee: the password to log in with once. */
  readonly temporaryPassword: string | null;
}

/**
 * To a grantee: an account created with a temporary password, or, when the address already had
 * one, a notice of the new access. The temporary password is alone on the line after its label in
 * the text part, so it can be copied whole.
 */
export function renderGrantNotice(language: MailLanguage, facts: GrantNoticeFacts): RenderedMail {
  const { grant: words, greeting, platformFooter } = mailCatalog[language];
  const newAccount = facts.temporaryPassword !== null;
  const subject = newAccount ? words.subjectNewAccount(facts.ownerName) : words.subjectExistingAccount(facts.ownerName);
  const granted = words.granted(facts.ownerName, mailCatalog[language].roles[facts.role]);
  const cabinetNames = facts.cabinetNames.join(', ');
  const unexpected = words.unexpected(facts.ownerName);

  const html = fillCompiledTemplate(
    compiledMailTemplates['grant-notice'],
    {
      lang: language,
      subject,
      preview: granted,
      heading: words.heading,
      greeting,
      granted,
      ...(cabinetNames === '' ? {} : { cabinetsLabel: words.cabinetsLabel, cabinetNames }),
      ...(facts.temporaryPassword === null
        ? { logInAsUsual: words.logInAsUsual }
        : {
            accountCreated: words.accountCreated,
            logInWithTemporaryPassword: words.logInWithTemporaryPassword,
            temporaryPasswordLabel: words.temporaryPasswordLabel,
            temporaryPassword: facts.temporaryPassword,
          }),
      loginUrl: facts.loginUrl,
      logInLabel: words.logInLabel,
      unexpected,
      footer: platformFooter,
    },
    { cabinets: cabinetNames !== '', newAccount, existingAccount: !newAccount },
  );
  const text = plainText(
    greeting,
    granted,
    cabinetNames === '' ? null : `${words.cabinetsLabel} ${cabinetNames}`,
    ...(facts.temporaryPassword === null
      ? [words.logInAsUsual]
      : [words.accountCreated, words.logInWithTemporaryPassword, `${words.temporaryPasswordLabel}\n${facts.temporaryPassword}`]),
    facts.loginUrl,
    unexpected,
    signedOff(platformFooter),
  );
  return { subject, text, html };
}

export interface PasswordResetFacts {
  /** The web application's reset page, the secret in its query. */
  readonly link: string;
  readonly validMinutes: number;
}

/** Nothing about the account but that it exists: the link, how long it works, and what to do if unasked. */
export function renderPasswordReset(language: MailLanguage, facts: PasswordResetFacts): RenderedMail {
  const { passwordReset: words, greeting, platformFooter } = mailCatalog[language];
  const validity = words.validity(facts.validMinutes);
  const html = fillCompiledTemplate(compiledMailTemplates['password-reset'], {
    lang: language,
    subject: words.subject,
    preview: words.heading,
    heading: words.heading,
    greeting,
    intro: words.intro,
    link: facts.link,
    actionLabel: words.actionLabel,
    validity,
    ignore: words.ignore,
    footer: platformFooter,
  });
  // The link alone on its line: a reader copies it whole, and so do the suites.
  const text = plainText(greeting, words.intro, facts.link, validity, words.ignore, signedOff(platformFooter));
  return { subject: words.subject, text, html };
}

export interface ColleagueInvitationFacts {
  readonly ownerName: string;
  readonly cabinetName: string;
  /** The web application's page where invitations are answered. */
  readonly invitationsUrl: string;
}

/** To an account invited to practise in another owner's cabinet: who, where, and where to answer. */
export function renderColleagueInvitation(language: MailLanguage, facts: ColleagueInvitationFacts): RenderedMail {
  const { colleagueInvitation: words, greeting, platformFooter } = mailCatalog[language];
  const subject = words.subject(facts.ownerName, facts.cabinetName);
  const invited = words.invited(facts.ownerName, facts.cabinetName);
  const unexpected = words.unexpected(facts.ownerName);
  const html = fillCompiledTemplate(compiledMailTemplates['colleague-invitation'], {
    lang: language,
    subject,
    preview: invited,
    cabinetName: facts.cabinetName,
    heading: words.heading,
    greeting,
    invited,
    howToAnswer: words.howToAnswer,
    invitationsUrl: facts.invitationsUrl,
    actionLabel: words.actionLabel,
    unexpected,
    footer: platformFooter,
  });
  const text = plainText(greeting, invited, words.howToAnswer, facts.invitationsUrl, unexpected, signedOff(platformFooter));
  return { subject, text, html };
}

/** The label the temporary password follows, in every language: whoever reads the mail by program (the suites) finds it by these. */
export const temporaryPasswordLabels: readonly string[] = mailLanguages.map((language) => mailCatalog[language].grant.temporaryPasswordLabel);
