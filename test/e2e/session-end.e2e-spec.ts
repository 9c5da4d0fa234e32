import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@osteo/auth';
import { PASSWORD } from '../support/accounts';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';

/** The issue's bound (#11): ending a session ends its access tokens within a second in every service. */
const WITHIN_A_SECOND = 1_000;

interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
}

describe('ending a session ends its access tokens in every service, embedded profile', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let anonymous: HttpClient;
  let accountId: string;
  let cabinetId: string;
  const email = 'claire.martin@example.fr';
  /** What the account logs in with: the password-change test changes it. */
  let password = PASSWORD;

  /** One read route of each service: identity, access-grant, planning, patient-records, accounting. */
  const routes = () => [
    '/api/v1/me',
    '/api/v1/cabinets',
    `/api/v1/cabinets/${cabinetId}/appointments`,
    `/api/v1/cabinets/${cabinetId}/patients`,
    `/api/v1/ledgers/${accountId}/entries`,
  ];
  const answersOf = async (accessToken: string) =>
    Promise.all(
      routes().map(async (route) => {
        const answer = await anonymous.withToken(accessToken).get(route);
        return { route, status: answer.status, code: answer.body?.code };
      }),
    );
  const everyRouteAnswers = (status: number, code?: string) => routes().map((route) => ({ route, status, code }));
  const logIn = async (secret = password): Promise<Session> => {
    const answer = await anonymous.post('/api/v1/auth/login', { email, password: secret });
    if (answer.status !== 200) throw new Error(`login: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    anonymous = new HttpClient(platform.baseUrl);
    accountId = (await anonymous.post('/api/v1/auth/register', { email, password: PASSWORD, displayName: 'Dr Claire Martin' })).body.accountId;
    const owner = anonymous.withToken((await logIn()).accessToken);
    cabinetId = (await owner.post('/api/v1/cabinets', { name: 'Cabinet des Lilas' })).body.cabinetId;
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  it('given two sessions, when one logs out, then within a second its token is refused everywhere (AUTH.SESSION_ENDED) and the other still works', async () => {
    const leaving = await logIn();
    const staying = await logIn();
    await eventually(async () => expect(await answersOf(leaving.accessToken)).toEqual(everyRouteAnswers(200)));

    const loggedOut = await anonymous.withToken(leaving.accessToken).post('/api/v1/auth/logout', { refreshToken: leaving.refreshToken });
    expect(loggedOut.status).toBe(204);

    await eventually(async () => expect(await answersOf(leaving.accessToken)).toEqual(everyRouteAnswers(401, 'AUTH.SESSION_ENDED')), WITHIN_A_SECOND);
    expect(await answersOf(staying.accessToken)).toEqual(everyRouteAnswers(200));
  });

  it('given a session revoked for a spent refresh token presented again, then its access tokens are refused within a second', async () => {
    const stolen = await logIn();
    const rotated = await anonymous.post('/api/v1/auth/refresh', { refreshToken: stolen.refreshToken });
    expect(rotated.status).toBe(200);

    const replayed = await anonymous.post('/api/v1/auth/refresh', { refreshToken: stolen.refreshToken });
    expect(replayed.body.code).toBe('AUTH.REFRESH_TOKEN_REUSED');

    for (const accessToken of [stolen.accessToken, rotated.body.accessToken]) {
      await eventually(async () => expect(await answersOf(accessToken)).toEqual(everyRouteAnswers(401, 'AUTH.SESSION_ENDED')), WITHIN_A_SECOND);
    }
  });

  it('given a password change, then within a second the tokens of every session started before it are refused, and a login after it works', async () => {
    const otherSession = await logIn();
    const changingSession = await logIn();
    const newPassword = 'a brand new long passphrase';

    const changed = await anonymous.withToken(changingSession.accessToken).post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword });
    expect(changed.status).toBe(204);
    // At once, as the web application does: a token issued in the same second must still work.
    const afterChange = await logIn(newPassword);

    for (const { accessToken } of [otherSession, changingSession]) {
      await eventually(async () => expect(await answersOf(accessToken)).toEqual(everyRouteAnswers(401, 'AUTH.SESSION_ENDED')), WITHIN_A_SECOND);
    }
    expect(await answersOf(afterChange.accessToken)).toEqual(everyRouteAnswers(200));
    password = newPassword;
  });

  it.each([
    ['without exp', { withoutIssueTime: false }],
    ['without iat', { withoutIssueTime: true }],
  ])('refuses a token signed with the platform’s key %s', async (_case, { withoutIssueTime }) => {
    const { accessToken } = await logIn();
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    const { exp: _exp, iat: _iat, iss: _iss, aud: _aud, ...kept } = claims;
    const withoutOne = new JwtService({ secret: platform.config.tokens.signingSecret }).sign(
      { ...kept, ...(withoutIssueTime ? {} : { iat: Math.floor(Date.now() / 1000) }) },
      {
        algorithm: 'HS256',
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        ...(withoutIssueTime ? { noTimestamp: true, expiresIn: 600 } : {}),
      },
    );

    expect(await answersOf(withoutOne)).toEqual(everyRouteAnswers(401, 'AUTH.UNAUTHENTICATED'));
  });

  it('after a restart, still refuses the token of a session that ended before it, and accepts one that did not', async () => {
    const ended = await logIn();
    const live = await logIn();
    expect((await anonymous.withToken(ended.accessToken).post('/api/v1/auth/logout', { refreshToken: ended.refreshToken })).status).toBe(204);
    await eventually(async () => expect((await anonymous.withToken(ended.accessToken).get('/api/v1/me')).status).toBe(401), WITHIN_A_SECOND);

    await platform.stop();
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    anonymous = new HttpClient(platform.baseUrl);

    // The very first requests: the process replays identity.events before it judges a token.
    expect(await answersOf(ended.accessToken)).toEqual(everyRouteAnswers(401, 'AUTH.SESSION_ENDED'));
    await eventually(async () => expect(await answersOf(live.accessToken)).toEqual(everyRouteAnswers(200)));
  });
});
