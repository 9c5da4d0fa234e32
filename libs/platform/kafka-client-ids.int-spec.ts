/**
 * The client id each process gives Kafka, as the brokers (and the operators' console) see it:
 * the configuration of two services builds their buses as PlatformModule does, and the consumer
 * groups they join show who is who. Everything inside the test body (kafkajs loads protocol
 * modules lazily, which Jest 30 refuses between a test and its hooks).
 */
import { Kafka, logLevel } from 'kafkajs';
import { freshTopicPrefix, kafkaBrokersFromEnvironment, kafkaTestBus } from '../messaging/test-support/kafka-test-bus';
import { loadPlatformConfig } from './platform-config';

const topicPrefix = freshTopicPrefix();
const noop = async (): Promise<void> => undefined;

describe('Kafka client ids', () => {
  it('names each service to the brokers by its own client id, which the consumer groups show', async () => {
    const env = { EVENT_BUS: 'kafka', KAFKA_BROKERS: kafkaBrokersFromEnvironment().join(','), KAFKA_TOPIC_PREFIX: topicPrefix, JWT_SECRET: 'j'.repeat(32), EMAIL_DIGEST_KEY: 'e'.repeat(32) };
    const clientIdOf = (service: string): string => {
      const { eventBus } = loadPlatformConfig(env, service);
      if (eventBus.kind !== 'kafka') throw new Error('a Kafka bus was configured');
      return eventBus.clientId;
    };
    const accounting = kafkaTestBus({ clientId: clientIdOf('accounting'), topicPrefix });
    const planning = kafkaTestBus({ clientId: clientIdOf('planning'), topicPrefix });
    try {
      await accounting.subscribe({ groupId: 'accounting.ledger', topics: ['named.events'], handle: noop });
      await planning.subscribe({ groupId: 'planning.read-models', topics: ['named.events'], handle: noop });

      const admin = new Kafka({ brokers: kafkaBrokersFromEnvironment(), clientId: 'client-ids-int-spec', logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const { groups } = await admin.describeGroups([`${topicPrefix}accounting.ledger`, `${topicPrefix}planning.read-models`]).finally(() => admin.disconnect());
      const members = Object.fromEntries(groups.map((group) => [group.groupId.slice(topicPrefix.length), group.members.map((member) => member.clientId)]));
      expect(members).toEqual({
        'accounting.ledger': [expect.stringMatching(new RegExp(`^osteo-accounting-[A-Za-z0-9._-]+-${process.pid}$`))],
        'planning.read-models': [expect.stringMatching(new RegExp(`^osteo-planning-[A-Za-z0-9._-]+-${process.pid}$`))],
      });
    } finally {
      await accounting.close();
      await planning.close();
    }
  });
});
