import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import { PASSWORD, SignedIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';

/** The code an authenticator app shows `stepsAhead` time steps of 30 s from now. */
const codeOf = (secret: string, stepsAhead = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

/**
 * Two-factor sign-in over HTTP, embedded profile: enrolment, the login's second step (a code
 * accepted once, recovery codes spent), and the owner's requirement enforced by every service.
 * Codes are computed here from the secret the API showed, as an app would; the server accepts
 * one step of drift either way, so "the next code" (one step ahead) is a fresh code at once.
 */
describe('two-factor sign-in, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let anonymous: HttpClient;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    anonymous = new HttpClient(platform.baseUrl);
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  const login = (email: string) => anonymous.post('/api/v1/auth/login', { email, password: PASSWORD });
  const secondStep = (body: object) => anonymous.post('/api/v1/auth/login/two-factor', body);

  /** Enrols the signed-in account; the secret and the recovery codes as the API showed them once. */
  async function enrol(who: HttpClient): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await who.post('/api/v1/me/two-factor/enrolment', { password: PASSWORD });
    expect(started.status).toBe(201);
    const confirmed = await who.post('/api/v1/me/two-factor/enrolment/confirm', { code: await codeOf(started.body.secret) });
    expect(confirmed.status).toBe(200);
    return { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
  }

  describe('an owner who enrols', () => {
    let owner: SignedIn;
    let secret: string;
    let recoveryCodes: string[];

    beforeAll(async () => {
      owner = await registerMainAccount(anonymous, 'claire.2fa@example.fr', 'Dr Claire Martin');
    });

    it('shows a secret once, as an otpauth URI for the QR code, after the password is given again', async () => {
      expect((await owner.http.get('/api/v1/me/two-factor')).body).toEqual({ enabled: false, unusedRecoveryCodes: 0, requiredByCabinet: false, requiredForTeam: false });
      const wrongPassword = await owner.http.post('/api/v1/me/two-factor/enrolment', { password: 'not my password at all' });
      expect(wrongPassword.body).toMatchObject({ statusCode: 400, code: 'ACCOUNT.CURRENT_PASSWORD_INCORRECT' });

      const started = await owner.http.post('/api/v1/me/two-factor/enrolment', { password: PASSWORD });
      expect(started.status).toBe(201);
      secret = started.body.secret;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Osteo:claire\.2fa%40example\.fr\?/);
      const uri = new URL(started.body.otpauthUri);
      expect(uri.searchParams.get('secret')).toBe(secret);
      expect(uri.searchParams.get('issuer')).toBe('Osteo');
      // Not on yet: login still gives tokens straight away.
      expect((await login('claire.2fa@example.fr')).body).toMatchObject({ accessToken: expect.any(String) });
    });

    it('turns on with a first valid code, and shows ten single-use recovery codes once', async () => {
      const wrong = await owner.http.post('/api/v1/me/two-factor/enrolment/confirm', { code: '000000' === (await codeOf(secret)) ? '111111' : '000000' });
      expect(wrong.body).toMatchObject({ statusCode: 400, code: 'AUTH.TWO_FACTOR_CODE_INVALID' });

      const confirmed = await owner.http.post('/api/v1/me/two-factor/enrolment/confirm', { code: await codeOf(secret) });
      expect(confirmed.status).toBe(200);
      recoveryCodes = confirmed.body.recoveryCodes;
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      expect((await owner.http.get('/api/v1/me/two-factor')).body).toMatchObject({ enabled: true, unusedRecoveryCodes: 10 });
      // The secret is stored encrypted with the account's key, the recovery codes as hashes: a
      // copy of identity's files (the store and its write-ahead log) holds neither in clear.
      const rawFiles = readdirSync(dataDir.path).filter((name) => name.startsWith('identity.'));
      expect(rawFiles.length).toBeGreaterThan(0);
      for (const name of rawFiles) {
        const bytes = readFileSync(join(dataDir.path, name)).toString('latin1');
        expect({ name, secretInClear: bytes.includes(secret) }).toEqual({ name, secretInClear: false });
        expect({ name, recoveryCodeInClear: recoveryCodes.some((code) => bytes.includes(code)) }).toEqual({ name, recoveryCodeInClear: false });
      }
      expect((await owner.http.post('/api/v1/me/two-factor/enrolment', { password: PASSWORD })).body.code).toBe('AUTH.TWO_FACTOR_ALREADY_ENABLED');
    });

    it('then asks for a code at login: the password gives a challenge, not tokens, and the challenge opens nothing', async () => {
      const first = await login('claire.2fa@example.fr');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ twoFactorRequired: true, challengeToken: expect.any(String), expiresIn: 300 });
      expect((await anonymous.withToken(first.body.challengeToken).get('/api/v1/me')).status).toBe(401);
      expect([400, 401]).toContain((await anonymous.post('/api/v1/auth/refresh', { refreshToken: first.body.challengeToken })).status);
    });

    it('refuses a wrong code, a forged challenge and an access token as a challenge, with clear codes', async () => {
      const { challengeToken } = (await login('claire.2fa@example.fr')).body;
      const next = await codeOf(secret, 1);
      const wrong = await secondStep({ challengeToken, code: next === '123456' ? '654321' : '123456' });
      expect(wrong.body).toMatchObject({ statusCode: 401, code: 'AUTH.TWO_FACTOR_CODE_INVALID' });
      const tampered = `${challengeToken.slice(0, -2)}${challengeToken.endsWith('AA') ? 'BB' : 'AA'}`;
      expect((await secondStep({ challengeToken: tampered, code: next })).body.code).toBe('AUTH.TWO_FACTOR_CHALLENGE_INVALID');
      const accessToken = (await anonymous.post('/api/v1/auth/login', { email: owner.email, password: PASSWORD })).body.accessToken;
      expect(accessToken).toBeUndefined();
      expect((await secondStep({ challengeToken: await ownerAccessToken(), code: next })).body.code).toBe('AUTH.TWO_FACTOR_CHALLENGE_INVALID');
      expect((await secondStep({ challengeToken })).body.code).toBe('AUTH.TWO_FACTOR_PROOF_REQUIRED');
      expect((await secondStep({ challengeToken, code: next, recoveryCode: recoveryCodes[0] })).body.code).toBe('AUTH.TWO_FACTOR_PROOF_REQUIRED');
    });

    it('gives the token pair for the right code, and never accepts the same code twice', async () => {
      const next = await codeOf(secret, 1);
      const signedIn = await secondStep({ challengeToken: (await login('claire.2fa@example.fr')).body.challengeToken, code: next });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', mustEnrolTwoFactor: false });
      expect((await anonymous.withToken(signedIn.body.accessToken).get('/api/v1/me')).status).toBe(200);

      const replay = await secondStep({ challengeToken: (await login('claire.2fa@example.fr')).body.challengeToken, code: next });
      expect(replay.body).toMatchObject({ statusCode: 401, code: 'AUTH.TWO_FACTOR_CODE_REUSED' });
    });

    it('accepts each recovery code once, whatever its case and dashes', async () => {
      const [code] = recoveryCodes;
      const withRecovery = await secondStep({ challengeToken: (await login('claire.2fa@example.fr')).body.challengeToken, recoveryCode: code.toUpperCase().replace(/-/g, ' ') });
      expect(withRecovery.status).toBe(200);
      const again = await secondStep({ challengeToken: (await login('claire.2fa@example.fr')).body.challengeToken, recoveryCode: code });
      expect(again.body).toMatchObject({ statusCode: 401, code: 'AUTH.TWO_FACTOR_CODE_INVALID' });
      owner = { ...owner, http: anonymous.withToken(withRecovery.body.accessToken) };
      // One spent here, one by ownerAccessToken() above.
      expect((await owner.http.get('/api/v1/me/two-factor')).body).toMatchObject({ enabled: true, unusedRecoveryCodes: 8 });
    });

    it('hands the refresh token over in the cookie at the second step, in cookie mode', async () => {
      const { challengeToken } = (await login('claire.2fa@example.fr')).body;
      const response = await fetch(`${platform.baseUrl}/api/v1/auth/login/two-factor`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-refresh-token-transport': 'cookie' },
        body: JSON.stringify({ challengeToken, recoveryCode: recoveryCodes[1] }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.refreshToken).toBeUndefined();
      expect(response.headers.getSetCookie().join('\n')).toMatch(/osteo_refresh=[^;]+; Path=\/api\/v1\/auth; HttpOnly/);
    });

    async function ownerAccessToken(): Promise<string> {
      const { challengeToken } = (await login('claire.2fa@example.fr')).body;
      return (await secondStep({ challengeToken, recoveryCode: recoveryCodes[9] })).body.accessToken;
    }
  });

  it('counts each code attempt before checking it: of a burst of wrong codes, no more than the limit are checked', async () => {
    const holder = await registerMainAccount(anonymous, 'burst.2fa@example.fr', 'Dr Burst');
    const { secret } = await enrol(holder.http);
    const { challengeToken } = (await login('burst.2fa@example.fr')).body;
    const right = await codeOf(secret, 1);
    const wrong = right === '000000' ? '111111' : '000000';
    const burst = await Promise.all(Array.from({ length: 12 }, () => secondStep({ challengeToken, code: wrong })));
    const statuses = burst.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    const blocked = await secondStep({ challengeToken, code: right });
    expect(blocked.body).toMatchObject({ statusCode: 429, code: 'AUTH.TOO_MANY_ATTEMPTS' });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  describe("the owner's requirement for the team", () => {
    let owner: SignedIn;
    let cabinetId: string;

    beforeAll(async () => {
      owner = await registerMainAccount(anonymous, 'owner.policy@example.fr', 'Dr Paul Durand');
      cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet Durand' })).body.cabinetId;
      expect((await owner.http.post('/api/v1/delegations', { email: 'secretary.policy@example.fr', role: 'secretary', cabinetIds: [cabinetId] })).status).toBe(201);
    });

    it('asks a secretary to enrol before anything else, in every service, until she has', async () => {
      const secretary = await signInProvisionedAccount(anonymous, dataDir.path, 'secretary.policy@example.fr');
      await eventually(async () => expect((await secretary.http.get('/api/v1/cabinets')).body).toHaveLength(1));
      expect((await secretary.http.put('/api/v1/me/two-factor/team-requirement', { required: true })).body).toMatchObject({ statusCode: 403, code: 'ACCOUNT.MAIN_ACCOUNT_REQUIRED' });

      expect((await owner.http.put('/api/v1/me/two-factor/team-requirement', { required: true })).status).toBe(204);
      expect((await owner.http.get('/api/v1/me/two-factor')).body).toMatchObject({ requiredForTeam: true, requiredByCabinet: false });

      const session = await login('secretary.policy@example.fr');
      expect(session.body).toMatchObject({ accessToken: expect.any(String), mustEnrolTwoFactor: true });
      const forced = anonymous.withToken(session.body.accessToken);
      for (const path of ['/api/v1/cabinets', `/api/v1/cabinets/${cabinetId}/appointments`]) {
        const refused = await forced.get(path);
        expect({ path, status: refused.status, code: refused.body.code }).toEqual({ path, status: 403, code: 'AUTH.TWO_FACTOR_REQUIRED' });
      }
      expect((await forced.get('/api/v1/me')).status).toBe(200);
      expect((await forced.get('/api/v1/me/two-factor')).body).toMatchObject({ enabled: false, requiredByCabinet: true });

      const { secret } = await enrol(forced);
      // The access token still says "enrol first"; a refresh issues one that does not.
      expect((await forced.get('/api/v1/cabinets')).status).toBe(403);
      const refreshed = await anonymous.post('/api/v1/auth/refresh', { refreshToken: session.body.refreshToken });
      expect(refreshed.body).toMatchObject({ mustEnrolTwoFactor: false });
      const enrolled = anonymous.withToken(refreshed.body.accessToken);
      expect((await enrolled.get('/api/v1/cabinets')).status).toBe(200);
      expect((await enrolled.get(`/api/v1/cabinets/${cabinetId}/appointments`)).status).toBe(200);

      // The owner requires it: she cannot turn it off.
      const turnOff = await enrolled.post('/api/v1/me/two-factor/disable', { password: PASSWORD, code: await codeOf(secret, 1) });
      expect(turnOff.body).toMatchObject({ statusCode: 409, code: 'AUTH.TWO_FACTOR_REQUIRED_BY_CABINET' });
      // And her next login asks for a code.
      expect((await login('secretary.policy@example.fr')).body).toMatchObject({ twoFactorRequired: true });
    });

    it('lets an account provisioned after the requirement change its temporary password first, then asks it to enrol', async () => {
      expect((await owner.http.post('/api/v1/delegations', { email: 'accountant.policy@example.fr', role: 'accountant', cabinetIds: [cabinetId] })).status).toBe(201);
      // Logs in with the mailed password and changes it: that route must answer 204, not 403. The
      // enrolment comes before the name: the first login's steps in order, password, enrolment, name.
      const accountant = await signInProvisionedAccount(anonymous, dataDir.path, 'accountant.policy@example.fr', { displayName: null });
      expect((await accountant.http.get('/api/v1/cabinets')).body.code).toBe('AUTH.TWO_FACTOR_REQUIRED');
      expect((await accountant.http.put('/api/v1/me/display-name', { displayName: 'Bruno Comptable' })).body.code).toBe('AUTH.TWO_FACTOR_REQUIRED');
    });

    it('lets an account no cabinet requires it of turn it off, with the password and a code', async () => {
      expect((await owner.http.put('/api/v1/me/two-factor/team-requirement', { required: false })).status).toBe(204);
      const { secret } = await enrol(owner.http);
      const noCode = await owner.http.post('/api/v1/me/two-factor/disable', { password: PASSWORD, code: await codeOf(secret) });
      expect(noCode.body).toMatchObject({ statusCode: 400, code: 'AUTH.TWO_FACTOR_CODE_INVALID' });
      const wrongPassword = await owner.http.post('/api/v1/me/two-factor/disable', { password: 'not my password at all', code: await codeOf(secret, 1) });
      expect(wrongPassword.body.code).toBe('ACCOUNT.CURRENT_PASSWORD_INCORRECT');
      expect((await owner.http.post('/api/v1/me/two-factor/disable', { password: PASSWORD, code: await codeOf(secret, 1) })).status).toBe(204);
      expect((await login('owner.policy@example.fr')).body).toMatchObject({ accessToken: expect.any(String) });
    });
  });
});
