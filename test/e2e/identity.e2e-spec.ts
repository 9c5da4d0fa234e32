import { join } from 'node:path';
import { SqliteEventStore, handleCommand } from '@osteo/event-sourcing';
import { EmailDigests } from '@osteo/platform';
import { accountDecider, accountStreamId } from '../../services/identity/domain/account';
import { emailReservationDecider, emailReservationStreamId } from '../../services/identity/domain/email-reservation';
import { Argon2PasswordHasher } from '../../services/identity/infrastructure/argon2-password-hasher';
import { HttpClient } from '../support/http-client';
import { RunningPlatform, startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';

const password = 'correct horse battery staple';

describe('identity through the gateway, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let http: HttpClient;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    http = new HttpClient(platform.baseUrl);
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  const register = (email: string, displayName = 'Dr Claire Martin') => http.post('/api/v1/auth/register', { email, password, displayName });
  const login = (email: string, secret = password) => http.post('/api/v1/auth/login', { email, password: secret });
  const allEventCount = () => storedEventCount(dataDir.path, 'identity');

  it('registers a main account, logs in and answers GET /me', async () => {
    const registered = await register('Claire.Martin@Example.fr');
    expect(registered.status).toBe(201);
    expect(registered.body.accountId).toEqual(expect.any(String));

    const session = await login('claire.martin@example.fr');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ tokenType: 'Bearer', mustChangePassword: false });

    const me = await http.withToken(session.body.accessToken).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      accountId: registered.body.accountId,
      email: 'claire.martin@example.fr',
      displayName: 'Dr Claire Martin',
      kind: 'main',
      mustChangePassword: false,
      mustChooseDisplayName: false,
      // French until the holder chooses (PUT /me/language).
      language: 'fr',
      languageChosen: false,
      access: [],
    });
  });

  it('keeps e-mail addresses unique whatever their case, even when registrations race', async () => {
    const attempts = await Promise.all(['race@example.fr', 'RACE@example.fr', 'Race@Example.FR', 'race@EXAMPLE.fr'].map((email) => register(email)));
    expect(attempts.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
    const conflict = attempts.find((answer) => answer.status === 409)!;
    expect(conflict.body).toEqual({ statusCode: 409, code: 'ACCOUNT.EMAIL_TAKEN', message: expect.any(String) });
  });

  it('refuses a wrong password or an unknown e-mail alike', async () => {
    await register('wrong-password@example.fr');
    const wrong = await login('wrong-password@example.fr', 'not the right password');
    const unknown = await login('nobody@example.fr');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('rotates refresh tokens: each works once, and a reused one revokes the whole session', async () => {
    await register('rotation@example.fr');
    const first = (await login('rotation@example.fr')).body;

    const second = await http.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await http.withToken(second.body.accessToken).get('/api/v1/me')).status).toBe(200);

    const replay = await http.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('AUTH.REFRESH_TOKEN_REUSED');

    // The legitimate holder's newer token died with the family.
    const afterRevocation = await http.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(afterRevocation.status).toBe(401);
    expect(afterRevocation.body.code).toBe('AUTH.SESSION_REVOKED');
  });

  it('changes the password: the old one stops working and older sessions end', async () => {
    await register('changer@example.fr');
    const session = (await login('changer@example.fr')).body;
    const authed = http.withToken(session.accessToken);

    const wrongCurrent = await authed.post('/api/v1/auth/password', { currentPassword: 'not my password at all', newPassword: 'a brand new passphrase' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.code).toBe('ACCOUNT.CURRENT_PASSWORD_INCORRECT');

    const weak = await authed.post('/api/v1/auth/password', { currentPassword: password, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('ACCOUNT.WEAK_PASSWORD');

    const changed = await authed.post('/api/v1/auth/password', { currentPassword: password, newPassword: 'a brand new passphrase' });
    expect(changed.status).toBe(204);

    expect((await login('changer@example.fr')).status).toBe(401);
    expect((await login('changer@example.fr', 'a brand new passphrase')).status).toBe(200);
    const stale = await http.post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('AUTH.SESSION_ENDED');
  });

  it('forces a change of a temporary password before anything else', async () => {
    // Provisioning creates such accounts (test/e2e/provisioning-outbox.e2e-spec.ts); here one is
    // written straight into identity's store, as its decider would, to test login alone.
    const store = new SqliteEventStore(join(dataDir.path, 'identity.events.sqlite'));
    const accountId = 'temporary-password-account';
    const email = 'temporary@example.fr';
    const metadata = { now: new Date(), correlationId: 'test' };
    const emailDigest = EmailDigests.withKey(platform.config.emailDigestKey!).of(email);
    await handleCommand(store, emailReservationStreamId(emailDigest), emailReservationDecider, { type: 'ReserveEmail', data: { accountId }, metadata });
    await handleCommand(store, accountStreamId(accountId), accountDecider, {
      type: 'RegisterAccount',
      data: { accountId, email, displayName: email, kind: 'specific', mustChangePassword: true, passwordHash: await new Argon2PasswordHasher().hash('Temporary-Password-1234') },
      metadata,
    });
    await store.close();

    const session = await login(email, 'Temporary-Password-1234');
    expect(session.status).toBe(200);
    expect(session.body.mustChangePassword).toBe(true);
    const authed = http.withToken(session.body.accessToken);

    // The 403 on every other route is proven in libs/auth (authentication.guard.spec.ts).
    expect((await authed.get('/api/v1/me')).body.mustChangePassword).toBe(true);

    expect((await authed.post('/api/v1/auth/password', { currentPassword: 'Temporary-Password-1234', newPassword: 'my own long passphrase' })).status).toBe(204);
    const fresh = await login(email, 'my own long passphrase');
    expect(fresh.body.mustChangePassword).toBe(false);
  });

  it('answers 401 without a valid token, including a token signed with another algorithm', async () => {
    expect((await http.get('/api/v1/me')).body).toEqual({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED', message: expect.any(String) });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x","mcp":false}').toString('base64url')}.`;
    expect((await http.withToken(unsigned).get('/api/v1/me')).status).toBe(401);
  });

  it('throttles repeated failed logins for one e-mail with a 429 and Retry-After', async () => {
    await register('throttled@example.fr');
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await login('throttled@example.fr', 'guess number ' + attempt)).status).toBe(401);
    const blocked = await login('throttled@example.fr');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  describe('bad input gets a 4xx naming the problem and writes nothing', () => {
    const cases: ReadonlyArray<[string, string, unknown, number, string, RegExp]> = [
      ['malformed e-mail', '/api/v1/auth/register', { email: 'not-an-email', password, displayName: 'X' }, 400, 'REQUEST.INVALID', /email/],
      ['short password', '/api/v1/auth/register', { email: 'short@example.fr', password: 'tiny', displayName: 'X' }, 400, 'ACCOUNT.WEAK_PASSWORD', /password/],
      ['common password', '/api/v1/auth/register', { email: 'common@example.fr', password: 'passwordpassword', displayName: 'X' }, 400, 'ACCOUNT.WEAK_PASSWORD', /common/],
      ['wrong types', '/api/v1/auth/register', { email: 42, password: true, displayName: ['x'] }, 400, 'REQUEST.INVALID', /email.*password.*displayName/s],
      ['unknown field', '/api/v1/auth/register', { email: 'extra@example.fr', password, displayName: 'X', role: 'admin' }, 400, 'REQUEST.INVALID', /role/],
      ['missing field', '/api/v1/auth/register', { email: 'missing@example.fr', password }, 400, 'REQUEST.INVALID', /displayName/],
      ['operator object in login', '/api/v1/auth/login', { email: { $gt: '' }, password: { $ne: null } }, 400, 'REQUEST.OPERATOR_NOT_ALLOWED', /email/],
      ['operator object in register', '/api/v1/auth/register', { email: 'op@example.fr', password, displayName: { $where: '1' } }, 400, 'REQUEST.OPERATOR_NOT_ALLOWED', /displayName/],
      ['array body', '/api/v1/auth/login', [], 400, 'REQUEST.INVALID', /./],
      ['garbage refresh token', '/api/v1/auth/refresh', { refreshToken: 'garbage' }, 401, 'AUTH.INVALID_REFRESH_TOKEN', /refresh token/],
    ];

    it.each(cases)('%s', async (_name, path, body, status, code, message) => {
      const before = await allEventCount();
      const answer = await http.post(path, body);
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ statusCode: status, code, message: expect.stringMatching(message) });
      expect(await allEventCount()).toBe(before);
    });

    it('malformed JSON', async () => {
      const before = await allEventCount();
      const answer = await http.postRaw('/api/v1/auth/register', '{"email": "a@b.fr", ');
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ statusCode: 400, code: 'REQUEST.MALFORMED_BODY', message: expect.any(String) });
      expect(await allEventCount()).toBe(before);
    });

    it('oversized body', async () => {
      const before = await allEventCount();
      const answer = await http.post('/api/v1/auth/register', { email: 'big@example.fr', password, displayName: 'x'.repeat(200_000) });
      expect(answer.status).toBe(413);
      expect(answer.body).toEqual({ statusCode: 413, code: 'REQUEST.BODY_TOO_LARGE', message: expect.any(String) });
      expect(await allEventCount()).toBe(before);
    });
  });

  it('serves its health and its OpenAPI document', async () => {
    expect((await http.get('/health')).body).toEqual({ status: 'ok' });
    const openApi = await http.get('/api/docs/openapi.json');
    expect(openApi.status).toBe(200);
    expect(Object.keys(openApi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/me']));
  });

  it('keeps its data across a restart', async () => {
    await register('durable@example.fr');
    await platform.stop();
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    http = new HttpClient(platform.baseUrl);
    expect((await login('durable@example.fr')).status).toBe(200);
  });
});
