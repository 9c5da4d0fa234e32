import type { RecordedEvent } from '@osteo/event-sourcing';
import type { AccountPasswordChangedV1, AccountRegisteredV1, IntegrationEnvelope, SessionEndedV1 } from '@osteo/contracts';
import { integrationEnvelopeOf } from '@osteo/messaging';
import type { AccountEvent } from '../../domain/account';
import { type RefreshSessionEvent, sessionIdOfStream } from '../../domain/refresh-session';

/**
 * Translates identity's own events into its public contract (libs/contracts/identity). Sessions,
 * e-mail reservations and provisioning records stay private, and no hash ever leaves: the result
 * is null for them.
 */
export function toIdentityPublicEvent(recorded: RecordedEvent): IntegrationEnvelope | null {
  if (recorded.type === 'SessionRevoked') return sessionEndedOf(recorded);
  const event = { type: recorded.type, data: recorded.data } as AccountEvent;
  switch (event.type) {
    case 'AccountRegistered': {
      const { accountId, email, displayName, kind, mustChangePassword } = event.data;
      return integrationEnvelopeOf<'AccountRegistered', AccountRegisteredV1>(recorded, 'AccountRegistered', { accountId, email, displayName, kind, mustChangePassword });
    }
    case 'PasswordChanged':
    case 'PasswordReset':
      // A reset is a password change to every other service: the temporary state (if any) is over.
      return integrationEnvelopeOf<'AccountPasswordChanged', AccountPasswordChangedV1>(recorded, 'AccountPasswordChanged', { accountId: event.data.accountId });
    case 'TemporaryPasswordIssued':
      // Nothing another service knows of changes: the account still waits for its holder's own
      // password (mustChangePassword stays true). And what the event carries is a hash.
      return null;
    case 'PasswordResetRequested':
      // Carries the hash of a secret that works for 30 minutes: it never leaves identity.
      return null;
    default:
      return null;
  }
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
