import { randomUUID } from 'node:crypto';
import { type DelegationGrantedV1, type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';
import { Clock } from '@osteo/platform';
import { IdentityModule } from '../../services/identity/identity.module';
import { decodeHeader, mailPartsOf, parseRawMail, temporaryPasswordIn } from '../support/raw-mail';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { outboxMessages } from '../support/outbox';
import { providerOf } from '../support/platform-internals';

/**
 * The browser's session (the refresh token in an HttpOnly cookie, asked for with
 * X-Refresh-Token-Transport: cookie) and "mot de passe oublié", against the embedded platform
 * over HTTP. The platform trusts loopback as a proxy, so each test claims its own client address
 * in X-Forwarded-For (the throttles count per address) and may claim HTTPS in X-Forwarded-Proto.
 */

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new and long passphrase';
const PUBLIC_URL = 'http://osteo.test:8080';
const COOKIE_MODE = { 'x-refresh-token-transport': 'cookie' };

interface Answer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly headers: Headers;
  readonly setCookies: readonly string[];
}

describe('browser session and forgotten password, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let identityClock: Clock;
  let nextAddress = 1;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path, TRUSTED_PROXIES: 'loopback', PUBLIC_URL });
    // Every service module has a Clock of its own (from its AccessModule); identity's is the one its handlers read.
    identityClock = providerOf(platform.app, IdentityModule, Clock);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  /** A client address of its own for each caller, so no test meets another's throttle. */
  const newClientAddress = () => `198.51.100.${nextAddress++}`;

  async function post(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers, setCookies: response.headers.getSetCookie() };
  }

  const get = async (path: string, accessToken: string) => (await fetch(`${platform.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${accessToken}` } })).status;

  const register = async (email: string) => expect((await post('/auth/register', { email, password: PASSWORD, displayName: 'Dr Test' })).status).toBe(201);

  const cookieLogin = (email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    post('/auth/login', { email, password }, { ...COOKIE_MODE, 'x-forwarded-for': newClientAddress(), ...headers });

  /** The value of the osteo_refresh cookie an answer set, with its attributes. */
  function refreshCookieIn(answer: Answer): { value: string; attributes: string[] } {
    const cookies = answer.setCookies.filter((cookie) => cookie.startsWith('osteo_refresh='));
    expect(cookies).toHaveLength(1);
    const [pair, ...attributes] = cookies[0].split(/;\s*/);
    return { value: pair.slice('osteo_refresh='.length), attributes };
  }

  const expectCookieCleared = (answer: Answer) => {
    const { value, attributes } = refreshCookieIn(answer);
    expect(value).toBe('');
    expect(attributes).toEqual(expect.arrayContaining(['Max-Age=0', 'Path=/api/v1/auth', 'HttpOnly', 'SameSite=Strict']));
  };

  const withCookie = (value: string, extra: Record<string, string> = {}) => ({ cookie: `osteo_refresh=${value}`, ...extra });

  describe('refresh token in a cookie', () => {
    it('logs in with the token in an HttpOnly, SameSite=Strict cookie scoped to /api/v1/auth, and not in the body', async () => {
      await register('cookie.login@example.fr');
      const answer = await cookieLogin('cookie.login@example.fr');

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900, mustChangePassword: false, mustEnrolTwoFactor: false, mustChooseDisplayName: false });
      const { value, attributes } = refreshCookieIn(answer);
      expect(value).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
      expect(attributes.sort()).toEqual(['HttpOnly', `Max-Age=${30 * 24 * 3600}`, 'Path=/api/v1/auth', 'SameSite=Strict'].sort());
      expect(await get('/me', answer.body.accessToken)).toBe(200);
      // Beside it, a hint without any secret that scripts may read: "a session cookie was set".
      expect(answer.setCookies.filter((cookie) => cookie.startsWith('osteo_session='))).toEqual([
        `osteo_session=1; Path=/; Max-Age=${30 * 24 * 3600}; SameSite=Strict`,
      ]);
    });

    it('marks the cookie Secure when the request came over HTTPS (as a trusted proxy says)', async () => {
      await register('cookie.secure@example.fr');
      const answer = await cookieLogin('cookie.secure@example.fr', PASSWORD, { 'x-forwarded-proto': 'https' });
      expect(refreshCookieIn(answer).attributes).toContain('Secure');
    });

    it('keeps the JSON token pair for clients that do not ask for the cookie', async () => {
      await register('cookie.json@example.fr');
      const answer = await post('/auth/login', { email: 'cookie.json@example.fr', password: PASSWORD }, { 'x-forwarded-for': newClientAddress() });
      expect(answer.status).toBe(200);
      expect(answer.body.refreshToken).toEqual(expect.any(String));
      expect(answer.setCookies).toEqual([]);
    });

    it('rotates the cookie on refresh, and a spent cookie token revokes the whole session and clears the cookie', async () => {
      await register('cookie.rotation@example.fr');
      const first = refreshCookieIn(await cookieLogin('cookie.rotation@example.fr')).value;

      const refreshed = await post('/auth/refresh', undefined, withCookie(first, COOKIE_MODE));
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900, mustChangePassword: false, mustEnrolTwoFactor: false, mustChooseDisplayName: false });
      const second = refreshCookieIn(refreshed);
      expect(second.value).not.toBe(first);
      expect(second.attributes).toContain('HttpOnly');
      expect(await get('/me', refreshed.body.accessToken)).toBe(200);

      const withEmptyBody = await post('/auth/refresh', {}, withCookie(second.value, COOKIE_MODE));
      expect(withEmptyBody.status).toBe(200);
      const third = refreshCookieIn(withEmptyBody).value;

      const replay = await post('/auth/refresh', undefined, withCookie(first, COOKIE_MODE));
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('AUTH.REFRESH_TOKEN_REUSED');
      expectCookieCleared(replay);

      const afterRevocation = await post('/auth/refresh', undefined, withCookie(third, COOKIE_MODE));
      expect(afterRevocation.status).toBe(401);
      expect(afterRevocation.body.code).toBe('AUTH.SESSION_REVOKED');
      expectCookieCleared(afterRevocation);
    });

    it('never acts on the cookie alone: without the header it is a 403, and the session still works', async () => {
      await register('cookie.csrf@example.fr');
      const login = await cookieLogin('cookie.csrf@example.fr');
      const token = refreshCookieIn(login).value;

      const forged = await post('/auth/refresh', undefined, withCookie(token));
      expect(forged.status).toBe(403);
      expect(forged.body).toEqual({ statusCode: 403, code: 'AUTH.CSRF_HEADER_REQUIRED', message: expect.any(String) });
      expect(forged.setCookies).toEqual([]);

      const forgedLogout = await post('/auth/logout', undefined, withCookie(token, { authorization: `Bearer ${login.body.accessToken}` }));
      expect(forgedLogout.status).toBe(403);
      expect(forgedLogout.body.code).toBe('AUTH.CSRF_HEADER_REQUIRED');

      expect((await post('/auth/refresh', undefined, withCookie(token, COOKIE_MODE))).status).toBe(200);
    });

    it('answers a missing or invalid cookie with 401 and clears it, and a request with neither token with 400', async () => {
      const missing = await post('/auth/refresh', undefined, COOKIE_MODE);
      expect(missing.status).toBe(401);
      expect(missing.body.code).toBe('AUTH.INVALID_REFRESH_TOKEN');
      expectCookieCleared(missing);

      const garbage = await post('/auth/refresh', undefined, withCookie('garbage', COOKIE_MODE));
      expect(garbage.status).toBe(401);
      expect(garbage.body.code).toBe('AUTH.INVALID_REFRESH_TOKEN');
      expectCookieCleared(garbage);

      const neither = await post('/auth/refresh', {});
      expect(neither.status).toBe(400);
      expect(neither.body.code).toBe('AUTH.REFRESH_TOKEN_REQUIRED');

      const unknownTransport = await post('/auth/refresh', {}, { 'x-refresh-token-transport': 'carrier-pigeon' });
      expect(unknownTransport.status).toBe(400);
      expect(unknownTransport.body.code).toBe('AUTH.UNKNOWN_TOKEN_TRANSPORT');
    });

    it('logs out: ends the cookie session and clears the cookie, bearer still required', async () => {
      await register('cookie.logout@example.fr');
      const login = await cookieLogin('cookie.logout@example.fr');
      const token = refreshCookieIn(login).value;

      const anonymous = await post('/auth/logout', undefined, withCookie(token, COOKIE_MODE));
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');

      const logout = await post('/auth/logout', undefined, withCookie(token, { ...COOKIE_MODE, authorization: `Bearer ${login.body.accessToken}` }));
      expect(logout.status).toBe(204);
      expectCookieCleared(logout);
      expect(logout.setCookies).toContain('osteo_session=; Path=/; Max-Age=0; SameSite=Strict');

      const afterLogout = await post('/auth/refresh', undefined, withCookie(token, COOKIE_MODE));
      expect(afterLogout.status).toBe(401);
      expect(afterLogout.body.code).toBe('AUTH.SESSION_REVOKED');
    });
  });

  describe('forgotten password', () => {
    /** The mails the outbox holds for `email`, decoded as a mail client shows them. */
    function mailsTo(email: string): { subject: string; text: string }[] {
      return outboxMessages(dataDir.path)
        .filter((raw) => parseRawMail(raw).headers.get('to') === email)
        .map((raw) => ({ subject: decodeHeader(parseRawMail(raw).headers.get('subject') ?? ''), text: mailPartsOf(raw).text }));
    }

    const mailCountTo = (email: string) => mailsTo(email).length;

    /** Waits for the n-th mail to `email` and reads the reset token from its link. */
    async function resetMail(email: string, n = 1): Promise<{ subject: string; text: string; link: string; token: string }> {
      const mail = await eventually(() => {
        const mails = mailsTo(email);
        expect(mails.length).toBeGreaterThanOrEqual(n);
        return mails[n - 1];
      });
      const link = /^(\S*\/mot-de-passe\/reinitialiser\?token=\S+)$/m.exec(mail.text)?.[1];
      expect(link).toBeDefined();
      return { ...mail, link: link!, token: new URL(link!).searchParams.get('token')! };
    }

    const requestReset = (email: string, address = newClientAddress(), language?: string) =>
      post('/auth/password-reset', language === undefined ? { email } : { email, language }, { 'x-forwarded-for': address });

    const confirm = (token: string, newPassword = NEW_PASSWORD) => post('/auth/password-reset/confirm', { token, newPassword });

    const jsonLogin = (email: string, password: string) => post('/auth/login', { email, password }, { 'x-forwarded-for': newClientAddress() });

    it('answers the same for an unknown address as for a known one, and mails only the known one a link in French', async () => {
      await register('reset.known@example.fr');
      const known = await requestReset('reset.known@example.fr');
      const unknown = await requestReset('reset.nobody@example.fr');

      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(unknown.body).toEqual(known.body);

      const mail = await resetMail('reset.known@example.fr');
      expect(mail.subject).toBe('Réinitialisation de votre mot de passe Osteo');
      expect(mail.text).toContain('30 minutes');
      expect(mail.link.startsWith(`${PUBLIC_URL}/mot-de-passe/reinitialiser?token=`)).toBe(true);
      expect(mail.token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
      expect(mailCountTo('reset.nobody@example.fr')).toBe(0);
    });

    it('writes the mail in English when asked', async () => {
      await register('reset.english@example.fr');
      expect((await requestReset('reset.english@example.fr', newClientAddress(), 'en')).status).toBe(202);
      const mail = await resetMail('reset.english@example.fr');
      expect(mail.subject).toBe('Reset your Osteo platform password');
      expect(mail.text).toContain('The link works once, for 30 minutes.');
    });

    it('sets the new password once: the token is then spent, the old password refused, and every session over', async () => {
      const email = 'reset.sessions@example.fr';
      await register(email);
      const cookieSession = refreshCookieIn(await cookieLogin(email)).value;
      const jsonSession = (await jsonLogin(email, PASSWORD)).body.refreshToken;

      await requestReset(email);
      const { token } = await resetMail(email);

      const weak = await confirm(token, 'short');
      expect(weak.status).toBe(400);
      expect(weak.body.code).toBe('ACCOUNT.WEAK_PASSWORD');

      expect((await confirm(token)).status).toBe(204);
      const again = await confirm(token, 'yet another long passphrase');
      expect(again.status).toBe(400);
      expect(again.body).toEqual({ statusCode: 400, code: 'AUTH.RESET_TOKEN_INVALID', message: expect.any(String) });

      expect((await jsonLogin(email, PASSWORD)).status).toBe(401);
      expect((await jsonLogin(email, NEW_PASSWORD)).status).toBe(200);

      const oldCookie = await post('/auth/refresh', undefined, withCookie(cookieSession, COOKIE_MODE));
      expect(oldCookie.status).toBe(401);
      expect(oldCookie.body.code).toBe('AUTH.SESSION_ENDED');
      expectCookieCleared(oldCookie);
      const oldPair = await post('/auth/refresh', { refreshToken: jsonSession });
      expect(oldPair.status).toBe(401);
      expect(oldPair.body.code).toBe('AUTH.SESSION_ENDED');
    });

    it('refuses unknown and malformed tokens with the same code', async () => {
      for (const token of ['garbage', `${randomUUID()}.${'A'.repeat(43)}`]) {
        const answer = await confirm(token);
        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('AUTH.RESET_TOKEN_INVALID');
      }
    });

    it('refuses a token presented more than 30 minutes after it was mailed (the clock injected into identity)', async () => {
      const email = 'reset.expired@example.fr';
      await register(email);
      await requestReset(email);
      const { token } = await resetMail(email);

      const later = new Date(Date.now() + 31 * 60_000);
      jest.spyOn(identityClock, 'now').mockImplementation(() => later);
      const expired = await confirm(token);
      expect(expired.status).toBe(400);
      expect(expired.body.code).toBe('AUTH.RESET_TOKEN_INVALID');
      jest.restoreAllMocks();

      expect((await jsonLogin(email, PASSWORD)).status).toBe(200);
    });

    it('ends the temporary-password state of a provisioned account', async () => {
      const email = 'reset.provisioned@example.fr';
      await platform.app.get(EventBus).publish(Topics.access, [{ key: 'delegation-reset', envelope: delegationGranted(email) }]);
      const welcome = await eventually(() => {
        const raws = outboxMessages(dataDir.path).filter((raw) => parseRawMail(raw).headers.get('to') === email);
        expect(raws).toHaveLength(1);
        return raws[0];
      });
      const temporary = await jsonLogin(email, temporaryPasswordIn(welcome));
      expect(temporary.body.mustChangePassword).toBe(true);

      await requestReset(email);
      const { token } = await resetMail(email, 2);
      expect((await confirm(token)).status).toBe(204);

      const after = await jsonLogin(email, NEW_PASSWORD);
      expect(after.status).toBe(200);
      expect(after.body.mustChangePassword).toBe(false);
      expect(await get('/me', after.body.accessToken)).toBe(200);
    });

    it('throttles per e-mail address, known or not, with 429 and Retry-After', async () => {
      await register('reset.throttled@example.fr');
      for (const email of ['reset.throttled@example.fr', 'reset.throttled.nobody@example.fr']) {
        for (let attempt = 1; attempt <= 3; attempt += 1) expect((await requestReset(email)).status).toBe(202);
        const throttled = await requestReset(email);
        expect(throttled.status).toBe(429);
        expect(throttled.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
        expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      await eventually(() => expect(mailCountTo('reset.throttled@example.fr')).toBe(3));
    });

    it('throttles per client address across e-mail addresses', async () => {
      const address = newClientAddress();
      for (let attempt = 1; attempt <= 20; attempt += 1) expect((await requestReset(`spray-${attempt}@example.fr`, address)).status).toBe(202);
      const throttled = await requestReset('spray-21@example.fr', address);
      expect(throttled.status).toBe(429);
      expect(throttled.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
      expect((await requestReset('spray-21@example.fr')).status).toBe(202);
    });
  });
});

function delegationGranted(granteeEmail: string): IntegrationEnvelope<'DelegationGranted', DelegationGrantedV1> {
  const delegationId = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'DelegationGranted',
    version: 1,
    streamId: `delegation-${delegationId}`,
    revision: 0,
    occurredAt: new Date().toISOString(),
    actorId: 'owner-reset',
    correlationId: randomUUID(),
    causationId: null,
    data: { delegationId, ownerId: 'owner-reset', granteeEmail, granteeAccountId: null, role: 'secretary', cabinetIds: ['cabinet-1'], retrocessionBasisPoints: null, endsOn: null },
  };
}
