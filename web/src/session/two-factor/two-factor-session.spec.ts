import { ApiError } from '../../api/api-error';
import { SessionStore } from '../session-store';

/** A fetch that answers each path with the given status and JSON, and records what was sent. */
function fakeApi(answers: Record<string, { status: number; body: unknown }>) {
  const sent: { path: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    sent.push({ path, body: init?.body ? JSON.parse(String(init.body)) : undefined, headers: (init?.headers ?? {}) as Record<string, string> });
    const answer = answers[path] ?? { status: 404, body: {} };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, sent };
}

const tokens = { accessToken: 'access-1', tokenType: 'Bearer', expiresIn: 900, mustChangePassword: false, mustEnrolTwoFactor: false };

describe('the browser session with two-factor sign-in', () => {
  // One tab here: without a BroadcastChannel the store opens no handle that outlives the test.
  const tabChannel = globalThis.BroadcastChannel;
  beforeAll(() => {
    Reflect.deleteProperty(globalThis, 'BroadcastChannel');
  });
  afterAll(() => {
    globalThis.BroadcastChannel = tabChannel;
  });

  it('given an account with two-factor sign-in, when the password is right, then the code is asked for and nobody is signed in yet', async () => {
    const api = fakeApi({ '/api/v1/auth/login': { status: 200, body: { twoFactorRequired: true, challengeToken: 'challenge-1', expiresIn: 300 } } });
    const session = new SessionStore(api.fetchImpl);
    await expect(session.logIn('claire@example.fr', 'correct horse battery staple')).resolves.toEqual({ status: 'two-factor', challengeToken: 'challenge-1' });
    expect(session.current.status).toBe('unknown');
    expect(session.accessToken).toBeUndefined();
  });

  it('when the code is right, then the session holds the access token, the refresh token staying in the cookie', async () => {
    const api = fakeApi({ '/api/v1/auth/login/two-factor': { status: 200, body: tokens } });
    const session = new SessionStore(api.fetchImpl);
    await session.completeTwoFactorLogIn('challenge-1', { code: '123456' });
    expect(api.sent).toEqual([
      { path: '/api/v1/auth/login/two-factor', body: { challengeToken: 'challenge-1', code: '123456' }, headers: expect.objectContaining({ 'X-Refresh-Token-Transport': 'cookie' }) },
    ]);
    expect(session.current).toEqual({ status: 'authenticated', accessToken: 'access-1', mustChangePassword: false, mustEnrolTwoFactor: false });
    await session.logOut();
  });

  it('when the code is refused, then the API\'s code is thrown and nobody is signed in', async () => {
    const api = fakeApi({ '/api/v1/auth/login/two-factor': { status: 401, body: { statusCode: 401, code: 'AUTH.TWO_FACTOR_CODE_REUSED', message: 'used' } } });
    const session = new SessionStore(api.fetchImpl);
    const refused = session.completeTwoFactorLogIn('challenge-1', { recoveryCode: 'k7d2-9xqm-3fpa' });
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 401, code: 'AUTH.TWO_FACTOR_CODE_REUSED' });
    expect(session.accessToken).toBeUndefined();
  });

  it('given an owner who requires it, when the tokens say to enrol, then the session says so until a refresh says otherwise', async () => {
    const api = fakeApi({
      '/api/v1/auth/login': { status: 200, body: { ...tokens, mustEnrolTwoFactor: true } },
      '/api/v1/auth/refresh': { status: 200, body: { ...tokens, accessToken: 'access-2' } },
    });
    const session = new SessionStore(api.fetchImpl);
    await expect(session.logIn('sophie@example.fr', 'un cheval correct et une agrafe')).resolves.toEqual({ status: 'signed-in' });
    expect(session.current).toMatchObject({ status: 'authenticated', mustEnrolTwoFactor: true });
    await session.renewAfterTwoFactorEnrolment();
    expect(session.current).toMatchObject({ status: 'authenticated', accessToken: 'access-2', mustEnrolTwoFactor: false });
    await session.logOut();
  });
});
