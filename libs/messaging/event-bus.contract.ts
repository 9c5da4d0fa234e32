/**
 * The one contract every EventBus adapter passes (ARCHITECTURE.md, "Ports and their adapters").
 * Each test uses topics and groups of its own, so a slow adapter's leftovers never leak into
 * the next test.
 */
import { randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '@osteo/contracts';
import { type DeadLetter, UnknownEventVersionError } from './dead-letters';
import type { EventBus, IncomingMessage, OutgoingMessage } from './event-bus';
import { encodeEnvelope, MessageHeaders } from './wire-format';

const DELIVERY_TIMEOUT_MS = 20_000;

/**
 * Reads what the bus set aside for `topic`, waiting until there are `count` dead letters: each
 * adapter keeps them where its operators would look (Kafka: the dead-letter topic).
 */
export type DeadLetterReader<B extends EventBus> = (bus: B, topic: string, count: number) => Promise<DeadLetter[]>;

export function describeEventBusContract<B extends EventBus>(name: string, open: () => Promise<B>, readDeadLetters: DeadLetterReader<B>): void {
  describe(`EventBus contract: ${name}`, () => {
    let testNumber = 0;
    const uniqueName = (label: string): string => `${label}-${testNumber}`;

    /**
     * Opens and closes the bus inside the test body rather than in hooks: Jest 30 forbids a
     * `require` between a test and its hooks, and kafkajs loads protocol modules lazily from
     * background work (heartbeats, commits) that would otherwise still be running then.
     */
    const itWithBus = (title: string, body: (bus: B) => Promise<void>): void =>
      it(title, async () => {
        testNumber += 1;
        const bus = await open();
        try {
          await body(bus);
        } finally {
          await bus.close();
        }
      });

    itWithBus('delivers a published message to a subscribed group, key and envelope intact', async (bus) => {
      const topic = uniqueName('delivery');
      const inbox = new Inbox();
      await bus.subscribe({ groupId: uniqueName('group'), topics: [topic], handle: inbox.handle });

      const sent = messageFor('cabinet-1', 0);
      await bus.publish(topic, [sent]);

      const [received] = await inbox.waitFor(1);
      expect(received).toMatchObject({ topic, key: 'cabinet-1', envelope: sent.envelope });
    });

    itWithBus('starts a new group at the beginning of the topic', async (bus) => {
      const topic = uniqueName('history');
      await bus.publish(topic, [messageFor('cabinet-1', 0), messageFor('cabinet-1', 1)]);

      const inbox = new Inbox();
      await bus.subscribe({ groupId: uniqueName('late-group'), topics: [topic], handle: inbox.handle });

      expect(revisionsOf(await inbox.waitFor(2))).toEqual([0, 1]);
    });

    itWithBus('keeps the order of messages that share a key', async (bus) => {
      const topic = uniqueName('ordering');
      const keys = ['stream-a', 'stream-b', 'stream-c'];
      const perKey = 50;
      const inbox = new Inbox();
      await bus.subscribe({ groupId: uniqueName('group'), topics: [topic], handle: inbox.handle });

      const interleaved = range(perKey).flatMap((revision) => keys.map((key) => messageFor(key, revision)));
      for (let start = 0; start < interleaved.length; start += 10) {
        await bus.publish(topic, interleaved.slice(start, start + 10));
      }

      const received = await inbox.waitFor(keys.length * perKey);
      for (const key of keys) {
        expect(revisionsOf(received.filter((message) => message.key === key))).toEqual(range(perKey));
      }
    });

    itWithBus('redelivers a failed message before any later message of its key', async (bus) => {
      const topic = uniqueName('failing-handler');
      const attempts: number[] = [];
      let failuresLeft = 2;
      const inbox = new Inbox();
      await bus.subscribe({
        groupId: uniqueName('group'),
        topics: [topic],
        handle: async (message) => {
          attempts.push(message.envelope.revision);
          if (message.envelope.revision === 1 && failuresLeft-- > 0) throw new Error('projection store unavailable');
          await inbox.handle(message);
        },
      });

      await bus.publish(topic, range(3).map((revision) => messageFor('stream-a', revision)));

      expect(revisionsOf(await inbox.waitFor(3))).toEqual([0, 1, 2]);
      expect(attempts).toEqual([0, 1, 1, 1, 2]);
    });

    itWithBus('redelivers to the next consumer of the group a message its consumer died handling', async (bus) => {
      const topic = uniqueName('consumer-dies');
      const groupId = uniqueName('group');
      const handledByFirst: number[] = [];
      let reportStuck: () => void = () => undefined;
      const stuckOnRevision2 = new Promise<void>((resolve) => (reportStuck = resolve));
      const first = await bus.subscribe({
        groupId,
        topics: [topic],
        handle: async (message) => {
          handledByFirst.push(message.envelope.revision);
          if (message.envelope.revision === 2) {
            reportStuck();
            await new Promise<never>(() => undefined); // hangs: the consumer dies before acknowledging
          }
        },
      });
      await bus.publish(topic, range(5).map((revision) => messageFor('stream-a', revision)));
      await stuckOnRevision2;
      await first.close();

      const inbox = new Inbox();
      await bus.subscribe({ groupId, topics: [topic], handle: inbox.handle });
      const redelivered = revisionsOf(await inbox.waitUntil((messages) => messages.at(-1)?.envelope.revision === 4));

      expect(handledByFirst).toEqual([0, 1, 2]);
      // At least once: the successor resumes at or before the unacknowledged message, in order.
      expect(redelivered[0]).toBeLessThanOrEqual(2);
      expect(redelivered).toEqual(range(5).slice(redelivered[0]));
    });

    itWithBus('sets a message its handler can never apply aside with the reason, without retrying it, and goes on', async (bus) => {
      const topic = uniqueName('unprocessable');
      const groupId = uniqueName('group');
      const attempts: number[] = [];
      const inbox = new Inbox();
      await bus.subscribe({
        groupId,
        topics: [topic],
        handle: async (message) => {
          attempts.push(message.envelope.revision);
          if (message.envelope.version !== 1) throw new UnknownEventVersionError(message.envelope, 'the contract suite', [1]);
          await inbox.handle(message);
        },
      });

      const sent = [messageFor('stream-a', 0), messageFor('stream-a', 1, { version: 99 }), messageFor('stream-a', 2)];
      await bus.publish(topic, sent);

      expect(revisionsOf(await inbox.waitFor(2))).toEqual([0, 2]);
      expect(attempts).toEqual([0, 1, 2]);
      const [deadLetter, ...others] = await readDeadLetters(bus, topic, 1);
      expect(others).toEqual([]);
      expect(deadLetter).toMatchObject({
        source: { topic, groupId, partition: expect.any(Number), offset: '1' },
        code: 'MESSAGING.UNKNOWN_EVENT_VERSION',
        reason: expect.stringContaining('has version 99; the contract suite understands version 1'),
        key: 'stream-a',
        headers: { [MessageHeaders.eventId]: sent[1]?.envelope.eventId, [MessageHeaders.eventVersion]: '99' },
      });
      expect(Date.parse(deadLetter?.deadLetteredAt ?? '')).not.toBeNaN();
      // Byte for byte what was published, so that it can be replayed as it was.
      expect(deadLetter?.value?.toString('utf8')).toBe(encodeEnvelope(sent[1]!.envelope));
    });

    itWithBus('hands a batch handler runs of one topic and partition, each message once and in order per key', async (bus) => {
      const topic = uniqueName('batches');
      const keys = ['stream-a', 'stream-b', 'stream-c'];
      const perKey = 40;
      const runs: IncomingMessage[][] = [];
      const inbox = new Inbox();
      // Published before the group exists, so that a backlog awaits it: what batches are for.
      const sent = range(perKey).flatMap((revision) => keys.map((key) => messageFor(key, revision)));
      await bus.publish(topic, sent);
      await bus.subscribe({
        groupId: uniqueName('group'),
        topics: [topic],
        handle: inbox.handle,
        handleBatch: async (messages) => {
          runs.push([...messages]);
          for (const message of messages) await inbox.handle(message);
        },
      });

      const received = await inbox.waitFor(sent.length);
      expect(eventIdsOf(received)).toEqual(sent.map((message) => message.envelope.eventId).sort());
      for (const key of keys) {
        expect(revisionsOf(received.filter((message) => message.key === key))).toEqual(range(perKey));
      }
      for (const run of runs) {
        expect(new Set(run.map((message) => `${message.topic}/${message.partition}`)).size).toBe(1);
      }
      expect(Math.max(...runs.map((run) => run.length))).toBeGreaterThan(1);
    });

    itWithBus('redelivers to the next consumer of the group a run its consumer died handling', async (bus) => {
      const topic = uniqueName('batch-consumer-dies');
      const groupId = uniqueName('group');
      await bus.publish(topic, range(5).map((revision) => messageFor('stream-a', revision)));
      let reportStuck: () => void = () => undefined;
      const stuck = new Promise<void>((resolve) => (reportStuck = resolve));
      const hang = async (): Promise<void> => {
        reportStuck();
        await new Promise<never>(() => undefined); // the consumer dies before acknowledging
      };
      const first = await bus.subscribe({ groupId, topics: [topic], handle: hang, handleBatch: hang });
      await stuck;
      await first.close();

      const inbox = new Inbox();
      await bus.subscribe({ groupId, topics: [topic], handle: inbox.handle });

      expect(revisionsOf(await inbox.waitFor(5))).toEqual(range(5));
    });

    itWithBus('hands the messages of a run its batch handler rejected to the one-by-one handler, dead letters included', async (bus) => {
      const topic = uniqueName('batch-rejected');
      const groupId = uniqueName('group');
      const inbox = new Inbox();
      const sent = [messageFor('stream-a', 0), messageFor('stream-a', 1, { version: 99 }), messageFor('stream-a', 2)];
      await bus.publish(topic, sent);
      await bus.subscribe({
        groupId,
        topics: [topic],
        handle: async (message) => {
          if (message.envelope.version !== 1) throw new UnknownEventVersionError(message.envelope, 'the contract suite', [1]);
          await inbox.handle(message);
        },
        handleBatch: async () => {
          throw new Error('this run needs the one-by-one path');
        },
      });

      expect(revisionsOf(await inbox.waitFor(2))).toEqual([0, 2]);
      const deadLetters = await readDeadLetters(bus, topic, 1);
      expect(deadLetters.map((deadLetter) => deadLetter.source.offset)).toEqual(['1']);
    });

    itWithBus('delivers everything to each of two groups', async (bus) => {
      const topic = uniqueName('fan-out');
      const billing = new Inbox();
      const access = new Inbox();
      await bus.subscribe({ groupId: uniqueName('billing'), topics: [topic], handle: billing.handle });
      await bus.subscribe({ groupId: uniqueName('access'), topics: [topic], handle: access.handle });

      const sent = range(20).map((index) => messageFor(`stream-${index % 4}`, Math.floor(index / 4)));
      await bus.publish(topic, sent);

      const sentIds = sent.map((message) => message.envelope.eventId).sort();
      expect(eventIdsOf(await billing.waitFor(sent.length))).toEqual(sentIds);
      expect(eventIdsOf(await access.waitFor(sent.length))).toEqual(sentIds);
    });

    itWithBus('carries the correlation id in the headers and in the envelope', async (bus) => {
      const topic = uniqueName('correlation');
      const inbox = new Inbox();
      await bus.subscribe({ groupId: uniqueName('group'), topics: [topic], handle: inbox.handle });

      const sent = messageFor('cabinet-1', 0, { correlationId: 'request-42', causationId: 'command-7' });
      await bus.publish(topic, [{ ...sent, headers: { 'x-cabinet-id': 'cabinet-1' } }]);

      const [received] = await inbox.waitFor(1);
      expect(received?.envelope.correlationId).toBe('request-42');
      expect(received?.headers).toMatchObject({
        [MessageHeaders.correlationId]: 'request-42',
        [MessageHeaders.causationId]: 'command-7',
        [MessageHeaders.eventType]: sent.envelope.type,
        [MessageHeaders.eventId]: sent.envelope.eventId,
        [MessageHeaders.eventVersion]: '1',
        'x-cabinet-id': 'cabinet-1',
      });
    });
  });
}

function messageFor(
  streamId: string,
  revision: number,
  overrides: Partial<IntegrationEnvelope> = {},
): OutgoingMessage {
  return {
    key: streamId,
    envelope: {
      eventId: randomUUID(),
      type: 'ContractChecked',
      version: 1,
      streamId,
      revision,
      occurredAt: new Date(Date.UTC(2025, 0, 1, 9, revision)).toISOString(),
      actorId: 'osteopath-1',
      correlationId: null,
      causationId: null,
      data: { streamId, revision },
      ...overrides,
    },
  };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

function revisionsOf(messages: readonly IncomingMessage[]): number[] {
  return messages.map((message) => message.envelope.revision);
}

function eventIdsOf(messages: readonly IncomingMessage[]): string[] {
  return messages.map((message) => message.envelope.eventId).sort();
}

/** Collects what a handler receives; tests wait on it instead of sleeping. */
class Inbox {
  readonly messages: IncomingMessage[] = [];
  private readonly listeners = new Set<() => void>();

  readonly handle = async (message: IncomingMessage): Promise<void> => {
    this.messages.push(message);
    for (const listener of this.listeners) listener();
  };

  waitFor(count: number): Promise<IncomingMessage[]> {
    return this.waitUntil((messages) => messages.length >= count, `${count} messages`);
  }

  waitUntil(
    done: (messages: readonly IncomingMessage[]) => boolean,
    description = 'the expected messages',
  ): Promise<IncomingMessage[]> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!done(this.messages)) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve([...this.messages]);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`Waited ${DELIVERY_TIMEOUT_MS} ms for ${description}; got ${this.messages.length}`));
      }, DELIVERY_TIMEOUT_MS);
      this.listeners.add(check);
      check();
    });
  }
}
