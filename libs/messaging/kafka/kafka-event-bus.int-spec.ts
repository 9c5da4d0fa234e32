import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { type DeadLetter, UnknownEventVersionError } from '../dead-letters';
import { describeEventBusContract } from '../event-bus.contract';
import type { IncomingMessage, OutgoingMessage } from '../event-bus';
import { freshTopicPrefix, kafkaBrokersFromEnvironment, kafkaTestBus, readDeadLettersFromKafka } from '../test-support/kafka-test-bus';

const topicPrefix = freshTopicPrefix();

describeEventBusContract(
  'KafkaEventBus',
  async () => kafkaTestBus({ clientId: 'event-bus-contract', topicPrefix }),
  (_bus, topic, count) => readDeadLettersFromKafka(topicPrefix, topic, count),
);

describe('KafkaEventBus', () => {
  it('given a value that is not an envelope, then it lands on the dead-letter topic byte for byte with the reason, and the partition moves on', async () => {
    const observed: DeadLetter[] = [];
    const bus = kafkaTestBus({ clientId: 'poison-messages', topicPrefix, onDeadLettered: (deadLetter) => observed.push(deadLetter) });
    const foreignProducer = new Kafka({ brokers: kafkaBrokersFromEnvironment(), logLevel: logLevel.NOTHING }).producer();
    try {
      const received: IncomingMessage[] = [];
      await bus.subscribe({ groupId: 'poison', topics: ['poisoned'], handle: async (message) => void received.push(message) });
      await foreignProducer.connect();
      const garbage = Buffer.from([0x6e, 0x6f, 0x74, 0x20, 0x6a, 0x73, 0x6f, 0x6e, 0x20, 0x7b, 0xff, 0x00]); // "not json {" and two bytes no UTF-8 text has
      await foreignProducer.send({ topic: `${topicPrefix}poisoned`, messages: [{ key: 'cabinet-1', value: garbage, headers: { 'x-origin': 'a foreign producer' } }] });
      await bus.publish('poisoned', [
        {
          key: 'cabinet-1',
          envelope: {
            eventId: 'a7d1f3c2-4a8e-4a8b-9a53-2f7c1e9b0d11',
            type: 'CabinetOpened',
            version: 1,
            streamId: 'cabinet-1',
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
      expect(received[0]?.envelope.type).toBe('CabinetOpened');
      const [deadLetter] = await readDeadLettersFromKafka(topicPrefix, 'poisoned', 1);
      expect(deadLetter).toMatchObject({
        source: { topic: 'poisoned', groupId: 'poison', offset: '0' },
        code: 'MESSAGING.MALFORMED_ENVELOPE',
        reason: expect.stringMatching(/^malformed envelope: not JSON/),
        key: 'cabinet-1',
        headers: { 'x-origin': 'a foreign producer' },
      });
      expect(deadLetter?.value?.equals(garbage)).toBe(true);
      // The observer (metrics) hears of it once the broker has it, and only once.
      expect(observed).toEqual([expect.objectContaining({ code: 'MESSAGING.MALFORMED_ENVELOPE', source: deadLetter?.source })]);
    } finally {
      await foreignProducer.disconnect();
      await bus.close();
    }
  });
});

describe('KafkaEventBus: a version one consumer group does not know', () => {
  it('is dead-lettered by that group alone, which goes on with the messages behind it, while a group that knows it applies everything', async () => {
    const bus = kafkaTestBus({ clientId: 'unknown-versions', topicPrefix });
    const envelope = (streamId: string, revision: number, version: number): OutgoingMessage => ({
      key: streamId,
      envelope: {
        eventId: randomUUID(),
        type: 'SomethingRecorded',
        version,
        streamId,
        revision,
        occurredAt: '2026-03-02T09:15:00.000Z',
        actorId: null,
        correlationId: null,
        causationId: null,
        data: {},
      },
    });
    const reader = (understood: readonly number[], received: IncomingMessage[]) => async (message: IncomingMessage) => {
      if (!understood.includes(message.envelope.version)) throw new UnknownEventVersionError(message.envelope, 'this reader', understood);
      received.push(message);
    };
    try {
      const older: IncomingMessage[] = [];
      const newer: IncomingMessage[] = [];
      await bus.subscribe({ groupId: 'older-reader', topics: ['versions'], handle: reader([1], older) });
      await bus.subscribe({ groupId: 'newer-reader', topics: ['versions'], handle: reader([1, 2], newer) });
      // The v2 is in the middle of its stream: what follows it on its partition must still come.
      const sent = [envelope('ledger-a', 0, 1), envelope('ledger-a', 1, 2), envelope('ledger-a', 2, 1), envelope('ledger-b', 0, 1)];
      await bus.publish('versions', sent);

      await waitUntil(() => older.length === 3 && newer.length === 4);
      const streamA = (messages: IncomingMessage[]) => messages.filter((message) => message.key === 'ledger-a').map((message) => message.envelope.revision);
      expect(streamA(older)).toEqual([0, 2]);
      expect(streamA(newer)).toEqual([0, 1, 2]);
      const deadLetters = await readDeadLettersFromKafka(topicPrefix, 'versions', 1);
      expect(deadLetters.map(({ source, code, key }) => ({ groupId: source.groupId, code, key }))).toEqual([
        { groupId: 'older-reader', code: 'MESSAGING.UNKNOWN_EVENT_VERSION', key: 'ledger-a' },
      ]);
      expect(deadLetters[0]?.value?.toString('utf8')).toBe(JSON.stringify(sent[1]?.envelope));
    } finally {
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
