import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@osteo/auth';
import { entryPoint } from '../../deploy/local/distributed-processes';
import { PASSWORD, SignedIn, chooseDisplayName, logIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { DIST_DIR, ensureFreshBuild, startDistributedPlatform } from '../support/distributed-platform';
import { temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';

/**
 * The distributed profile as it is deployed: each service its own process started from dist/,
 * talking over the real Kafka and FerretDB, every request going through the gateway process.
 * The scenario is one test body: kafkajs (the clean-up of topics) loads protocol modules lazily,
 * which Jest 30 refuses between hooks.
 */
describe('distributed profile: one process per service behind the gateway', () => {
  beforeAll(() => ensureFreshBuild(), 120_000);

  it.each([
    ['identity', ['KAFKA_BROKERS is required', 'MONGO_URL is required', 'JWT_SECRET is required in the distributed profile', 'SMTP_URL is required']],
    ['gateway', ['JWT_SECRET is required', 'IDENTITY_URL is required', 'ACCESS_GRANT_URL is required', 'PLANNING_URL is required', 'PATIENT_RECORDS_URL is required', 'ACCOUNTING_URL is required']],
  ] as const)('%s refuses to start without its configuration, listing every problem, and exits non-zero', async (name, problems) => {
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [entryPoint(DIST_DIR, name)], { env: { PATH: process.env.PATH } }, (_error, _stdout, stderr) =>
        resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`${name}: Invalid configuration:`);
    for (const problem of problems) expect(outcome.stderr).toContain(`  - ${problem}`);
  });

  it('serves owners and their delegates across processes, and degrades to 502 when a service is down', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const platform = await startDistributedPlatform(profile.env, dataDir.path);
    try {
      const anonymous = new HttpClient(platform.gatewayUrl);
      const appointmentsOf = (cabinetId: string) => `/api/v1/cabinets/${cabinetId}/appointments`;
      const book = (who: SignedIn, cabinetId: string, practitionerId: string) =>
        who.http.post(appointmentsOf(cabinetId), { practitionerId, patientName: 'Jeanne Dupont', start: '2031-03-03T09:00:00+01:00', end: '2031-03-03T09:45:00+01:00' });

      // The gateway answers these itself.
      expect(await anonymous.get('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(await anonymous.get('/api/v1/asyncapi.json')).toMatchObject({ status: 200, body: { asyncapi: expect.any(String) } });

      // Metrics and operator routes only on each process's operator listener, never on the public port.
      for (const name of ['gateway', 'planning'] as const) {
        const publicUrl = name === 'gateway' ? platform.gatewayUrl : platform.serviceUrlOf(name);
        expect({ name, status: (await fetch(`${publicUrl}/metrics`)).status }).toEqual({ name, status: 404 });
        const scraped = await fetch(`${platform.operatorUrlOf(name)}/metrics`);
        expect({ name, status: scraped.status }).toEqual({ name, status: 200 });
        expect(await scraped.text()).toContain('http_request_duration_seconds');
      }
      expect((await fetch(`${platform.serviceUrlOf('planning')}/operator/read-models`)).status).toBe(404);
      expect((await fetch(`${platform.operatorUrlOf('planning')}/operator/read-models`)).status).toBe(403);

      // identity, then access-grant.
      const owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
      const cabinetA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
      const cabinetB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;
      await eventually(async () => expect((await owner.http.get('/api/v1/cabinets')).body).toHaveLength(2), 10_000);

      // access-grant publishes the grant; identity, another process, provisions the account and mails
      // its temporary password into its own outbox.
      const granted = await owner.http.post('/api/v1/delegations', { email: 'secretariat@example.fr', role: 'secretary', cabinetIds: [cabinetA] });
      expect(granted.status).toBe(201);
      const unnamed = await signInProvisionedAccount(anonymous, platform.dataDirOf('identity'), 'secretariat@example.fr', { displayName: null });
      // Planning, its own process, reads the name step off the token identity issued: 403 until it is chosen.
      expect((await unnamed.http.get(appointmentsOf(cabinetA))).body).toMatchObject({ statusCode: 403, code: 'ACCOUNT.DISPLAY_NAME_REQUIRED' });
      await chooseDisplayName(unnamed.http, 'Sarah Secrétariat');
      const secretary = { ...unnamed, http: anonymous.withToken(await logIn(anonymous, 'secretariat@example.fr', PASSWORD)) };

      // planning learns of the delegation from access.events in its own projection.
      const booked = await eventually(async () => {
        const answer = await book(secretary, cabinetA, owner.accountId);
        expect(answer.status).toBe(201);
        return answer;
      }, 10_000);
      expect(booked.body).toEqual({ appointmentId: expect.any(String) });
      expect((await book(secretary, cabinetB, owner.accountId)).status).toBe(404);
      expect((await secretary.http.get(appointmentsOf(cabinetA))).status).toBe(200);

      // Revocation reaches planning through Kafka within a second of the owner's 204.
      expect((await owner.http.delete(`/api/v1/delegations/${granted.body.delegationId}`)).status).toBe(204);
      await eventually(async () => expect((await secretary.http.get(appointmentsOf(cabinetA))).status).toBe(404), 1000, 20);

      // A logout reaches every service through Kafka within a second: the same token, 401 in each.
      const session = (await anonymous.post('/api/v1/auth/login', { email: 'owner@example.fr', password: PASSWORD })).body;
      const leaving = anonymous.withToken(session.accessToken);
      const oneRouteOfEachService = ['/api/v1/me', '/api/v1/cabinets', appointmentsOf(cabinetA), `/api/v1/cabinets/${cabinetA}/patients`, `/api/v1/ledgers/${owner.accountId}/entries`];
      const answersTo = async (client: HttpClient) => Promise.all(oneRouteOfEachService.map(async (route) => ({ route, ...(await client.get(route)) })));
      await eventually(async () => expect((await answersTo(leaving)).map(({ route, status }) => ({ route, status }))).toEqual(oneRouteOfEachService.map((route) => ({ route, status: 200 }))), 10_000);
      expect((await leaving.post('/api/v1/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
      await eventually(
        async () =>
          expect((await answersTo(leaving)).map(({ route, status, body }) => ({ route, status, code: body.code }))).toEqual(
            oneRouteOfEachService.map((route) => ({ route, status: 401, code: 'AUTH.SESSION_ENDED' })),
          ),
        1000,
        20,
      );
      expect((await owner.http.get('/api/v1/cabinets')).status).toBe(200);

      // The gateway's own edge: no token, or a token it did not issue, never reaches a service.
      const unauthenticated = { statusCode: 401, code: 'AUTH.UNAUTHENTICATED', message: 'A valid bearer access token is required' };
      expect(await anonymous.get('/api/v1/cabinets')).toMatchObject({ status: 401, body: unauthenticated });
      const forged = new JwtService({ secret: randomBytes(48).toString('base64url') }).sign(
        { sub: owner.accountId, mcp: false, knd: 'main' },
        { algorithm: 'HS256', issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE, expiresIn: 60 },
      );
      expect(await anonymous.withToken(forged).get('/api/v1/cabinets')).toMatchObject({ status: 401, body: unauthenticated });
      const oversized = await owner.http.post('/api/v1/cabinets', { name: 'x'.repeat(70 * 1024) });
      expect(oversized).toMatchObject({ status: 413, body: { statusCode: 413, code: 'REQUEST.BODY_TOO_LARGE' } });

      // A service down: its routes answer 502, the token check still comes first, the rest still works.
      await platform.kill('planning');
      expect(await owner.http.get(appointmentsOf(cabinetA))).toMatchObject({
        status: 502,
        body: { statusCode: 502, code: 'GATEWAY.SERVICE_UNAVAILABLE', message: 'The planning service is unavailable; try again shortly' },
      });
      expect((await anonymous.get(appointmentsOf(cabinetA))).status).toBe(401);
      expect((await owner.http.get('/api/v1/cabinets')).status).toBe(200);
    } finally {
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 180_000);
});
