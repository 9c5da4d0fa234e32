import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@osteo/contracts';
import { SqliteEventStore } from '@osteo/event-sourcing';
import { kafkaBrokers, uniqueName } from '@osteo/testing';
import { startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';
import { newCast, seedStory } from '../support/seed-story';

/** Anything shaped like an address: a word, an @, a dotted domain. */
const EMAIL_ADDRESS = /[^\s"@]+@[^\s"@]+\.[a-z]{2,}/i;

type RawMessage = { readonly topic: string; readonly key: string; readonly type: string; readonly value: string };

/**
 * #11, erasure: an e-mail address is personal data that Kafka would keep for as long as its topics
 * (forever, operations.md), and that an event store would keep in its stream names forever. After
 * the seed story, over the real Kafka, neither identity's stream names nor identity.events nor
 * access.events hold one: a delegation's grantee address travels sealed for identity.
 * One test body: kafkajs loads protocol modules lazily, which Jest 30 refuses between hooks.
 */
describe('e-mail addresses off Kafka and out of stream names', () => {
  it('keeps every address of the seed story off identity.events and access.events, and out of identity’s stream names', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const platform = await startPlatform(profile.env);
    const consumer = new Kafka({ brokers: kafkaBrokers(), clientId: 'email-off-kafka', logLevel: logLevel.NOTHING }).consumer({ groupId: uniqueName('raw-reader') });
    try {
      const cast = newCast();
      for (const [, play] of seedStory) await play({ anonymous: new HttpClient(platform.baseUrl), outboxDataDir: dataDir.path }, cast);

      const seen: RawMessage[] = [];
      const prefix = profile.env.KAFKA_TOPIC_PREFIX;
      await consumer.connect();
      await consumer.subscribe({ topics: [`${prefix}${Topics.identity}`, `${prefix}${Topics.access}`], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ topic, message }) => {
          const value = message.value!.toString();
          seen.push({ topic: topic.slice(prefix.length), key: message.key!.toString(), type: JSON.parse(value).type, value });
        },
      });
      // Five accounts (owner, colleague, three provisioned), and access-grant's last step of the story.
      await eventually(() => expect(seen.filter((message) => message.type === 'AccountRegistered')).toHaveLength(5), 20_000);
      await eventually(() => expect(seen.filter((message) => message.type === 'ColleagueJoined')).toHaveLength(1), 20_000);

      expect(seen.filter((message) => message.topic === Topics.access && message.type === 'DelegationGranted')).toHaveLength(3);
      const withAnAddress = seen.filter((message) => EMAIL_ADDRESS.test(message.key) || EMAIL_ADDRESS.test(message.value));
      expect(withAnAddress.map((message) => message.value)).toEqual([]);
      // Nor any part of one: the provisioned accounts are named after their addresses' local parts.
      const delegationGranted = seen.filter((message) => message.type === 'DelegationGranted').map((message) => message.value);
      expect(delegationGranted.filter((value) => /secretariat|locum|compta|example\.fr/.test(value))).toEqual([]);

      const store = new SqliteEventStore(join(dataDir.path, 'identity.events.sqlite'));
      try {
        const streamIds = [...new Set((await store.readAll()).map((event) => event.streamId))];
        expect(streamIds.filter((streamId) => streamId.startsWith('email-'))).toHaveLength(5);
        expect(streamIds.filter((streamId) => streamId.includes('@') || EMAIL_ADDRESS.test(streamId))).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await consumer.disconnect();
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 180_000);
});
