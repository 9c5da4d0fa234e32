import type { RecordedEvent } from '@osteo/event-sourcing';
import { EmailDigests, type PlatformConfig, SealedEmails } from '@osteo/platform';
import { toAccessPublicEvent } from './access-public-events';

const emailDigestKey = 'an e-mail digest key of at least thirty-two bytes';
const config = { emailDigestKey } as PlatformConfig;

const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  eventId: 'evt-1',
  type,
  streamId: 'delegation-del-1',
  revision: 0,
  position: '1',
  data,
  metadata: { occurredAt: '2026-03-02T08:30:00.000Z', actorId: 'owner-1', correlationId: 'corr-1' },
  recordedAt: '2026-03-02T08:30:00.001Z',
});

describe('access-grant public events', () => {
  const granted = recorded('DelegationGranted', {
    delegationId: 'del-1',
    ownerId: 'owner-1',
    granteeEmail: 'secretariat@example.fr',
    granteeAccountId: null,
    role: 'secretary',
    cabinetIds: ['cabinet-1'],
    retrocessionBasisPoints: null,
    endsOn: null,
  });

  it('publishes a grant as DelegationGranted v2: the address as its keyed digest and sealed, never in clear', () => {
    const published = toAccessPublicEvent(granted, config);

    expect(published).toMatchObject({ type: 'DelegationGranted', version: 2, streamId: 'delegation-del-1' });
    expect(published?.data).toEqual({
      delegationId: 'del-1',
      ownerId: 'owner-1',
      granteeEmailDigest: EmailDigests.withKey(emailDigestKey).of('secretariat@example.fr'),
      granteeEmailSealed: expect.stringMatching(/^\$se1\$/),
      granteeAccountId: null,
      role: 'secretary',
      cabinetIds: ['cabinet-1'],
      retrocessionBasisPoints: null,
      endsOn: null,
    });
    expect(JSON.stringify(published)).not.toMatch(/secretariat|example/);
    expect(SealedEmails.withKey(emailDigestKey).unseal(String(published?.data.granteeEmailSealed), 'del-1')).toBe('secretariat@example.fr');
  });

  it('translates a grant alike every time, as the publisher does on each re-publication', () => {
    expect(toAccessPublicEvent(granted, config)).toEqual(toAccessPublicEvent(granted, config));
  });

  it('publishes an invitation without the address the owner typed, which stays in access-grant', () => {
    const invited = recorded('ColleagueInvited', { invitationId: 'inv-1', cabinetId: 'cabinet-1', ownerId: 'owner-1', inviteeAccountId: 'hugo', inviteeEmail: 'hugo@example.fr' });
    expect(toAccessPublicEvent(invited, config)?.data).toEqual({ invitationId: 'inv-1', cabinetId: 'cabinet-1', ownerId: 'owner-1', inviteeAccountId: 'hugo' });
  });

  it('publishes the other events as they are stored, and keeps slot claims private', () => {
    const revoked = recorded('DelegationRevoked', { delegationId: 'del-1', ownerId: 'owner-1' });
    expect(toAccessPublicEvent(revoked, config)).toMatchObject({ type: 'DelegationRevoked', version: 1, data: { delegationId: 'del-1', ownerId: 'owner-1' } });
    expect(toAccessPublicEvent(recorded('DelegationSlotClaimed', { delegationId: 'del-1' }), config)).toBeNull();
  });
});
