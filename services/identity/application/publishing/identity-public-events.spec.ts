import type { RecordedEvent } from '@osteo/event-sourcing';
import { ERASED } from '@osteo/personal-data';
import { EmailDigests, type PlatformConfig } from '@osteo/platform';
import { toIdentityPublicEvent as translate } from './identity-public-events';

const emailDigestKey = 'an e-mail digest key of at least thirty-two bytes';
const config = { emailDigestKey } as PlatformConfig;
const toIdentityPublicEvent = (event: RecordedEvent) => translate(event, config);

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
  it('publishes a provisioned account as AccountRegistered v2 (specific, temporary password), without its address, its hash or its delegation', () => {
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
    expect(published).toMatchObject({ type: 'AccountRegistered', version: 2, streamId: 'account-acc-2', causationId: 'grant-1' });
    expect(published?.data).toEqual({
      accountId: 'acc-2',
      emailDigest: EmailDigests.withKey(emailDigestKey).of('Secretariat@Example.fr'),
      displayName: 'secretariat',
      kind: 'specific',
      mustChangePassword: true,
    });
    expect(JSON.stringify(published)).not.toContain('@');
  });

  it('publishes a chosen display name as AccountDisplayNameChanged v1: the id and the name, nothing else', () => {
    const published = toIdentityPublicEvent(
      recorded('AccountDisplayNameChanged', 'account-acc-2', { accountId: 'acc-2', displayName: 'Sophie Lambert', changedAt: '2026-03-02T08:30:00.000Z' }),
    );
    expect(published).toMatchObject({ type: 'AccountDisplayNameChanged', version: 1, streamId: 'account-acc-2' });
    expect(published?.data).toEqual({ accountId: 'acc-2', displayName: 'Sophie Lambert' });
  });

  it('publishes a registered account with the name its holder gave and the keyed digest of its address', () => {
    const published = toIdentityPublicEvent(
      recorded('AccountRegistered', 'account-acc-1', {
        accountId: 'acc-1',
        email: 'claire.martin@example.fr',
        displayName: 'Dr Claire Martin',
        kind: 'main',
        passwordHash: 'h',
        mustChangePassword: false,
        registeredAt: '2026-03-02T08:30:00.000Z',
      }),
    );
    expect(published?.data).toEqual({ accountId: 'acc-1', emailDigest: expect.stringMatching(/^[0-9a-f]{64}$/), displayName: 'Dr Claire Martin', kind: 'main', mustChangePassword: false });
    expect(published?.data.emailDigest).not.toBe(EmailDigests.withKey('another key, also at least thirty-two bytes').of('claire.martin@example.fr'));
  });

  it('publishes an erased account with a digest no address matches, and its name as erased', () => {
    const erased = (accountId: string) =>
      toIdentityPublicEvent(
        recorded('AccountRegistered', `account-${accountId}`, { accountId, email: ERASED, displayName: ERASED, kind: 'main', passwordHash: 'h', mustChangePassword: false, registeredAt: '2026-03-02T08:30:00.000Z' }),
      );
    expect(erased('acc-1')?.data).toMatchObject({ displayName: ERASED, emailDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(erased('acc-1')?.data.emailDigest).not.toBe(erased('acc-2')?.data.emailDigest);
    expect(erased('acc-1')?.data.emailDigest).not.toBe(EmailDigests.withKey(emailDigestKey).of(ERASED));
  });

  it('keeps a reissued temporary password and the provisioning record private', () => {
    expect(toIdentityPublicEvent(recorded('TemporaryPasswordIssued', 'account-acc-2', { accountId: 'acc-2', passwordHash: 'h', issuedAt: '2026-03-02T08:30:00.000Z' }))).toBeNull();
    expect(
      toIdentityPublicEvent(
        recorded('GranteeMailed', 'provisioning-del-1', { delegationId: 'del-1', accountId: 'acc-2', mail: 'temporary-password', mailedAt: '2026-03-02T08:30:00.000Z' }),
      ),
    ).toBeNull();
  });

  it('keeps the language an account chose, and the record of an invitation mailed, private', () => {
    expect(toIdentityPublicEvent(recorded('AccountLanguageChosen', 'account-acc-1', { accountId: 'acc-1', language: 'en', chosenAt: '2026-03-02T08:30:00.000Z' }))).toBeNull();
    expect(
      toIdentityPublicEvent(
        recorded('ColleagueInvitationMailed', 'invitation-mail-inv-1', { invitationId: 'inv-1', inviteeAccountId: 'acc-2', mailedAt: '2026-03-02T08:30:00.000Z' }),
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

  it('publishes an erasure as AccountErased v1 with the account id only', () => {
    const erased = toIdentityPublicEvent(recorded('AccountErased', 'account-acc-2', { accountId: 'acc-2', erasedAt: '2026-03-02T08:30:00.000Z' }));
    expect(erased).toMatchObject({ type: 'AccountErased', version: 1, streamId: 'account-acc-2' });
    expect(erased?.data).toEqual({ accountId: 'acc-2' });
  });

  it('publishes a revoked session as SessionEnded v1: its id, its account (the actor), why; never its token hashes', () => {
    const loggedOut = toIdentityPublicEvent(
      recorded('SessionRevoked', 'session-0b6f2f0e-5c1d-4a43-9d1c-2b1f6c1e9a10', { reason: 'logged-out', revokedAt: '2026-03-02T08:30:00.000Z' }),
    );
    expect(loggedOut).toMatchObject({ type: 'SessionEnded', version: 1, occurredAt: '2026-03-02T08:30:00.000Z' });
    expect(loggedOut?.data).toEqual({ sessionId: '0b6f2f0e-5c1d-4a43-9d1c-2b1f6c1e9a10', accountId: 'owner-1', reason: 'logged-out' });
    expect(toIdentityPublicEvent(recorded('SessionRevoked', 'session-s-2', { reason: 'refresh-token-reused', revokedAt: 'x' }))?.data).toMatchObject({ reason: 'refresh-token-reused' });
    for (const type of ['SessionStarted', 'RefreshTokenRotated']) {
      expect(toIdentityPublicEvent(recorded(type, 'session-s-1', { tokenHash: 'h', accountId: 'owner-1' }))).toBeNull();
    }
  });
});
