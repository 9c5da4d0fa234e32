import { type DeadLetter, UnprocessableMessageError } from '../dead-letters';
import type { OutgoingMessage } from '../event-bus';
import { describeEventBusContract } from '../event-bus.contract';
import { InProcessEventBus } from './in-process-event-bus';

describeEventBusContract(
  'InProcessEventBus',
  async () => new InProcessEventBus({ handlerRetry: { initialDelayMs: 5, maxDelayMs: 50 } }),
  async (bus, topic) => bus.deadLetters(topic),
);

describe('InProcessEventBus', () => {
  it('given a handler that can never apply a message, then its observer hears of the dead letter once, and the next message is delivered', async () => {
    const observed: DeadLetter[] = [];
    const bus = new InProcessEventBus({ onDeadLettered: (deadLetter) => observed.push(deadLetter), logger: { log: () => undefined } });
    const delivered: string[] = [];
    let lastDelivered: () => void = () => undefined;
    const allDelivered = new Promise<void>((resolve) => (lastDelivered = resolve));
    await bus.subscribe({
      groupId: 'ledger',
      topics: ['records.events'],
      handle: async ({ envelope }) => {
        if (envelope.type === 'Unreadable') throw new UnprocessableMessageError('TEST.UNREADABLE', 'the contract is broken');
        delivered.push(envelope.eventId);
        if (envelope.eventId === 'evt-2') lastDelivered();
      },
    });

    await bus.publish('records.events', [messageOf('evt-1', 'Unreadable'), messageOf('evt-2', 'Readable')]);

    await allDelivered;
    expect(delivered).toEqual(['evt-2']);
    expect(observed).toEqual([expect.objectContaining({ code: 'TEST.UNREADABLE', reason: 'the contract is broken', source: { topic: 'records.events', partition: 0, offset: '0', groupId: 'ledger' } })]);
    expect(bus.deadLetters('records.events')).toEqual(observed);
    await bus.close();
  });

  it('given a batch handler and two topics published in turn, then its runs never take a message ahead of an earlier one of the other topic', async () => {
    const bus = new InProcessEventBus({ logger: { log: () => undefined } });
    const runs: string[][] = [];
    await bus.publish('records.events', [messageOf('r-1', 'Fact'), messageOf('r-2', 'Fact')]);
    await bus.publish('accounting.events', [messageOf('a-1', 'Fact')]);
    await bus.publish('records.events', [messageOf('r-3', 'Fact')]);
    let lastDelivered: () => void = () => undefined;
    const allDelivered = new Promise<void>((resolve) => (lastDelivered = resolve));
    const delivered: string[] = [];
    const note = (eventIds: string[]) => {
      runs.push(eventIds);
      delivered.push(...eventIds);
      if (delivered.length === 4) lastDelivered();
    };
    await bus.subscribe({
      groupId: 'ledger',
      topics: ['records.events', 'accounting.events'],
      handle: async ({ envelope }) => note([envelope.eventId]),
      handleBatch: async (messages) => note(messages.map(({ envelope }) => envelope.eventId)),
    });

    await allDelivered;
    expect(runs).toEqual([['r-1', 'r-2'], ['a-1'], ['r-3']]);
    await bus.close();
  });
});

function messageOf(eventId: string, type: string): OutgoingMessage {
  return {
    key: 'stream-1',
    envelope: { eventId, type, version: 1, streamId: 'stream-1', revision: 0, occurredAt: '2025-01-01T09:00:00.000Z', actorId: null, correlationId: null, causationId: null, data: {} },
  };
}
