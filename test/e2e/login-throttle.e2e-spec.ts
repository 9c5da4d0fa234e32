import { RunningPlatform, startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';

/**
 * #11 items 1 to 3 over HTTP, embedded profile: an attempt is counted before the password is
 * verified, so a burst never gets more than the limit verified; the limits follow OWASP (per
 * account and address, per address, slow down across addresses); registration is throttled per
 * address before its argon2 hash. A 401 is a password verified and found wrong; a 429 was never
 * verified. The platform trusts loopback as a proxy, so each test claims client addresses of its
 * own in X-Forwarded-For.
 */

const PASSWORD = 'correct horse battery staple';
const LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS = 5;
const REGISTRATIONS_PER_ADDRESS = 20;

interface Answer {
  readonly status: number;
  readonly body: { statusCode?: number; code?: string; message?: string; accessToken?: string };
  readonly retryAfter: string | null;
}

describe('login and registration throttles over HTTP (embedded profile)', () => {
  const dataDir = temporaryDataDir();
  let platform: RunningPlatform;
  let addresses = 0;

  beforeAll(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir.path, TRUSTED_PROXIES: 'loopback' });
  });

  afterAll(async () => {
    await platform.stop();
    dataDir.remove();
  });

  const newAddress = () => `198.18.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;
  const post = async (path: string, body: unknown, clientAddress: string, token?: string): Promise<Answer> => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after') };
  };
  const register = async (email: string) => {
    const answer = await post('/auth/register', { email, password: PASSWORD, displayName: 'Dr Claire Martin' }, newAddress());
    if (answer.status !== 201) throw new Error(`register ${email}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  const login = (email: string, password: string, clientAddress: string) => post('/auth/login', { email, password }, clientAddress);
  const statuses = (answers: readonly Answer[]) => answers.map((answer) => answer.status);
  const countOf = (answers: readonly Answer[], status: number) => answers.filter((answer) => answer.status === status).length;

  const expectTooManyAttempts = (answer: Answer, code = 'AUTH.TOO_MANY_ATTEMPTS') => {
    expect(answer.body).toEqual({ statusCode: 429, code, message: expect.any(String) });
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  };

  it.each([50, 200])('given %i concurrent wrong passwords for one account from one address, then at most 5 are verified and the rest answer 429 with Retry-After', async (burst) => {
    const email = `burst-${burst}@example.fr`;
    await register(email);
    const attacker = newAddress();
    const answers = await Promise.all(Array.from({ length: burst }, (_, guess) => login(email, `wrong guess number ${guess}`, attacker)));

    expect(countOf(answers, 401)).toBeLessThanOrEqual(LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS);
    expect(countOf(answers, 401) + countOf(answers, 429)).toBe(burst);
    expectTooManyAttempts(answers.find((answer) => answer.status === 429)!);
  });

  it('given a burst of 30 with the right password last, then it does not log in', async () => {
    const email = 'burst-right-last@example.fr';
    await register(email);
    const attacker = newAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, guess) => login(email, guess === 29 ? PASSWORD : `wrong guess number ${guess}`, attacker)));

    expect(statuses(answers)).not.toContain(200);
    expect(countOf(answers, 401)).toBeLessThanOrEqual(LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS);
    expectTooManyAttempts(answers[29]);
  });

  it("given an attacker's failures from other addresses, then the owner still logs in from their usual address", async () => {
    const email = 'owner-at-home@example.fr';
    await register(email);
    const home = newAddress();
    expect((await login(email, PASSWORD, home)).status).toBe(200);

    // Five attackers' addresses, ten guesses each: each is stopped at 5, then the account is slowed down for them.
    const attacks = await Promise.all(
      Array.from({ length: 5 }, () => newAddress()).flatMap((attacker) => Array.from({ length: 10 }, (_, guess) => login(email, `wrong guess ${guess}`, attacker))),
    );
    expect(countOf(attacks, 401)).toBeLessThanOrEqual(25);
    expect(countOf(attacks, 429)).toBeGreaterThanOrEqual(25);

    const owner = await login(email, PASSWORD, home);
    expect(owner.status).toBe(200);
    expect(owner.body.accessToken).toEqual(expect.any(String));
  });

  it('given wrong current passwords on /auth/password, then they get their own limit and never lock the login', async () => {
    const email = 'changer@example.fr';
    await register(email);
    const address = newAddress();
    const { accessToken } = (await login(email, PASSWORD, address)).body;

    const changes = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      changes.push(await post('/auth/password', { currentPassword: `not my password ${attempt}`, newPassword: 'a brand new passphrase' }, address, accessToken));
    }
    expect(statuses(changes)).toEqual([400, 400, 400, 400, 400, 429]);
    expectTooManyAttempts(changes[5]);

    expect((await login(email, PASSWORD, address)).status).toBe(200);
  });

  it('given 50 parallel registrations from one address, then only the limit succeed, the others answer 429 with Retry-After and write nothing', async () => {
    const before = await storedEventCount(dataDir.path, 'identity');
    await register('one-registration@example.fr');
    const eventsPerRegistration = (await storedEventCount(dataDir.path, 'identity')) - before;

    const flooder = newAddress();
    const beforeFlood = await storedEventCount(dataDir.path, 'identity');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => post('/auth/register', { email: `flood-${index}@example.fr`, password: PASSWORD, displayName: 'Flood' }, flooder)),
    );

    expect(countOf(answers, 201)).toBe(REGISTRATIONS_PER_ADDRESS);
    expect(countOf(answers, 429)).toBe(50 - REGISTRATIONS_PER_ADDRESS);
    expectTooManyAttempts(answers.find((answer) => answer.status === 429)!, 'AUTH.TOO_MANY_REGISTRATIONS');
    expect((await storedEventCount(dataDir.path, 'identity')) - beforeFlood).toBe(REGISTRATIONS_PER_ADDRESS * eventsPerRegistration);
    // Another address is not concerned.
    expect((await post('/auth/register', { email: 'elsewhere@example.fr', password: PASSWORD, displayName: 'Elsewhere' }, newAddress())).status).toBe(201);
  });
});
