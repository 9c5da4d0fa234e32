import type { RecordedEvent } from '@osteo/event-sourcing';
import { EmailDigests, type PlatformConfig, SealedEmails, SealedPracticeContacts } from '@osteo/platform';
import { toAccessPublicEvent } from './access-public-events';

const emailDigestKey = 'an e-mail digest key of at least thirty-two bytes';
const config = { emailDigestKey } as PlatformConfig;

const recorded = (type: string, data: Record<string, unknown>, streamId = 'delegation-del-1', eventId = 'evt-1'): RecordedEvent => ({
  eventId,
  type,
  streamId,
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

  describe("a practice's address and phone (#14)", () => {
    const seals = SealedPracticeContacts.withKey(emailDigestKey);
    const opened = recorded('CabinetOpened', { cabinetId: 'cab-1', ownerId: 'owner-1', name: 'Cabinet des Pentes', address: '1 rue Burdeau, 69001 Lyon', timeZone: 'Europe/Paris' }, 'cabinet-cab-1', 'evt-open');
    const settings = (eventId: string, address: string | null, phone: string | null) =>
      recorded('CabinetReminderSettingsChanged', { cabinetId: 'cab-1', ownerId: 'owner-1', delayHours: 48, address, phone }, 'cabinet-cab-1', eventId);

    it('publishes CabinetOpened as v2, the address sealed for its event, never in clear; one opened before time zones says Europe/Paris', () => {
      const published = toAccessPublicEvent(opened, config);

      expect(published).toMatchObject({ type: 'CabinetOpened', version: 2, eventId: 'evt-open' });
      expect(published?.data).toEqual({ cabinetId: 'cab-1', ownerId: 'owner-1', name: 'Cabinet des Pentes', addressSealed: expect.stringMatching(/^\$se1\$/), timeZone: 'Europe/Paris' });
      expect(JSON.stringify(published)).not.toMatch(/Burdeau|Lyon/);
      expect(seals.open(String(published?.data.addressSealed), 'address', { cabinetId: 'cab-1', eventId: 'evt-open' })).toBe('1 rue Burdeau, 69001 Lyon');
      const { timeZone: _zone, ...beforeTimeZones } = opened.data;
      expect(toAccessPublicEvent({ ...opened, data: { ...beforeTimeZones, address: null } }, config)?.data).toMatchObject({ addressSealed: null, timeZone: 'Europe/Paris' });
    });

    it('publishes CabinetReminderSettingsChanged as v2, address and phone sealed, each for its field of its event; none stays null', () => {
      const published = toAccessPublicEvent(settings('evt-s1', '12 rue Dumenge, 69004 Lyon', '+33478000000'), config);

      expect(published).toMatchObject({ type: 'CabinetReminderSettingsChanged', version: 2 });
      expect(JSON.stringify(published)).not.toMatch(/Dumenge|Lyon|33478/);
      const sealedIn = { cabinetId: 'cab-1', eventId: 'evt-s1' };
      expect({ ...published?.data, addressSealed: seals.open(String(published?.data.addressSealed), 'address', sealedIn), phoneSealed: seals.open(String(published?.data.phoneSealed), 'phone', sealedIn) }).toEqual({
        cabinetId: 'cab-1',
        ownerId: 'owner-1',
        delayHours: 48,
        addressSealed: '12 rue Dumenge, 69004 Lyon',
        phoneSealed: '+33478000000',
      });
      expect(toAccessPublicEvent(settings('evt-s2', null, null), config)?.data).toMatchObject({ addressSealed: null, phoneSealed: null });
    });

    it('seals one stored event alike on every re-publication, and the same address apart in two events', () => {
      expect(toAccessPublicEvent(opened, config)).toEqual(toAccessPublicEvent(opened, config));
      const first = toAccessPublicEvent(settings('evt-s1', '12 rue Dumenge, 69004 Lyon', null), config)?.data.addressSealed;
      const second = toAccessPublicEvent(settings('evt-s2', '12 rue Dumenge, 69004 Lyon', null), config)?.data.addressSealed;
      expect(second).not.toBe(first);
    });
  });

  it('publishes the other events as they are stored, and keeps slot claims private', () => {
    const revoked = recorded('DelegationRevoked', { delegationId: 'del-1', ownerId: 'owner-1' });
    expect(toAccessPublicEvent(revoked, config)).toMatchObject({ type: 'DelegationRevoked', version: 1, data: { delegationId: 'del-1', ownerId: 'owner-1' } });
    expect(toAccessPublicEvent(recorded('DelegationSlotClaimed', { delegationId: 'del-1' }), config)).toBeNull();
  });
});
