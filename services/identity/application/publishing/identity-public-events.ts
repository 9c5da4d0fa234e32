import type { RecordedEvent } from '@osteo/event-sourcing';
import type { AccountDisplayNameChangedV1, AccountErasedV1, AccountPasswordChangedV1, AccountRegisteredV2, IntegrationEnvelope, SessionEndedV1 } from '@osteo/contracts';
import { integrationEnvelopeOf } from '@osteo/messaging';
import { ERASED } from '@osteo/personal-data';
import { EmailDigests, type PlatformConfig } from '@osteo/platform';
import type { AccountEvent } from '../../domain/account';
import { type RefreshSessionEvent, sessionIdOfStream } from '../../domain/refresh-session';

/**
 * Translates identity's own events into its public contract (libs/contracts/identity). Sessions,
 * e-mail reservations and provisioning records stay private, and no hash ever leaves: the result
 * is null for them. No e-mail address leaves either: an account is published with the keyed
 * digest of its address (the key is the process's EMAIL_DIGEST_KEY).
 */
export function toIdentityPublicEvent(recorded: RecordedEvent, config: PlatformConfig): IntegrationEnvelope | null {
  if (recorded.type === 'SessionRevoked') return sessionEndedOf(recorded);
  const event = { type: recorded.type, data: recorded.data } as AccountEvent;
  switch (event.type) {
    case 'AccountRegistered': {
      const { accountId, email, displayName, kind, mustChangePassword } = event.data;
      return integrationEnvelopeOf<'AccountRegistered', AccountRegisteredV2>(
        recorded,
        'AccountRegistered',
        { accountId, emailDigest: publicEmailDigest(accountId, email, config), displayName: publicDisplayName(displayName, email), kind, mustChangePassword },
        2,
      );
    }
    case 'PasswordChanged':
    case 'PasswordReset':
      // A reset is a password change to every other service: the temporary state (if any) is over.
      return integrationEnvelopeOf<'AccountPasswordChanged', AccountPasswordChangedV1>(recorded, 'AccountPasswordChanged', { accountId: event.data.accountId });
    case 'AccountDisplayNameChanged':
      // Read from the store once its key is erased, the name reads as ERASED: so it is published.
      return integrationEnvelopeOf<'AccountDisplayNameChanged', AccountDisplayNameChangedV1>(recorded, 'AccountDisplayNameChanged', {
        accountId: event.data.accountId,
        displayName: event.data.displayName,
      });
    case 'TemporaryPasswordIssued':
      // Nothing another service knows of changes: the account still waits for its holder's own
      // password (mustChangePassword stays true). And what the event carries is a hash.
      return null;
    case 'PasswordResetRequested':
      // Carries the hash of a secret that works for 30 minutes: it never leaves identity.
      return null;
    case 'AccountLanguageChosen':
      // Only identity writes to the holder (mail, screens): no other service needs it.
      return null;
    case 'AccountErased':
      return integrationEnvelopeOf<'AccountErased', AccountErasedV1>(recorded, 'AccountErased', { accountId: event.data.accountId });
    default:
      return null;
  }
}

/**
 * The digest access-grant matches typed addresses against. An erased account's address reads as
 * ERASED: its digest is then one of its id, which no address typed by anyone can match.
 */
function publicEmailDigest(accountId: string, email: string, config: PlatformConfig): string {
  return EmailDigests.from(config).of(email === ERASED ? `${ERASED}${accountId}` : email);
}

/**
 * A provisioned account is named after its address until its holder says otherwise
 * (provision-grantee.handler.ts): on the topic it goes by the address's local part instead.
 */
function publicDisplayName(displayName: string, email: string): string {
  if (email === ERASED || !displayName.toLowerCase().includes(email.toLowerCase())) return displayName;
  return email.slice(0, email.lastIndexOf('@')).slice(0, 120);
}

/**
 * A revoked session, so that every service refuses its access tokens. The session is its stream's;
 * its account is the revocation's actor (its holder logging out, or presenting a spent token),
 * which also covers sessions revoked before this event was published.
 */
function sessionEndedOf(recorded: RecordedEvent): IntegrationEnvelope {
  const { reason } = (recorded.data as Extract<RefreshSessionEvent, { type: 'SessionRevoked' }>['data']);
  const accountId = recorded.metadata.actorId;
  if (!accountId) throw new Error(`SessionRevoked ${recorded.eventId} names no actor: its account is unknown`);
  return integrationEnvelopeOf<'SessionEnded', SessionEndedV1>(recorded, 'SessionEnded', { sessionId: sessionIdOfStream(recorded.streamId), accountId, reason });
}
