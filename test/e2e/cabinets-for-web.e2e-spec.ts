import { Topics } from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';
import { PASSWORD, SignedIn, logIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { ContractConformance } from '../support/contract-conformance';
import { RunningPlatform, startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { weekIn } from '../../services/planning/domain/zoned-week';

/**
 * What the web application reads of cabinets, over HTTP against the embedded platform: a time
 * zone per cabinet, who practises in a cabinet (with names), the owner's colleagues, and the
 * people's names in delegations and invitations, which come from identity's account events.
 */
describe('cabinets as the web application reads them, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let anonymous: HttpClient;
  let owner: SignedIn;
  let colleague: SignedIn;
  let stranger: SignedIn;
  let cabinetA: string;
  let cabinetB: string;
  let strangersCabinet: string;
  const conformance = new ContractConformance();

  const accessGrantEventCount = () => storedEventCount(dataDir.path, 'access-grant');
  const cabinet = async (who: SignedIn, cabinetId: string) => {
    const answer = await who.http.get('/api/v1/cabinets');
    expect(answer.status).toBe(200);
    return (answer.body as { cabinetId: string }[]).find((cabinet) => cabinet.cabinetId === cabinetId);
  };

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    await conformance.watch(platform.app.get(EventBus), [Topics.identity, Topics.access]);
    anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'claire.martin@example.fr', 'Dr Claire Martin');
    colleague = await registerMainAccount(anonymous, 'hugo.bernard@example.fr', 'Hugo Bernard');
    stranger = await registerMainAccount(anonymous, 'lea.petit@example.fr', 'Léa Petit');
    cabinetA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet de Lyon', address: '3 rue Mercière, Lyon' })).body.cabinetId;
    cabinetB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet de Fort-de-France', timeZone: 'america/martinique' })).body.cabinetId;
    strangersCabinet = (await stranger.http.post('/api/v1/cabinets', { name: 'Cabinet Petit' })).body.cabinetId;
  });

  afterAll(async () => {
    await conformance.stop();
    await platform.stop();
    dataDir.remove();
  });

  describe('a time zone per cabinet', () => {
    it('GET /cabinets shows each cabinet’s address, time zone (Europe/Paris unless another was given, spelt as Intl spells it) and owner’s name', async () => {
      await eventually(async () => {
        expect(await cabinet(owner, cabinetA)).toEqual({
          cabinetId: cabinetA,
          name: 'Cabinet de Lyon',
          address: '3 rue Mercière, Lyon',
          timeZone: 'Europe/Paris',
          reminderSettings: { delayHours: 24, address: null, phone: null },
          ownerId: owner.accountId,
          ownerDisplayName: 'Dr Claire Martin',
          role: 'owner',
          roles: ['owner'],
        });
        expect(await cabinet(owner, cabinetB)).toMatchObject({ address: null, timeZone: 'America/Martinique' });
      });
    });

    it.each([
      ['an unknown zone', { name: 'Cabinet martien', timeZone: 'Mars/Olympus_Mons' }],
      ['an offset rather than a zone', { name: 'Cabinet décalé', timeZone: '+01:00' }],
      ['a zone that is not a string', { name: 'Cabinet', timeZone: 1 }],
    ])('POST /cabinets with %s is a 400 naming timeZone, and writes nothing', async (_case, body) => {
      const before = await accessGrantEventCount();
      const answer = await owner.http.post('/api/v1/cabinets', body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ statusCode: 400, code: 'REQUEST.INVALID', message: expect.stringMatching(/^timeZone/) });
      expect(await accessGrantEventCount()).toBe(before);
    });

    it('PATCH /cabinets/:id changes the time zone, the name, or both at once', async () => {
      expect((await owner.http.patch(`/api/v1/cabinets/${cabinetA}`, { timeZone: 'Indian/Reunion' })).status).toBe(204);
      await eventually(async () => expect(await cabinet(owner, cabinetA)).toMatchObject({ name: 'Cabinet de Lyon', timeZone: 'Indian/Reunion' }));

      expect((await owner.http.patch(`/api/v1/cabinets/${cabinetA}`, { name: 'Cabinet de Lyon Presqu’île', timeZone: 'Europe/Paris' })).status).toBe(204);
      await eventually(async () => expect(await cabinet(owner, cabinetA)).toMatchObject({ name: 'Cabinet de Lyon Presqu’île', timeZone: 'Europe/Paris' }));
    });

    it('PATCH /cabinets/:id with nothing to change, or an unknown zone, is a 400 and writes nothing (not even a new name)', async () => {
      const before = await accessGrantEventCount();
      const empty = await owner.http.patch(`/api/v1/cabinets/${cabinetA}`, {});
      const nulls = await owner.http.patch(`/api/v1/cabinets/${cabinetA}`, { name: null, timeZone: null });
      const unknownZone = await owner.http.patch(`/api/v1/cabinets/${cabinetA}`, { name: 'Autre nom', timeZone: 'Europe/Lyon' });

      expect(empty.status).toBe(400);
      expect(empty.body.code).toBe('REQUEST.INVALID');
      expect(nulls.status).toBe(400);
      expect(unknownZone.status).toBe(400);
      expect(unknownZone.body.message).toMatch(/^timeZone/);
      expect(await accessGrantEventCount()).toBe(before);
    });

    it('the agenda’s current week (no from/to) is the week on the cabinet’s wall clocks', async () => {
      const week = weekIn('America/Martinique', new Date());
      const book = async (startMs: number) => {
        const answer = await owner.http.post(`/api/v1/cabinets/${cabinetB}/appointments`, {
          practitionerId: owner.accountId,
          patientName: 'Jeanne Dupont',
          start: new Date(startMs).toISOString(),
          end: new Date(startMs + 30 * 60_000).toISOString(),
        });
        expect(answer.status).toBe(201);
        return answer.body.appointmentId as string;
      };
      // Sunday 23:30 and Monday 00:00 in Martinique: Monday 03:30 and 04:00 in UTC.
      const sundayEvening = await book(Date.parse(week.start) - 30 * 60_000);
      const mondayMorning = await book(Date.parse(week.start));

      await eventually(async () => {
        const listed = ((await owner.http.get(`/api/v1/cabinets/${cabinetB}/appointments`)).body as { appointmentId: string }[]).map(({ appointmentId }) => appointmentId);
        expect(listed).toContain(mondayMorning);
        expect(listed).not.toContain(sundayEvening);
      });
    });

    it('PATCH /cabinets/:id of someone else’s cabinet is a 404', async () => {
      expect((await stranger.http.patch(`/api/v1/cabinets/${cabinetA}`, { timeZone: 'Asia/Tokyo' })).status).toBe(404);
    });
  });

  describe('colleagues, practitioners and names', () => {
    let invitationId: string;
    let substitute: SignedIn;
    let secretary: SignedIn;
    let accountant: SignedIn;
    let substituteDelegationId: string;

    it('an invitee sees the cabinet’s name and who invited them; the owner sees the colleague invited, then active', async () => {
      const invited = await owner.http.post(`/api/v1/cabinets/${cabinetA}/colleagues`, { email: 'hugo.bernard@example.fr' });
      expect(invited.status).toBe(201);
      invitationId = invited.body.invitationId;

      await eventually(async () => {
        const { received } = (await colleague.http.get('/api/v1/invitations')).body;
        expect(received).toEqual([
          expect.objectContaining({ invitationId, cabinetId: cabinetA, cabinetName: 'Cabinet de Lyon Presqu’île', ownerId: owner.accountId, ownerDisplayName: 'Dr Claire Martin', status: 'pending' }),
        ]);
        const { sent } = (await owner.http.get('/api/v1/invitations')).body;
        expect(sent).toContainEqual(expect.objectContaining({ invitationId, inviteeAccountId: colleague.accountId, inviteeEmail: 'hugo.bernard@example.fr', inviteeDisplayName: 'Hugo Bernard' }));
      });
      await eventually(async () => {
        const answer = await owner.http.get(`/api/v1/cabinets/${cabinetA}/colleagues`);
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual([
          { accountId: colleague.accountId, email: 'hugo.bernard@example.fr', displayName: 'Hugo Bernard', status: 'invited', invitationId, invitedAt: expect.any(String) },
        ]);
      });

      expect((await colleague.http.post(`/api/v1/invitations/${invitationId}/accept`)).status).toBe(204);
      await eventually(async () => expect((await owner.http.get(`/api/v1/cabinets/${cabinetA}/colleagues`)).body).toEqual([expect.objectContaining({ accountId: colleague.accountId, status: 'active' })]));
    });

    it('a substitute, a secretary and an accountant are provisioned; the owner’s list names each grantee, theirs names the owner', async () => {
      const grant = async (email: string, role: string, extra: object = {}) => {
        const answer = await owner.http.post('/api/v1/delegations', { email, role, cabinetIds: [cabinetA], ...extra });
        expect(answer.status).toBe(201);
        return answer.body.delegationId as string;
      };
      substituteDelegationId = await grant('locum@example.fr', 'substitute', { retrocessionPercent: 30 });
      await grant('secretariat@example.fr', 'secretary');
      await grant('compta@example.fr', 'accountant');
      substitute = await signInProvisionedAccount(anonymous, dataDir.path, 'locum@example.fr');
      secretary = await signInProvisionedAccount(anonymous, dataDir.path, 'secretariat@example.fr');
      accountant = await signInProvisionedAccount(anonymous, dataDir.path, 'compta@example.fr');

      await eventually(async () => {
        const { granted } = (await owner.http.get('/api/v1/delegations')).body;
        expect(granted).toEqual(
          expect.arrayContaining([
            // A provisioned account is known by its address until its holder has a profile (identity's rule).
            expect.objectContaining({ delegationId: substituteDelegationId, granteeEmail: 'locum@example.fr', granteeAccountId: substitute.accountId, granteeDisplayName: 'locum', ownerDisplayName: 'Dr Claire Martin', status: 'active' }),
            expect.objectContaining({ granteeEmail: 'secretariat@example.fr', granteeDisplayName: 'secretariat' }),
          ]),
        );
        const { received } = (await substitute.http.get('/api/v1/delegations')).body;
        expect(received).toEqual([expect.objectContaining({ delegationId: substituteDelegationId, ownerId: owner.accountId, ownerDisplayName: 'Dr Claire Martin' })]);
      });
    });

    it('a cabinet’s practitioners (owner, colleagues, substitutes in force), with names, for whoever reads its appointments or patients', async () => {
      const expected = [
        { accountId: owner.accountId, displayName: 'Dr Claire Martin', role: 'owner' },
        { accountId: colleague.accountId, displayName: 'Hugo Bernard', role: 'colleague' },
        { accountId: substitute.accountId, displayName: 'locum', role: 'substitute' },
      ];
      for (const reader of [owner, colleague, secretary, substitute]) {
        await eventually(async () => {
          const answer = await reader.http.get(`/api/v1/cabinets/${cabinetA}/practitioners`);
          expect(answer.status).toBe(200);
          expect(answer.body).toEqual(expected);
        });
      }
      expect((await owner.http.get(`/api/v1/cabinets/${cabinetB}/practitioners`)).body).toEqual([{ accountId: owner.accountId, displayName: 'Dr Claire Martin', role: 'owner' }]);
    });

    it('practitioners: 403 for an accountant of the cabinet, 404 for a cabinet the caller cannot see', async () => {
      await eventually(async () => expect(await cabinet(accountant, cabinetA)).toMatchObject({ role: 'accountant' }));
      const forbidden = await accountant.http.get(`/api/v1/cabinets/${cabinetA}/practitioners`);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('ACCESS.FORBIDDEN');

      for (const [who, cabinetId] of [
        [stranger, cabinetA],
        [owner, strangersCabinet],
        [secretary, cabinetB],
        [owner, 'no-such-cabinet'],
      ] as const) {
        const hidden = await who.http.get(`/api/v1/cabinets/${cabinetId}/practitioners`);
        expect(hidden.status).toBe(404);
        expect(hidden.body.code).toBe('RESOURCE.NOT_FOUND');
      }
    });

    it('colleagues are the owner’s: 403 for a colleague or a secretary of the cabinet, 404 for a stranger', async () => {
      expect((await colleague.http.get(`/api/v1/cabinets/${cabinetA}/colleagues`)).status).toBe(403);
      expect((await secretary.http.get(`/api/v1/cabinets/${cabinetA}/colleagues`)).status).toBe(403);
      expect((await stranger.http.get(`/api/v1/cabinets/${cabinetA}/colleagues`)).status).toBe(404);
    });

    it('a removed colleague and a revoked substitute leave the practitioners; the colleague shows as removed', async () => {
      expect((await owner.http.delete(`/api/v1/cabinets/${cabinetA}/colleagues/${colleague.accountId}`)).status).toBe(204);
      expect((await owner.http.delete(`/api/v1/delegations/${substituteDelegationId}`)).status).toBe(204);

      await eventually(async () => {
        expect((await owner.http.get(`/api/v1/cabinets/${cabinetA}/colleagues`)).body).toEqual([expect.objectContaining({ accountId: colleague.accountId, status: 'removed', invitationId })]);
        expect((await secretary.http.get(`/api/v1/cabinets/${cabinetA}/practitioners`)).body).toEqual([{ accountId: owner.accountId, displayName: 'Dr Claire Martin', role: 'owner' }]);
      });
      // Whoever works in another owner's cabinet reads whose it is ("Cabinet de Dr Claire Martin").
      expect(await cabinet(secretary, cabinetA)).toMatchObject({ ownerId: owner.accountId, ownerDisplayName: 'Dr Claire Martin', role: 'secretary' });
    });
  });

  it('after a restart (read models rebuilt from the stores), the time zones, names and colleagues are all back', async () => {
    await conformance.stop();
    await platform.stop();
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    await conformance.watch(platform.app.get(EventBus), [Topics.identity, Topics.access]);
    anonymous = new HttpClient(platform.baseUrl);
    const again = async (who: SignedIn): Promise<SignedIn> => ({ ...who, http: anonymous.withToken(await logIn(anonymous, who.email, PASSWORD)) });
    const [ownerAgain, colleagueAgain] = [await again(owner), await again(colleague)];

    await eventually(async () => {
      expect(await cabinet(ownerAgain, cabinetB)).toMatchObject({ timeZone: 'America/Martinique' });
      expect((await ownerAgain.http.get(`/api/v1/cabinets/${cabinetA}/practitioners`)).body).toEqual([{ accountId: owner.accountId, displayName: 'Dr Claire Martin', role: 'owner' }]);
      expect((await ownerAgain.http.get(`/api/v1/cabinets/${cabinetA}/colleagues`)).body).toEqual([expect.objectContaining({ accountId: colleague.accountId, displayName: 'Hugo Bernard', status: 'removed' })]);
      expect((await colleagueAgain.http.get('/api/v1/cabinets')).body).toEqual([]);
    }, 10_000);
  });

  it('publishes only events that match their contract, CabinetTimeZoneChanged and CabinetOpened with a time zone included', async () => {
    await eventually(() => {
      const { types } = conformance.report();
      for (const type of ['AccountRegistered', 'CabinetOpened', 'CabinetRenamed', 'CabinetTimeZoneChanged', 'ColleagueInvited', 'ColleagueJoined', 'ColleagueRemoved', 'DelegationGranted', 'DelegationRevoked']) {
        expect(types).toContain(type);
      }
    });
    expect(conformance.report().violations).toEqual([]);
  });
});
