import { randomUUID } from 'node:crypto';
import { type ConsultationCompletedV1, type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';
import { PASSWORD, SignedIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { ContractConformance } from '../support/contract-conformance';
import { RunningPlatform, startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';

/**
 * A provisioned account goes by its address's local part until its holder chooses a name, which
 * its first login asks for (PUT /me/display-name). Over HTTP against the embedded platform: GET /me
 * says whether it still has to, and the owner's retrocession summary and a cabinet's practitioners
 * show the chosen name once access-grant and accounting have read identity.events.
 */
describe('choosing a display name at first login, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let owner: SignedIn;
  let substitute: SignedIn;
  let cabinetId: string;
  const conformance = new ContractConformance();
  const identityEventCount = () => storedEventCount(dataDir.path, 'identity');

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    await conformance.watch(platform.app.get(EventBus), [Topics.identity]);
    const anonymous = new HttpClient(platform.baseUrl);
    owner = await registerMainAccount(anonymous, 'claire.martin@example.fr', 'Dr Claire Martin');
    cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet de Lyon' })).body.cabinetId;
    expect((await owner.http.post('/api/v1/delegations', { email: 'locum@example.fr', role: 'substitute', cabinetIds: [cabinetId], retrocessionPercent: 30 })).status).toBe(201);
    substitute = await signInProvisionedAccount(anonymous, dataDir.path, 'locum@example.fr', { displayName: null });

    // A consultation by the substitute, as patient-records would publish it: the summary names them.
    const envelope: IntegrationEnvelope = {
      eventId: randomUUID(),
      type: 'ConsultationCompleted',
      version: 1,
      streamId: 'consultation-by-locum',
      revision: 0,
      occurredAt: new Date().toISOString(),
      actorId: substitute.accountId,
      correlationId: null,
      causationId: null,
      data: {
        consultationId: 'by-locum',
        patientId: 'patient-1',
        ownerId: owner.accountId,
        cabinetId,
        practitionerId: substitute.accountId,
        practitionerRole: 'substitute',
        patientName: 'Jeanne Dupont',
        date: '2026-03-02',
        feeCents: 10_000,
        paymentMethod: 'card',
        retrocessionBasisPoints: 3_000,
      } satisfies ConsultationCompletedV1,
    };
    await platform.app.get(EventBus).publish(Topics.records, [{ key: envelope.streamId, envelope }]);
  });

  afterAll(async () => {
    await conformance.stop();
    await platform.stop();
    dataDir.remove();
  });

  const substituteName = async () => (await owner.http.get(`/api/v1/ledgers/${owner.accountId}/retrocession-summary?year=2026`)).body.substitutes?.[0]?.substituteName;
  const practitioners = async () => (await owner.http.get(`/api/v1/cabinets/${cabinetId}/practitioners`)).body as { accountId: string; displayName: string }[];

  it('GET /me asks a provisioned account for its name, never a main account', async () => {
    expect((await substitute.http.get('/api/v1/me')).body).toMatchObject({ displayName: 'locum@example.fr', kind: 'specific', mustChooseDisplayName: true });
    expect((await owner.http.get('/api/v1/me')).body).toMatchObject({ displayName: 'Dr Claire Martin', mustChooseDisplayName: false });
    await eventually(async () => expect(await substituteName()).toBe('locum'));
  });

  it('until it chooses, every service refuses it with 403 ACCOUNT.DISPLAY_NAME_REQUIRED but on /me, the name, two-factor and logout; the login says so', async () => {
    const login = await new HttpClient(platform.baseUrl).post('/api/v1/auth/login', { email: 'locum@example.fr', password: PASSWORD });
    expect(login.body).toMatchObject({ mustChangePassword: false, mustEnrolTwoFactor: false, mustChooseDisplayName: true });
    for (const route of [
      '/api/v1/cabinets',
      `/api/v1/cabinets/${cabinetId}/practitioners`,
      `/api/v1/cabinets/${cabinetId}/appointments?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z`,
      `/api/v1/cabinets/${cabinetId}/patients`,
      `/api/v1/ledgers/${substitute.accountId}/entries`,
      '/api/v1/delegations',
    ]) {
      expect({ route, ...(await substitute.http.get(route)) }).toMatchObject({ route, status: 403, body: { code: 'ACCOUNT.DISPLAY_NAME_REQUIRED' } });
    }
    expect((await substitute.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Jeanne', lastName: 'Dupont', birthDate: '1984-06-12' })).body).toMatchObject({
      code: 'ACCOUNT.DISPLAY_NAME_REQUIRED',
    });
    expect((await substitute.http.get('/api/v1/me')).status).toBe(200);
    expect((await substitute.http.get('/api/v1/me/two-factor')).status).toBe(200);
  });

  it.each([
    ['blank', { displayName: '   ' }],
    ['empty', { displayName: '' }],
    ['missing', {}],
    ['not a string', { displayName: 42 }],
    ['with a right-to-left override', { displayName: 'Sophie \u202Etrebmal' }],
    ['with a newline', { displayName: 'Sophie\nLambert' }],
    ['over 120 characters', { displayName: 'S'.repeat(121) }],
  ])('displayName %s is a 400 naming displayName, and writes nothing', async (_case, body) => {
    const before = await identityEventCount();
    const answer = await substitute.http.put('/api/v1/me/display-name', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ statusCode: 400, code: 'REQUEST.INVALID', message: expect.stringMatching(/^displayName/) });
    expect(await identityEventCount()).toBe(before);
    expect((await substitute.http.get('/api/v1/me')).body.mustChooseDisplayName).toBe(true);
  });

  it('a provisioned account chooses its name: GET /me reflects it at once; the owner’s retrocession summary and practitioners show it (eventually)', async () => {
    expect((await substitute.http.put('/api/v1/me/display-name', { displayName: '  Sophie Lambert ' })).status).toBe(204);

    expect((await substitute.http.get('/api/v1/me')).body).toMatchObject({ displayName: 'Sophie Lambert', mustChooseDisplayName: false });
    // The token in hand was issued before the choice; the next one (login or refresh) opens the rest.
    expect((await substitute.http.get('/api/v1/cabinets')).body.code).toBe('ACCOUNT.DISPLAY_NAME_REQUIRED');
    const login = await new HttpClient(platform.baseUrl).post('/api/v1/auth/login', { email: 'locum@example.fr', password: PASSWORD });
    expect(login.body.mustChooseDisplayName).toBe(false);
    const refreshed = await new HttpClient(platform.baseUrl).post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.body.mustChooseDisplayName).toBe(false);
    substitute = { ...substitute, http: new HttpClient(platform.baseUrl).withToken(refreshed.body.accessToken) };
    expect((await substitute.http.get('/api/v1/cabinets')).status).toBe(200);
    expect((await substitute.http.get(`/api/v1/cabinets/${cabinetId}/patients`)).status).toBe(200);
    await eventually(async () => {
      expect(await substituteName()).toBe('Sophie Lambert');
      expect(await practitioners()).toContainEqual(expect.objectContaining({ accountId: substitute.accountId, displayName: 'Sophie Lambert' }));
    });
  });

  it('the same name again writes nothing; the identity events published keep their contracts (the id and the name, no address)', async () => {
    const before = await identityEventCount();
    expect((await substitute.http.put('/api/v1/me/display-name', { displayName: 'Sophie Lambert' })).status).toBe(204);
    expect(await identityEventCount()).toBe(before);
    // Its schema allows the id and the name only (additionalProperties: false): no address.
    await eventually(async () => expect(conformance.report().types).toContain('AccountDisplayNameChanged'));
    expect(conformance.report().violations).toEqual([]);
  });

  it('without a session it is a 401', async () => {
    expect((await new HttpClient(platform.baseUrl).put('/api/v1/me/display-name', { displayName: 'Sophie Lambert' })).status).toBe(401);
  });
});
