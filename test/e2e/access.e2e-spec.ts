import { join } from 'node:path';
import { Topics } from '@osteo/contracts';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { EventBus } from '@osteo/messaging';
import { PASSWORD, SignedIn, chooseDisplayName, logIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { ContractConformance } from '../support/contract-conformance';
import { HttpClient } from '../support/http-client';
import { outboxMessages, recipientOf, temporaryPasswordIn } from '../support/outbox';

/**
 * Cabinets, colleagues and specific accounts through the gateway, in the embedded profile:
 * provisioning by e-mail, roles in GET /cabinets, and access that follows every change within
 * a second.
 */
describe('cabinets, colleagues and delegations, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let anonymous: HttpClient;
  let owner: SignedIn;
  let cabinetA: string;
  let cabinetB: string;
  const conformance = new ContractConformance();

  const cabinetsOf = async (who: SignedIn) => {
    const answer = await who.http.get('/api/v1/cabinets');
    expect(answer.status).toBe(200);
    return (answer.body as { cabinetId: string; role: string }[]).map(({ cabinetId, role }) => ({ cabinetId, role }));
  };
  const accessGrantEventCount = () => storedEventCount(dataDir.path, 'access-grant');
  const identityEvents = async () => {
    const store = new SqliteEventStore(join(dataDir.path, 'identity.events.sqlite'));
    try {
      return await store.readAll();
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    await conformance.watch(platform.app.get(EventBus), [Topics.identity, Topics.access]);
    anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
    cabinetA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A', address: '1 rue A, Lyon' })).body.cabinetId;
    cabinetB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;
  });

  afterAll(async () => {
    await conformance.stop();
    await platform.stop();
    dataDir.remove();
  });

  it('lists the owner’s cabinets with the role owner', async () => {
    await eventually(async () =>
      expect(await cabinetsOf(owner)).toEqual(expect.arrayContaining([{ cabinetId: cabinetA, role: 'owner' }, { cabinetId: cabinetB, role: 'owner' }])),
    );
    await eventually(async () =>
      expect((await owner.http.get('/api/v1/me')).body.access).toEqual([{ ownerId: owner.accountId, role: 'owner', cabinetIds: [cabinetA, cabinetB].sort() }]),
    );
  });

  it('provisions a secretary by e-mail: temporary password mailed, change forced, then only cabinet A as secretary', async () => {
    const granted = await owner.http.post('/api/v1/delegations', { email: 'Secretariat@Example.fr', role: 'secretary', cabinetIds: [cabinetA] });
    expect(granted.status).toBe(201);

    const temporaryPassword = await eventually(() => {
      const mail = outboxMessages(dataDir.path).find((message) => recipientOf(message) === 'secretariat@example.fr');
      expect(mail).toBeDefined();
      const password = temporaryPasswordIn(mail!);
      expect(password?.length).toBeGreaterThanOrEqual(16);
      return password!;
    });
    const temporary = anonymous.withToken(await logIn(anonymous, 'secretariat@example.fr', temporaryPassword));
    const blocked = await temporary.get('/api/v1/cabinets');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('AUTH.PASSWORD_CHANGE_REQUIRED');
    expect((await temporary.post('/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: PASSWORD })).status).toBe(204);

    // Then the name it appears by: until it is chosen, only /me and the first-login routes answer.
    const unnamed = anonymous.withToken(await logIn(anonymous, 'secretariat@example.fr', PASSWORD));
    expect((await unnamed.get('/api/v1/cabinets')).body).toMatchObject({ statusCode: 403, code: 'ACCOUNT.DISPLAY_NAME_REQUIRED' });
    expect((await unnamed.get('/api/v1/me')).body).toMatchObject({ mustChangePassword: false, mustChooseDisplayName: true });
    await chooseDisplayName(unnamed, 'Sarah Secrétariat');

    const secretary = { accountId: '', email: 'secretariat@example.fr', http: anonymous.withToken(await logIn(anonymous, 'secretariat@example.fr', PASSWORD)) };
    await eventually(async () => expect(await cabinetsOf(secretary)).toEqual([{ cabinetId: cabinetA, role: 'secretary' }]));
    const me = await secretary.http.get('/api/v1/me');
    expect(me.body).toMatchObject({ email: 'secretariat@example.fr', kind: 'specific', mustChangePassword: false });
    await eventually(async () => expect((await secretary.http.get('/api/v1/me')).body.access).toEqual([{ ownerId: owner.accountId, role: 'secretary', cabinetIds: [cabinetA] }]));
    // A specific account cannot open cabinets of its own.
    expect((await secretary.http.post('/api/v1/cabinets', { name: 'Mine' })).body.code).toBe('CABINET.MAIN_ACCOUNT_REQUIRED');
  });

  it('adds a grant to an existing account instead of creating one, and shows the union of two owners’ grants', async () => {
    const secondOwner = await registerMainAccount(anonymous, 'second.owner@example.fr', 'Dr Paul Girard');
    const cabinetC = (await secondOwner.http.post('/api/v1/cabinets', { name: 'Cabinet C' })).body.cabinetId;
    const accountsBefore = (await identityEvents()).filter((event) => event.type === 'AccountRegistered').length;

    const granted = await secondOwner.http.post('/api/v1/delegations', { email: 'secretariat@example.fr', role: 'accountant', cabinetIds: [cabinetC] });
    expect(granted.status).toBe(201);
    const secretary = { accountId: '', email: 'secretariat@example.fr', http: anonymous.withToken(await logIn(anonymous, 'secretariat@example.fr', PASSWORD)) };
    await eventually(async () =>
      expect(await cabinetsOf(secretary)).toEqual(expect.arrayContaining([{ cabinetId: cabinetA, role: 'secretary' }, { cabinetId: cabinetC, role: 'accountant' }])),
    );
    expect(await cabinetsOf(secretary)).toHaveLength(2);
    const accountsAfter = (await identityEvents()).filter((event) => event.type === 'AccountRegistered').length;
    expect(accountsAfter).toBe(accountsBefore);
  });

  it('shares cabinet B with an invited colleague, who accepts', async () => {
    const colleague = await registerMainAccount(anonymous, 'colleague@example.fr', 'Dr Hugo Bernard');
    const invitation = await eventually(async () => {
      const answer = await owner.http.post(`/api/v1/cabinets/${cabinetB}/colleagues`, { email: 'colleague@example.fr' });
      expect(answer.status).toBe(201);
      return answer.body.invitationId as string;
    });
    const stranger = await registerMainAccount(anonymous, 'stranger@example.fr', 'Dr Stranger');
    await eventually(async () => expect((await colleague.http.get('/api/v1/invitations')).body.received).toHaveLength(1));

    const hijack = await stranger.http.post(`/api/v1/invitations/${invitation}/accept`);
    expect(hijack.status).toBe(403);
    expect(hijack.body.code).toBe('INVITATION.NOT_INVITEE');

    expect((await colleague.http.post(`/api/v1/invitations/${invitation}/accept`)).status).toBe(204);
    await eventually(async () => expect(await cabinetsOf(colleague)).toEqual([{ cabinetId: cabinetB, role: 'colleague' }]));
    expect(await cabinetsOf(stranger)).toEqual([]);

    expect((await owner.http.delete(`/api/v1/cabinets/${cabinetB}/colleagues/${colleague.accountId}`)).status).toBe(204);
    await eventually(async () => expect(await cabinetsOf(colleague)).toEqual([]), 1000);
  });

  it('takes a revocation and a change of cabinets into account within a second', async () => {
    const accountant = await registerMainAccount(anonymous, 'accountant@example.fr', 'Cabinet comptable');
    const delegationId = (await owner.http.post('/api/v1/delegations', { email: 'accountant@example.fr', role: 'accountant', cabinetIds: [cabinetA] })).body.delegationId;
    await eventually(async () => expect(await cabinetsOf(accountant)).toEqual([{ cabinetId: cabinetA, role: 'accountant' }]));

    expect((await owner.http.patch(`/api/v1/delegations/${delegationId}`, { cabinetIds: [cabinetB] })).status).toBe(204);
    await eventually(async () => expect(await cabinetsOf(accountant)).toEqual([{ cabinetId: cabinetB, role: 'accountant' }]), 1000);

    expect((await owner.http.delete(`/api/v1/delegations/${delegationId}`)).status).toBe(204);
    await eventually(async () => expect(await cabinetsOf(accountant)).toEqual([]), 1000);
    const listed = (await owner.http.get('/api/v1/delegations')).body.granted.find((delegation: { delegationId: string }) => delegation.delegationId === delegationId);
    expect(listed.status).toBe('revoked');
  });

  it('keeps a substitute’s rate as basis points and shows it as a percent', async () => {
    const granted = await owner.http.post('/api/v1/delegations', { email: 'locum@example.fr', role: 'substitute', cabinetIds: [cabinetA], retrocessionPercent: 30.5 });
    expect(granted.status).toBe(201);
    await eventually(async () => {
      const listed = (await owner.http.get('/api/v1/delegations')).body.granted.find((delegation: { delegationId: string }) => delegation.delegationId === granted.body.delegationId);
      expect(listed).toMatchObject({ role: 'substitute', retrocessionPercent: 30.5, cabinetIds: [cabinetA] });
    });
    const substitute = await signInProvisionedAccount(anonymous, dataDir.path, 'locum@example.fr');
    await eventually(async () => expect(await cabinetsOf(substitute)).toEqual([{ cabinetId: cabinetA, role: 'substitute' }]));
    expect((await owner.http.patch(`/api/v1/delegations/${granted.body.delegationId}`, { retrocessionPercent: 40 })).status).toBe(204);
  });

  it('renames and closes a cabinet: only its owner may, and others learn nothing of it', async () => {
    const cabinet = (await owner.http.post('/api/v1/cabinets', { name: 'Annexe' })).body.cabinetId;
    const stranger = await registerMainAccount(anonymous, 'annex.stranger@example.fr', 'Stranger');
    const unseen = await stranger.http.patch(`/api/v1/cabinets/${cabinet}`, { name: 'Mine now' });
    expect(unseen.status).toBe(404);

    await eventually(async () => expect((await owner.http.patch(`/api/v1/cabinets/${cabinet}`, { name: 'Annexe Sud' })).status).toBe(204));
    await eventually(async () => expect((await owner.http.get('/api/v1/cabinets')).body).toContainEqual(expect.objectContaining({ cabinetId: cabinet, name: 'Annexe Sud' })));
    expect((await owner.http.post(`/api/v1/cabinets/${cabinet}/close`)).status).toBe(204);
    await eventually(async () => expect((await cabinetsOf(owner)).map(({ cabinetId }) => cabinetId)).not.toContain(cabinet));
  });

  describe('bad input gets a clear 4xx and changes nothing', () => {
    const cases: ReadonlyArray<[string, () => Promise<{ status: number; body: { code: string; message: string } }>, number, string, RegExp]> = [
      ['invalid e-mail', () => owner.http.post('/api/v1/delegations', { email: 'nope', role: 'secretary', cabinetIds: [cabinetA] }), 400, 'REQUEST.INVALID', /email/],
      ['unknown role', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'janitor', cabinetIds: [cabinetA] }), 400, 'REQUEST.INVALID', /role/],
      ['retrocession above 100', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'substitute', cabinetIds: [cabinetA], retrocessionPercent: 100.01 }), 400, 'REQUEST.INVALID', /retrocessionPercent/],
      ['retrocession below 0', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'substitute', cabinetIds: [cabinetA], retrocessionPercent: -1 }), 400, 'REQUEST.INVALID', /retrocessionPercent/],
      ['retrocession with three decimals', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'substitute', cabinetIds: [cabinetA], retrocessionPercent: 30.125 }), 400, 'REQUEST.INVALID', /retrocessionPercent/],
      ['retrocession for a secretary', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'secretary', cabinetIds: [cabinetA], retrocessionPercent: 30 }), 400, 'DELEGATION.RETROCESSION_NOT_ALLOWED', /substitute/],
      ['substitute without a rate', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'substitute', cabinetIds: [cabinetA] }), 400, 'DELEGATION.RETROCESSION_REQUIRED', /retrocessionPercent/],
      ['empty cabinet list', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'secretary', cabinetIds: [] }), 400, 'REQUEST.INVALID', /cabinetIds/],
      ['unknown cabinet', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'secretary', cabinetIds: ['no-such-cabinet'] }), 404, 'RESOURCE.NOT_FOUND', /no-such-cabinet/],
      ['a cabinet the caller does not own', async () => {
        const other = await registerMainAccount(anonymous, `other-${Date.now()}@example.fr`, 'Other');
        return other.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'secretary', cabinetIds: [cabinetA] });
      }, 404, 'RESOURCE.NOT_FOUND', /Cabinet/],
      ['delegating to oneself', () => owner.http.post('/api/v1/delegations', { email: 'OWNER@example.fr', role: 'secretary', cabinetIds: [cabinetA] }), 400, 'DELEGATION.TO_SELF', /yourself/],
      ['an end date in the past', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'secretary', cabinetIds: [cabinetA], endsOn: '2020-01-01' }), 400, 'DELEGATION.ENDS_IN_THE_PAST', /endsOn/],
      ['not a date', () => owner.http.post('/api/v1/delegations', { email: 'x@example.fr', role: 'secretary', cabinetIds: [cabinetA], endsOn: '2026-02-30' }), 400, 'REQUEST.INVALID', /endsOn/],
      ['inviting an address without a main account', () => owner.http.post(`/api/v1/cabinets/${cabinetB}/colleagues`, { email: 'nobody@example.fr' }), 400, 'INVITATION.NOT_A_MAIN_ACCOUNT', /main account/],
      ['an operator object', () => owner.http.post('/api/v1/delegations', { email: { $ne: null }, role: 'secretary', cabinetIds: [cabinetA] }), 400, 'REQUEST.OPERATOR_NOT_ALLOWED', /email/],
    ];

    it.each(cases)('%s', async (_name, send, status, code, message) => {
      const before = await accessGrantEventCount();
      const answer = await send();
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ statusCode: status, code, message: expect.stringMatching(message) });
      expect(await accessGrantEventCount()).toBe(before);
    });

    it('a duplicate active grant (same owner, grantee and role) is a 409', async () => {
      const first = await owner.http.post('/api/v1/delegations', { email: 'twice@example.fr', role: 'secretary', cabinetIds: [cabinetA] });
      expect(first.status).toBe(201);
      const second = await owner.http.post('/api/v1/delegations', { email: 'twice@example.fr', role: 'secretary', cabinetIds: [cabinetB] });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('DELEGATION.DUPLICATE');
      // Once revoked, the same grant can be given again.
      expect((await owner.http.delete(`/api/v1/delegations/${first.body.delegationId}`)).status).toBe(204);
      expect((await owner.http.post('/api/v1/delegations', { email: 'twice@example.fr', role: 'secretary', cabinetIds: [cabinetB] })).status).toBe(201);
    });
  });

  it('publishes only events that match their contract (type, version, JSON Schema)', async () => {
    await eventually(() => {
      const { types } = conformance.report();
      for (const type of ['AccountRegistered', 'AccountPasswordChanged', 'CabinetOpened', 'CabinetRenamed', 'CabinetClosed', 'ColleagueInvited', 'ColleagueJoined', 'ColleagueRemoved', 'DelegationGranted', 'DelegationActivated', 'DelegationCabinetsChanged', 'DelegationRetrocessionChanged', 'DelegationRevoked']) {
        expect(types).toContain(type);
      }
    });
    expect(conformance.report().violations).toEqual([]);
  });
});
