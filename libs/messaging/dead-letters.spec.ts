import { asyncApiDocument, Topics } from '@osteo/contracts';
import { type DeadLetter, deadLetterHeaders, DeadLetterHeaders, deadLetterTopicOf, readDeadLetter } from './dead-letters';

const deadLetter: DeadLetter = {
  source: { topic: 'records.events', partition: 2, offset: '1041', groupId: 'accounting.ledger' },
  code: 'MESSAGING.UNKNOWN_EVENT_VERSION',
  reason: 'ConsultationCompleted evt-1 has version 99; accounting understands version 1',
  deadLetteredAt: '2026-03-02T09:15:00.000Z',
  key: 'consultation-c-1',
  value: Buffer.from('{"type":"ConsultationCompleted","version":99}'),
  headers: { 'event-type': 'ConsultationCompleted', 'event-version': '99' },
};

describe('dead letters', () => {
  it('given a dead letter, when its headers are written and read back, then it is the same, original headers apart from ours', () => {
    const headers = deadLetterHeaders(deadLetter);

    expect(headers).toMatchObject({
      'event-type': 'ConsultationCompleted',
      'dead-letter-code': 'MESSAGING.UNKNOWN_EVENT_VERSION',
      'dead-letter-source-topic': 'records.events',
      'dead-letter-source-partition': '2',
      'dead-letter-source-offset': '1041',
      'dead-letter-consumer-group': 'accounting.ledger',
    });
    expect(readDeadLetter({ key: deadLetter.key, value: deadLetter.value, headers })).toEqual(deadLetter);
  });

  it('given original headers that pose as ours, then ours win', () => {
    const forged = { ...deadLetter, headers: { ...deadLetter.headers, 'dead-letter-code': 'FORGED' } };

    expect(deadLetterHeaders(forged)['dead-letter-code']).toBe('MESSAGING.UNKNOWN_EVENT_VERSION');
  });

  it('given a record without the dead-letter headers, then reading it says which one is missing', () => {
    expect(() => readDeadLetter({ key: null, value: null, headers: { 'event-type': 'ConsultationCompleted' } })).toThrow(/dead-letter-source-topic header is missing/);
  });

  it('the AsyncAPI document lists the dead-letter topic of every topic, with every header the bus writes', () => {
    const document = asyncApiDocument() as {
      channels: Record<string, unknown>;
      components: { messages: Record<string, { headers: { required: string[] } }> };
    };

    for (const topic of Object.values(Topics)) expect(document.channels).toHaveProperty([deadLetterTopicOf(topic)]);
    expect([...document.components.messages.DeadLetter!.headers.required].sort()).toEqual(Object.values(DeadLetterHeaders).sort());
  });
});
