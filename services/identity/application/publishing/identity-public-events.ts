import type { RecordedEvent } from '@osteo/event-sourcing';
import type { AccountPasswordChangedV1, AccountRegisteredV1, IntegrationEnvelope } from '@osteo/contracts';
import { integrationEnvelopeOf } from '@osteo/messaging';
import type { AccountEvent } from '../../domain/account';

/**
 * Translates identity's own events into its public contract (libs/contracts/identity). Sessions,
 * e-mail reservations and provisioning records stay private, and no hash ever leaves: the result
 * is null for them.
 */
export function toIdentityPublicEvent(recorded: RecordedEvent): IntegrationEnvelope | null {
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
