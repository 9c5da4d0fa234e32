import { Kafka, logLevel } from 'kafkajs';
import { MongoReadStore } from '@osteo/read-store';
import { kafkaBrokers, mongoUrl, uniqueName } from '@osteo/testing';

/**
 * The environment that runs the platform over the real Kafka and FerretDB of the test run, with
 * a topic prefix and database prefix of its own, and the clean-up that removes them afterwards.
 */
export function kafkaProfile(dataDir: string): { env: Record<string, string>; cleanUp(): Promise<void> } {
  const topicPrefix = `${uniqueName('kp')}.`;
  const databasePrefix = `${uniqueName('kp').replace(/-/g, '_')}_`;
  const env = {
    DATA_DIR: dataDir,
    EVENT_BUS: 'kafka',
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    READ_STORE: 'mongodb',
    MONGO_URL: mongoUrl(),
    MONGO_DATABASE_PREFIX: databasePrefix,
  };
  return {
    env,
    async cleanUp() {
      const admin = new Kafka({ brokers: kafkaBrokers(), clientId: 'test-clean-up', logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(topicPrefix));
        if (topics.length) await admin.deleteTopics({ topics });
      } finally {
        await admin.disconnect();
      }
      for (const service of ['identity', 'access_grant', 'planning', 'patient_records', 'accounting']) {
        const store = await MongoReadStore.connect(mongoUrl(), `${databasePrefix}${service}`);
        await store.dropAll();
        await store.close();
      }
    },
  };
}
