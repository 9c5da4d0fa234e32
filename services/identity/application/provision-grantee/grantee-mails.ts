import type { DelegatedRole } from '@osteo/contracts';
import type { MailMessage } from '@osteo/mail';

/** The temporary password follows this label, alone on the next line, so it can be copied (and parsed) whole. */
export const TEMPORARY_PASSWORD_LABEL = 'Temporary password:';

const asRole: Readonly<Record<DelegatedRole, string>> = {
  secretary: 'a secretary',
  substitute: 'a substitute',
  accountant: 'an accountant',
};

export interface GrantToAnnounce {
  readonly granteeEmail: string;
  readonly ownerName: string;
  readonly role: DelegatedRole;
}

/** To a grantee for whom an account was just created. */
export function temporaryPasswordMail(grant: GrantToAnnounce, temporaryPassword: string): MailMessage {
  return {
    to: grant.granteeEmail,
    subject: `${grant.ownerName} gave you access to the Osteo platform`,
    text: lines(
      'Hello,',
      '',
      `${grant.ownerName} gave you access as ${asRole[grant.role]} on the Osteo platform.`,
      'An account was created for you with this e-mail address.',
      '',
      'Log in to the platform with your e-mail address and the temporary password',
      'below. You will then be asked to choose your own password before anything else.',
      '',
      TEMPORARY_PASSWORD_LABEL,
      temporaryPassword,
      '',
      `If you did not expect this, please tell ${grant.ownerName}.`,
    ),
  };
}

/** To a grantee who already has an account: nothing to set up, the access is there at next login. */
export function accessNoticeMail(grant: GrantToAnnounce): MailMessage {
  return {
    to: grant.granteeEmail,
    subject: `${grant.ownerName} gave you access on the Osteo platform`,
    text: lines(
      'Hello,',
      '',
      `${grant.ownerName} gave you access as ${asRole[grant.role]} on the Osteo platform.`,
      'Log in with your usual e-mail address and password to find it.',
      '',
      `If you did not expect this, please tell ${grant.ownerName}.`,
    ),
  };
}

function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}
