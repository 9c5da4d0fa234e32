import type { PersonalDataPolicy, PersonalFieldsOfEvent } from '@osteo/personal-data';
import type { AccountEvent } from '../../domain/account';
import type { EmailReservationEvent } from '../../domain/email-reservation';
import type { GranteeProvisioningEvent } from '../../domain/grantee-provisioning';
import type { InvitationMailEvent } from '../../domain/invitation-mail';
import type { RefreshSessionEvent } from '../../domain/refresh-session';

type IdentityEventType =
  | AccountEvent['type']
  | EmailReservationEvent['type']
  | GranteeProvisioningEvent['type']
  | InvitationMailEvent['type']
  | RefreshSessionEvent['type'];

/**
 * What of identity's events is stored encrypted with the account's key (crypto-shredding): who
 * the holder is (e-mail, display name) and the second factor's secret, which must no more be
 * readable in a copy of the store than a password. Hashes, ids and times stay in clear: they
 * identify nobody without the rest. Every event type is classified here, or the service does
 * not compile.
 */
const personalFieldsByType: Readonly<Record<IdentityEventType, PersonalFieldsOfEvent | null>> = {
  AccountRegistered: { subject: 'accountId', fields: ['email', 'displayName'] },
  AccountDisplayNameChanged: { subject: 'accountId', fields: ['displayName'] },
  AccountLanguageChosen: null,
  PasswordChanged: null,
  TemporaryPasswordIssued: null,
  PasswordResetRequested: null,
  PasswordReset: null,
  AccountErased: null,
  TwoFactorEnrolmentStarted: { subject: 'accountId', fields: ['secret'] },
  TwoFactorEnabled: null,
  TwoFactorCodeAccepted: null,
  RecoveryCodeUsed: null,
  TwoFactorDisabled: null,
  TeamTwoFactorRequirementChanged: null,
  EmailReserved: null,
  EmailReleased: null,
  GranteeMailed: null,
  ColleagueInvitationMailed: null,
  SessionStarted: null,
  RefreshTokenRotated: null,
  SessionRevoked: null,
};

export const identityPersonalData: PersonalDataPolicy = Object.fromEntries(
  Object.entries(personalFieldsByType).filter((entry): entry is [string, PersonalFieldsOfEvent] => entry[1] !== null),
);
