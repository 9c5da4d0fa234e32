import { Controller, Get } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ErrorBodyFilter } from '@osteo/http';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { AuthenticationModule } from './authentication.module';
import { EndedSessions } from './ended-sessions';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, Principal } from './principal';
import { AllowedBeforeDisplayNameChoice, AllowedDuringPasswordChange, AllowedDuringTwoFactorEnrolment, CurrentPrincipal, PublicRoute } from './route-access';
import { StaticTokenSigningKey } from './token-signing-key';

@Controller()
class ProbeController {
  @Get('open')
  @PublicRoute()
  open(): string {
    return 'open';
  }

  @Get('work')
  work(@CurrentPrincipal() principal: Principal): string {
    return principal.accountId;
  }

  @Get('me')
  @AllowedDuringPasswordChange()
  @AllowedDuringTwoFactorEnrolment()
  @AllowedBeforeDisplayNameChoice()
  me(@CurrentPrincipal() principal: Principal): string {
    return principal.accountId;
  }

  @Get('enrol')
  @AllowedDuringTwoFactorEnrolment()
  @AllowedBeforeDisplayNameChoice()
  enrol(@CurrentPrincipal() principal: Principal): string {
    return principal.accountId;
  }
}

describe('authentication guard', () => {
  const secret = 'a-test-signing-secret-of-at-least-32-bytes';
  const jwt = new JwtService({ secret });
  let app: NestFastifyApplication;
  let endedSessions: EndedSessions;

  /** Signed as identity signs them: with a session id unless the claims say otherwise. */
  const token = (claims: object, options: object = {}) =>
    jwt.sign({ sid: 'session-1', ...claims }, { algorithm: 'HS256', issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE, expiresIn: 60, ...options });
  const get = async (url: string, bearer?: string) => {
    const answer = await app.inject({ method: 'GET', url, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    return { status: answer.statusCode, body: answer.body.startsWith('{') ? answer.json() : answer.body };
  };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthenticationModule.forRoot(new StaticTokenSigningKey(secret))],
      controllers: [ProbeController],
    }).compile();
    endedSessions = moduleRef.get(EndedSessions);
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ErrorBodyFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  it('lets public routes through without a token', async () => {
    expect(await get('/open')).toEqual({ status: 200, body: 'open' });
  });

  it('requires a valid token everywhere else', async () => {
    expect((await get('/work')).body).toEqual({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED', message: expect.any(String) });
    expect(await get('/work', token({ sub: 'acc-1', mcp: false, knd: 'main' }))).toEqual({ status: 200, body: 'acc-1' });
  });

  it.each([
    ['expired', () => token({ sub: 'a', mcp: false }, { expiresIn: -10 })],
    ['signed with another secret', () => new JwtService({ secret: 'another-secret-of-at-least-32-bytes!!' }).sign({ sub: 'a', mcp: false }, { issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE })],
    ['signed with another algorithm', () => token({ sub: 'a', mcp: false }, { algorithm: 'HS512' })],
    ['for another audience', () => token({ sub: 'a', mcp: false }, { audience: 'someone-else' })],
    ['unsigned', () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}.`],
  ])('refuses a token %s', async (_case, makeToken) => {
    expect((await get('/work', makeToken())).status).toBe(401);
  });

  it.each([
    ['without exp', () => jwt.sign({ sub: 'a', mcp: false, knd: 'main', sid: 'session-1' }, { issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE })],
    ['without iat', () => token({ sub: 'a', mcp: false, knd: 'main' }, { noTimestamp: true })],
    ['without a session id', () => token({ sub: 'a', mcp: false, knd: 'main', sid: undefined })],
  ])('refuses a token signed with the right key %s', async (_case, makeToken) => {
    expect((await get('/work', makeToken())).body).toMatchObject({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED' });
  });

  it('refuses, with AUTH.SESSION_ENDED, the tokens of a session identity ended, even verified before', async () => {
    const ofEndedSession = token({ sub: 'acc-4', mcp: false, knd: 'main', sid: 'session-ended' });
    const ofOtherSession = token({ sub: 'acc-4', mcp: false, knd: 'main', sid: 'session-live' });
    expect((await get('/work', ofEndedSession)).status).toBe(200);

    endedSessions.learn(identityEvent('SessionEnded', { sessionId: 'session-ended', accountId: 'acc-4', reason: 'logged-out' }));

    expect(await get('/work', ofEndedSession)).toEqual({
      status: 401,
      body: { statusCode: 401, code: 'AUTH.SESSION_ENDED', message: expect.any(String) },
    });
    expect((await get('/me', ofEndedSession)).status).toBe(401);
    expect(await get('/work', ofOtherSession)).toEqual({ status: 200, body: 'acc-4' });
  });

  it('refuses the tokens of an account issued before its password changed, not those issued after', async () => {
    const before = token({ sub: 'acc-5', mcp: false, knd: 'main', sid: 'session-a', iat: Date.now() / 1000 - 1 });
    endedSessions.learn(identityEvent('AccountPasswordChanged', { accountId: 'acc-5' }));
    const after = token({ sub: 'acc-5', mcp: false, knd: 'main', sid: 'session-b', iat: Date.now() / 1000 + 0.001 });

    expect((await get('/work', before)).body).toMatchObject({ code: 'AUTH.SESSION_ENDED' });
    expect(await get('/work', after)).toEqual({ status: 200, body: 'acc-5' });
  });

  it('accepts a token it verified before until it expires, and never its altered copies', async () => {
    const shortLived = token({ sub: 'acc-3', mcp: false, knd: 'main' }, { expiresIn: 2 });
    const [header, payload, signature] = shortLived.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'acc-admin' })).toString('base64url');

    expect(await get('/work', shortLived)).toEqual({ status: 200, body: 'acc-3' });
    expect(await get('/work', shortLived)).toEqual({ status: 200, body: 'acc-3' });
    expect((await get('/work', `${header}.${forgedPayload}.${signature}`)).status).toBe(401);
    expect((await get('/work', `${shortLived.slice(0, -2)}xx`)).status).toBe(401);
    // exp is whole seconds: the token expires between one and two seconds after it was signed.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await get('/work', shortLived)).status).toBe(401);
  });

  it('answers 403 AUTH.PASSWORD_CHANGE_REQUIRED while a temporary password is in force, except on allowed routes', async () => {
    const temporary = token({ sub: 'acc-2', mcp: true, knd: 'specific' });
    expect(await get('/work', temporary)).toEqual({
      status: 403,
      body: { statusCode: 403, code: 'AUTH.PASSWORD_CHANGE_REQUIRED', message: expect.any(String) },
    });
    expect(await get('/me', temporary)).toEqual({ status: 200, body: 'acc-2' });
    // Once verified, the same token meets the same rule.
    expect((await get('/work', temporary)).status).toBe(403);
  });

  it('answers 403 AUTH.TWO_FACTOR_REQUIRED while the token says to enrol first, except on enrolment routes', async () => {
    const mustEnrol = token({ sub: 'acc-6', mcp: false, knd: 'specific', tfe: true });
    expect(await get('/work', mustEnrol)).toEqual({
      status: 403,
      body: { statusCode: 403, code: 'AUTH.TWO_FACTOR_REQUIRED', message: expect.any(String) },
    });
    expect(await get('/enrol', mustEnrol)).toEqual({ status: 200, body: 'acc-6' });
    expect(await get('/me', mustEnrol)).toEqual({ status: 200, body: 'acc-6' });
    expect((await get('/work', mustEnrol)).status).toBe(403);
  });

  it('asks for the temporary password to be changed before the enrolment', async () => {
    const both = token({ sub: 'acc-7', mcp: true, knd: 'specific', tfe: true });
    expect((await get('/work', both)).body.code).toBe('AUTH.PASSWORD_CHANGE_REQUIRED');
    expect((await get('/enrol', both)).body.code).toBe('AUTH.PASSWORD_CHANGE_REQUIRED');
    expect(await get('/me', both)).toEqual({ status: 200, body: 'acc-7' });
  });

  it('answers 403 ACCOUNT.DISPLAY_NAME_REQUIRED while the token says to choose a name first, except on the routes of the first login', async () => {
    const mustName = token({ sub: 'acc-8', mcp: false, knd: 'specific', dnr: true });
    expect(await get('/work', mustName)).toEqual({
      status: 403,
      body: { statusCode: 403, code: 'ACCOUNT.DISPLAY_NAME_REQUIRED', message: expect.any(String) },
    });
    expect(await get('/me', mustName)).toEqual({ status: 200, body: 'acc-8' });
    expect(await get('/enrol', mustName)).toEqual({ status: 200, body: 'acc-8' });
    expect((await get('/work', mustName)).body.code).toBe('ACCOUNT.DISPLAY_NAME_REQUIRED');
    expect(await get('/work', token({ sub: 'acc-8', mcp: false, knd: 'specific' }))).toEqual({ status: 200, body: 'acc-8' });
  });

  it('asks for the password, then the enrolment, then the name', async () => {
    expect((await get('/work', token({ sub: 'acc-9', mcp: true, knd: 'specific', tfe: true, dnr: true }))).body.code).toBe('AUTH.PASSWORD_CHANGE_REQUIRED');
    expect((await get('/work', token({ sub: 'acc-9', mcp: false, knd: 'specific', tfe: true, dnr: true }))).body.code).toBe('AUTH.TWO_FACTOR_REQUIRED');
    expect((await get('/work', token({ sub: 'acc-9', mcp: false, knd: 'specific', dnr: true }))).body.code).toBe('ACCOUNT.DISPLAY_NAME_REQUIRED');
  });
});

function identityEvent(type: string, data: Record<string, unknown>): IntegrationEnvelope {
  return {
    eventId: `${type}-${Math.random()}`,
    type,
    version: 1,
    streamId: 'stream',
    revision: 0,
    occurredAt: new Date().toISOString(),
    actorId: null,
    correlationId: null,
    causationId: null,
    data,
  };
}
