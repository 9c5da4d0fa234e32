import { PASSWORD, registerMainAccount, signInProvisionedAccount, SignedIn } from '../support/accounts';
import { startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';

/**
 * Delegated access over the real Kafka and FerretDB: provisioning by e-mail, activation, and
 * revocation or a change of cabinets taking effect within one second end to end (events go
 * through the publisher, the topic, and the access projection in FerretDB); on the way, the
 * names, time zones and colleagues the web application reads.
 * One test body: kafkajs loads protocol modules lazily, which Jest 30 refuses between hooks.
 */
describe('delegated access over Kafka and FerretDB', () => {
  it('provisions, activates, changes and revokes access within a second', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const platform = await startPlatform(profile.env);
    try {
      const anonymous = new HttpClient(platform.baseUrl);
      const cabinetsOf = async (who: SignedIn) => ((await who.http.get('/api/v1/cabinets')).body as { cabinetId: string; role: string }[]).map(({ cabinetId, role }) => ({ cabinetId, role }));
      const owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
      const cabinetA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
      const cabinetB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;
      await eventually(async () => expect(await cabinetsOf(owner)).toHaveLength(2), 10_000);

      const granted = await owner.http.post('/api/v1/delegations', { email: 'secretariat@example.fr', role: 'secretary', cabinetIds: [cabinetA] });
      expect(granted.status).toBe(201);
      const secretary = await signInProvisionedAccount(anonymous, dataDir.path, 'secretariat@example.fr');
      await eventually(async () => expect(await cabinetsOf(secretary)).toEqual([{ cabinetId: cabinetA, role: 'secretary' }]), 10_000);

      // What the web application reads, through FerretDB: identity's account events projected into
      // access-grant's account names (read-model group over identity.events), time zones, colleagues.
      await eventually(async () => {
        const practitioners = await secretary.http.get(`/api/v1/cabinets/${cabinetA}/practitioners`);
        expect(practitioners.body).toEqual([{ accountId: owner.accountId, displayName: 'Dr Claire Martin', role: 'owner' }]);
        const { granted } = (await owner.http.get('/api/v1/delegations')).body;
        expect(granted).toEqual([expect.objectContaining({ granteeEmail: 'secretariat@example.fr', granteeDisplayName: 'secretariat', ownerDisplayName: 'Dr Claire Martin' })]);
      }, 10_000);
      expect((await owner.http.patch(`/api/v1/cabinets/${cabinetA}`, { timeZone: 'America/Martinique' })).status).toBe(204);
      await eventually(async () => expect((await owner.http.get('/api/v1/cabinets')).body).toContainEqual(expect.objectContaining({ cabinetId: cabinetA, timeZone: 'America/Martinique' })), 10_000);
      const colleague = await registerMainAccount(anonymous, 'hugo@example.fr', 'Hugo Bernard');
      const invited = await owner.http.post(`/api/v1/cabinets/${cabinetA}/colleagues`, { email: 'hugo@example.fr' });
      expect(invited.status).toBe(201);
      await eventually(async () => {
        expect((await owner.http.get(`/api/v1/cabinets/${cabinetA}/colleagues`)).body).toEqual([
          { accountId: colleague.accountId, email: 'hugo@example.fr', displayName: 'Hugo Bernard', status: 'invited', invitationId: invited.body.invitationId, invitedAt: expect.any(String) },
        ]);
        expect((await colleague.http.get('/api/v1/invitations')).body.received).toEqual([expect.objectContaining({ cabinetName: 'Cabinet A', ownerDisplayName: 'Dr Claire Martin' })]);
      }, 10_000);

      // The bar: the change is visible within one second of the owner's 204.
      expect((await owner.http.patch(`/api/v1/delegations/${granted.body.delegationId}`, { cabinetIds: [cabinetB] })).status).toBe(204);
      await eventually(async () => expect(await cabinetsOf(secretary)).toEqual([{ cabinetId: cabinetB, role: 'secretary' }]), 1000, 20);

      expect((await owner.http.delete(`/api/v1/delegations/${granted.body.delegationId}`)).status).toBe(204);
      await eventually(async () => expect(await cabinetsOf(secretary)).toEqual([]), 1000, 20);

      // The password the secretary chose still works: only the access is gone.
      expect((await anonymous.post('/api/v1/auth/login', { email: 'secretariat@example.fr', password: PASSWORD })).status).toBe(200);
    } finally {
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 90_000);
});
