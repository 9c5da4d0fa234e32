import { Kafka, logLevel } from 'kafkajs';
import { describeEventBusContract } from '../event-bus.contract';
import type { IncomingMessage } from '../event-bus';
import { freshTopicPrefix, kafkaBrokersFromEnvironment, kafkaTestBus } from '../test-support/kafka-test-bus';
import type { PoisonMessage } from './kafka-event-bus';

const topicPrefix = freshTopicPrefix();

describeEventBusContract('KafkaEventBus', async () => kafkaTestBus({ clientId: 'event-bus-contract', topicPrefix }));

describe('KafkaEventBus', () => {
  it('given a value that is not an envelope, then the poison hook gets it (again if it failed) and the partition moves on', async () => {
    const setAside: PoisonMessage[] = [];
    let hookFailuresLeft = 1;
    const bus = kafkaTestBus({
      clientId: 'poison-messages',
      topicPrefix,
      onPoisonMessage: async (poison) => {
        setAside.push(poison);
        if (hookFailuresLeft-- > 0) throw new Error('dead-letter topic unavailable');
      },
    });
    const foreignProducer = new Kafka({ brokers: kafkaBrokersFromEnvironment(), logLevel: logLevel.NOTHING }).producer();
    try {
      const received: IncomingMessage[] = [];
      await bus.subscribe({ groupId: 'poison', topics: ['poisoned'], handle: async (message) => void received.push(message) });
      await foreignProducer.connect();
      await foreignProducer.send({ topic: `${topicPrefix}poisoned`, messages: [{ key: 'practice-1', value: 'not json {' }] });
      await bus.publish('poisoned', [
        {
          key: 'practice-1',
          envelope: {
            eventId: 'a7d1f3c2-4a8e-4a8b-9a53-2f7c1e9b0d11',
            type: 'PracticeOpened',
            version: 1,
            streamId: 'practice-1',
            revision: 0,
            occurredAt: '2025-01-01T09:00:00.000Z',
            actorId: null,
            correlationId: null,
            causationId: null,
            data: { name: 'Cabinet du Parc' },
          },
        },
      ]);

      await waitUntil(() => received.length === 1);
      expect(setAside).toHaveLength(2);
      expect(setAside[1]).toMatchObject({ topic: 'poisoned', key: 'practice-1', offset: setAside[0]?.offset });
      expect(setAside[1]?.value?.toString()).toBe('not json {');
      expect(setAside[1]?.reason).toMatch(/not JSON/);
      expect(received[0]?.envelope.type).toBe('PracticeOpened');
    } finally {
      await foreignProducer.disconnect();
      await bus.close();
    }
  });
});

async function waitUntil(done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
