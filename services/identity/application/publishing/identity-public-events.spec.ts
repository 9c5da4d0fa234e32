import type { RecordedEvent } from '@osteo/event-sourcing';
import { toIdentityPublicEvent } from './identity-public-events';

function recorded(type: string, streamId: string, data: Record<string, unknown>): RecordedEvent {
  return {
    eventId: 'evt-1',
    type,
    streamId,
    revision: 0,
    position: '1',
    data,
    metadata: { occurredAt: '2026-03-02T08:30:00.000Z', actorId: 'owner-1', correlationId: 'corr-1', causationId: 'grant-1' },
    recordedAt: '2026-03-02T08:30:00.001Z',
  };
}

describe('identity public events', () => {
  it('publishes a provisioned account as AccountRegistered (specific, temporary password), without its hash or its delegation', () => {
    const published = toIdentityPublicEvent(
      recorded('AccountRegistered', 'account-acc-2', {
        accountId: 'acc-2',
        email: 'secretariat@example.fr',
        displayName: 'secretariat@example.fr',
        kind: 'specific',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$...',
        mustChangePassword: true,
        registeredAt: '2026-03-02T08:30:00.000Z',
        provisionedForDelegationId: 'del-1',
      }),
    );
    expect(published).toMatchObject({ type: 'AccountRegistered', version: 1, streamId: 'account-acc-2', causationId: 'grant-1' });
    expect(published?.data).toEqual({ accountId: 'acc-2', email: 'secretariat@example.fr', displayName: 'secretariat@example.fr', kind: 'specific', mustChangePassword: true });
  });

  it('keeps a reissued temporary password and the provisioning record private', () => {
    expect(toIdentityPublicEvent(recorded('TemporaryPasswordIssued', 'account-acc-2', { accountId: 'acc-2', passwordHash: 'h', issuedAt: '2026-03-02T08:30:00.000Z' }))).toBeNull();
    expect(
      toIdentityPublicEvent(
        recorded('GranteeMailed', 'provisioning-del-1', { delegationId: 'del-1', accountId: 'acc-2', mail: 'temporary-password', mailedAt: '2026-03-02T08:30:00.000Z' }),
      ),
    ).toBeNull();
  });

  it('publishes a password reset as AccountPasswordChanged with the account id only, and keeps the reset request private', () => {
    const reset = toIdentityPublicEvent(recorded('PasswordReset', 'account-acc-1', { accountId: 'acc-1', passwordHash: 'h', resetAt: '2026-03-02T08:30:00.000Z' }));
    expect(reset).toMatchObject({ type: 'AccountPasswordChanged', streamId: 'account-acc-1' });
    expect(reset?.data).toEqual({ accountId: 'acc-1' });
    expect(
      toIdentityPublicEvent(
        recorded('PasswordResetRequested', 'account-acc-1', { accountId: 'acc-1', tokenHash: 't', expiresAt: '2026-03-02T09:00:00.000Z', requestedAt: '2026-03-02T08:30:00.000Z' }),
      ),
    ).toBeNull();
  });
});
