import { join } from 'node:path';
import { SqliteEventStore, handleCommand } from '@osteo/event-sourcing';
import { EmailDigests } from '@osteo/platform';
import { accountDecider, accountStreamId } from '../../services/identity/domain/account';
import { legacyEmailReservationStreamId } from '../../services/identity/domain/email-reservation';
import { Argon2PasswordHasher } from '../../services/identity/infrastructure/argon2-password-hasher';
import { PASSWORD } from '../support/accounts';
import { HttpClient } from '../support/http-client';
import { RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';

/**
 * Identity reserves each address in a stream of its own (uniqueness by "no stream" expected).
 * Stream names are never encrypted nor erased, so since #11 they are named by the address's keyed
 * digest; reservations written before, named by the address itself, still hold their address.
 */
describe('e-mail reservation streams, embedded profile', () => {
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

  const register = (email: string) => http.post('/api/v1/auth/register', { email, password: PASSWORD, displayName: 'Dr Claire Martin' });

  async function identityStore<T>(use: (store: SqliteEventStore) => Promise<T>): Promise<T> {
    const store = new SqliteEventStore(join(dataDir.path, 'identity.events.sqlite'));
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  }

  it('names the reservation of a registered address by its keyed digest, and no stream after the address', async () => {
    expect((await register('Claire.Martin@Example.fr')).status).toBe(201);

    const streamIds = await identityStore(async (store) => (await store.readAll()).map((event) => event.streamId));
    const digest = EmailDigests.from(platform.config).of('claire.martin@example.fr');
    expect(streamIds).toContain(`email-${digest}`);
    expect(streamIds.filter((streamId) => /example\.fr|@/i.test(streamId))).toEqual([]);
    const stored = await identityStore((store) => store.readStream(`email-${digest}`));
    expect(JSON.stringify(stored)).not.toMatch(/example\.fr/i);
  });

  it('keeps the digest key under DATA_DIR, so the same address finds its reservation after a restart', async () => {
    const keyBefore = platform.config.emailDigestKey;
    await platform.stop();
    platform = await startPlatform({ DATA_DIR: dataDir.path });
    http = new HttpClient(platform.baseUrl);

    expect(platform.config.emailDigestKey).toBe(keyBefore);
    expect((await register('claire.martin@example.fr')).body.code).toBe('ACCOUNT.EMAIL_TAKEN');
    expect((await http.post('/api/v1/auth/login', { email: 'claire.martin@example.fr', password: PASSWORD })).status).toBe(200);
  });

  it('still honours a reservation written before #11 under the address itself: its holder logs in, nobody else takes the address', async () => {
    const accountId = 'account-from-before-11';
    const email = 'before@example.fr';
    const metadata = { now: new Date(), correlationId: 'legacy' };
    const passwordHash = await new Argon2PasswordHasher().hash(PASSWORD);
    await identityStore(async (store) => {
      // As identity wrote it before #11: the address in the stream's name and in the event.
      await store.appendToStream(legacyEmailReservationStreamId(email), [{ type: 'EmailReserved', data: { email, accountId, reservedAt: metadata.now.toISOString() }, metadata: {} }], {
        expectedRevision: 'no_stream',
      });
      await handleCommand(store, accountStreamId(accountId), accountDecider, {
        type: 'RegisterAccount',
        data: { accountId, email, displayName: 'Dr Before', kind: 'main', mustChangePassword: false, passwordHash },
        metadata,
      });
    });

    const session = await http.post('/api/v1/auth/login', { email: 'Before@Example.fr', password: PASSWORD });
    expect(session.status).toBe(200);
    expect((await http.withToken(session.body.accessToken).get('/api/v1/me')).body).toMatchObject({ accountId, email });
    expect((await register(email)).body).toEqual({ statusCode: 409, code: 'ACCOUNT.EMAIL_TAKEN', message: expect.any(String) });
    // Neither is a second reservation written under the new name.
    const digest = EmailDigests.from(platform.config).of(email);
    expect(await identityStore((store) => store.readStream(`email-${digest}`))).toEqual([]);
  });
});
