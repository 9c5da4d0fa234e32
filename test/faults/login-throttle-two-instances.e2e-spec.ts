import { randomBytes } from 'node:crypto';
import { DistributedProcesses, type ProcessName, type ProcessSpec, processSpecs } from '../../deploy/local/distributed-processes';
import { kafkaBrokers, mongoUrl } from '@osteo/testing';
import { DIST_DIR, ensureFreshBuild, reserveFreePorts } from '../support/distributed-platform';
import { temporaryDataDir } from '../support/embedded-platform';

/**
 * #11, the fault suite's login scenario: two identity processes of the distributed profile, from
 * dist/, sharing what instances of one service share (the SQLite event store file, the MongoDB
 * database, the Kafka topics and groups), behind one gateway that takes them in turn
 * (IDENTITY_URL lists both). A parallel brute force on one account is split across both: the
 * counters live in MongoDB, each attempt reserved there before its password is verified, so no
 * more than the limit (5 per account and client address) is verified in total, where counters
 * kept per process would have let each instance verify 5. A 401 is a password verified and found
 * wrong; a 429 one never verified.
 *
 * The shared Kafka and FerretDB of the Jest run serve it: nothing here stops a server.
 */

const PASSWORD = 'correct horse battery staple';
const LIMIT_PER_ACCOUNT_AND_ADDRESS = 5;
const START_TIMEOUT_MS = 180_000;

describe('login throttle with two identity instances (distributed profile, shared FerretDB)', () => {
  const dataDir = temporaryDataDir();
  const groups: DistributedProcesses[] = [];
  let gatewayUrl: string;
  let instanceUrls: readonly string[];

  beforeAll(async () => {
    ensureFreshBuild();
    const [first, second, gateway] = await reserveFreePorts(3);
    const suffix = randomBytes(3).toString('hex');
    const layout = {
      distDir: DIST_DIR,
      dataDir: dataDir.path,
      // Only identity and the gateway run; the other services' addresses are never called.
      ports: { identity: first, 'access-grant': first, planning: first, 'patient-records': first, accounting: first, gateway } as Record<ProcessName, number>,
      sharedEnv: {
        PATH: process.env.PATH,
        NO_COLOR: '1',
        JWT_SECRET: randomBytes(48).toString('base64url'),
        EMAIL_DIGEST_KEY: randomBytes(48).toString('base64url'),
        KAFKA_BROKERS: kafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: `login-throttle-${suffix}.`,
        MONGO_URL: mongoUrl(),
        MONGO_DATABASE_PREFIX: `login_throttle_${suffix}_`,
      },
    };
    const specs = processSpecs(layout);
    const identity = specs.find((spec) => spec.name === 'identity')!;
    const secondIdentity: ProcessSpec = { ...identity, port: second, env: { ...identity.env, PORT: String(second) } };
    instanceUrls = [`http://127.0.0.1:${first}`, `http://127.0.0.1:${second}`];
    const gatewaySpec = specs.find((spec) => spec.name === 'gateway')!;
    // One after the other: the second opens the event store file the first created.
    groups.push(await DistributedProcesses.start([identity]));
    groups.push(await DistributedProcesses.start([secondIdentity]));
    groups.push(await DistributedProcesses.start([{ ...gatewaySpec, env: { ...gatewaySpec.env, IDENTITY_URL: instanceUrls.join(',') } }]));
    gatewayUrl = groups[2].url('gateway');
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(groups.map((group) => group.stop()));
    dataDir.remove();
  }, 60_000);

  const post = async (baseUrl: string, path: string, body: unknown, clientAddress?: string) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(clientAddress ? { 'x-forwarded-for': clientAddress } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { code?: string }, retryAfter: response.headers.get('retry-after') };
  };
  const register = async (email: string) => {
    const answer = await post(gatewayUrl, '/auth/register', { email, password: PASSWORD, displayName: 'Dr Claire Martin' });
    expect(answer.status).toBe(201);
  };
  const countOf = (answers: readonly { status: number }[], status: number) => answers.filter((answer) => answer.status === status).length;

  it('given 100 concurrent wrong passwords through the gateway, taken in turn by the two instances, then at most 5 are verified in all', async () => {
    const email = 'through-the-gateway@example.fr';
    await register(email);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, guess) => post(gatewayUrl, '/auth/login', { email, password: `wrong guess ${guess}` })));

    expect(countOf(answers, 401)).toBeLessThanOrEqual(LIMIT_PER_ACCOUNT_AND_ADDRESS);
    expect(countOf(answers, 429)).toBeGreaterThanOrEqual(100 - LIMIT_PER_ACCOUNT_AND_ADDRESS);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(refused.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  });

  it('given 100 concurrent wrong passwords sent straight to the two instances alternately, then at most 5 are verified in all', async () => {
    const email = 'straight-to-both@example.fr';
    await register(email);
    const attacker = '203.0.113.77';
    // Each instance answers for the account: they read one event store.
    for (const instance of instanceUrls) expect((await post(instance, '/auth/login', { email, password: PASSWORD }, '198.51.100.1')).status).toBe(200);

    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, guess) => post(instanceUrls[guess % 2], '/auth/login', { email, password: `wrong guess ${guess}` }, attacker)),
    );
    expect(countOf(answers, 401)).toBeLessThanOrEqual(LIMIT_PER_ACCOUNT_AND_ADDRESS);
    expect(countOf(answers, 429)).toBeGreaterThanOrEqual(100 - LIMIT_PER_ACCOUNT_AND_ADDRESS);
  });
});
