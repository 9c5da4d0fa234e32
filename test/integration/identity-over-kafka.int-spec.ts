import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@osteo/contracts';
import { EmailDigests } from '@osteo/platform';
import { MongoReadStore } from '@osteo/read-store';
import { kafkaBrokers, mongoUrl, uniqueName } from '@osteo/testing';
import { ACCOUNT_DIRECTORY, AccountDirectoryEntry } from '../../services/identity/application/account-directory/account-directory.projection';
import { HttpClient } from '../support/http-client';
import { startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { kafkaProfile } from '../support/kafka-profile';
import { eventually } from '../support/eventually';

/**
 * Identity over real infrastructure: its events go through the publisher to the Kafka topic
 * `identity.events`, and its projection consumes them into FerretDB through mongoose.
 * Everything happens inside the test body: kafkajs loads protocol modules lazily, which Jest 30
 * refuses between a test and its hooks.
 */
describe('identity over Kafka and FerretDB', () => {
  it('publishes public events to identity.events and projects them into the read store', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const { env } = profile;
    let platform = await startPlatform(env);
    const readStore = await MongoReadStore.connect(mongoUrl(), `${env.MONGO_DATABASE_PREFIX}identity`);
    const kafka = new Kafka({ brokers: kafkaBrokers(), clientId: 'identity-int-spec', logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: uniqueName('raw-reader') });
    try {
      let http = new HttpClient(platform.baseUrl);
      const password = 'correct horse battery staple';
      const first = await http.post('/api/v1/auth/register', { email: 'kafka.one@example.fr', password, displayName: 'One' });
      const second = await http.post('/api/v1/auth/register', { email: 'kafka.two@example.fr', password, displayName: 'Two' });
      expect([first.status, second.status]).toEqual([201, 201]);
      const session = await http.post('/api/v1/auth/login', { email: 'kafka.two@example.fr', password });
      expect(
        (await http.withToken(session.body.accessToken).post('/api/v1/auth/password', { currentPassword: password, newPassword: 'another long passphrase' })).status,
      ).toBe(204);

      const directory = readStore.collection<AccountDirectoryEntry & { _id: string }>(ACCOUNT_DIRECTORY);
      await eventually(async () => {
        const entries = await directory.find({}, { sort: { displayName: 1 } });
        expect(entries.map(({ displayName, emailDigest, mustChangePassword, passwordChangedAt }) => ({ displayName, emailDigest, mustChangePassword, changed: passwordChangedAt !== null }))).toEqual([
          { displayName: 'One', emailDigest: EmailDigests.from(platform.config).of('kafka.one@example.fr'), mustChangePassword: false, changed: false },
          { displayName: 'Two', emailDigest: EmailDigests.from(platform.config).of('kafka.two@example.fr'), mustChangePassword: false, changed: true },
        ]);
      });

      // What is on the topic is the public contract: no password hash, no private session event.
      await consumer.connect();
      await consumer.subscribe({ topic: `${env.KAFKA_TOPIC_PREFIX}${Topics.identity}`, fromBeginning: true });
      const seen: { type: string; data: Record<string, unknown>; headers: Record<string, string> }[] = [];
      await consumer.run({
        eachMessage: async ({ message }) => {
          const envelope = JSON.parse(message.value!.toString());
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([key, value]) => [key, String(value)]));
          seen.push({ type: envelope.type, data: envelope.data, headers });
        },
      });
      await eventually(() => expect(seen.map((message) => message.type).sort()).toEqual(['AccountPasswordChanged', 'AccountRegistered', 'AccountRegistered']));
      expect(JSON.stringify(seen)).not.toMatch(/argon2|passwordHash|Session|@example\.fr/);
      expect(seen.every((message) => message.headers['correlation-id'])).toBe(true);

      // A restart resumes from the stored checkpoint: nothing is published twice.
      await platform.stop();
      platform = await startPlatform(env);
      http = new HttpClient(platform.baseUrl);
      expect((await http.post('/api/v1/auth/register', { email: 'kafka.three@example.fr', password, displayName: 'Three' })).status).toBe(201);
      await eventually(() => expect(seen.filter((message) => message.type === 'AccountRegistered')).toHaveLength(3));
      expect(seen).toHaveLength(4);
      await eventually(async () => expect(await directory.countDocuments({})).toBe(3));
    } finally {
      await consumer.disconnect();
      await platform.stop();
      await readStore.close();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 60_000);
});
