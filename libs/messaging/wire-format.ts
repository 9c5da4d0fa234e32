/**
 * How a message travels: the envelope as JSON, and headers that repeat what infrastructure
 * (log correlation, routing, dead letters) needs without parsing the value.
 * Both adapters use it, so the in-process bus delivers exactly what Kafka would.
 */
import { type IntegrationEnvelope, currentEventType } from '@osteo/contracts';
import { UnprocessableMessageError } from './dead-letters';
import type { OutgoingMessage } from './event-bus';

export const MessageHeaders = {
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  eventType: 'event-type',
  eventId: 'event-id',
  eventVersion: 'event-version',
} as const;

/** Caller headers first: the envelope's own facts win, so a header can never contradict the value. */
export function headersFor(message: OutgoingMessage): Record<string, string> {
  const { envelope } = message;
  const headers: Record<string, string> = {
    ...message.headers,
    [MessageHeaders.eventType]: envelope.type,
    [MessageHeaders.eventId]: envelope.eventId,
    [MessageHeaders.eventVersion]: String(envelope.version),
  };
  if (envelope.correlationId !== null) headers[MessageHeaders.correlationId] = envelope.correlationId;
  if (envelope.causationId !== null) headers[MessageHeaders.causationId] = envelope.causationId;
  return headers;
}

export function encodeEnvelope(envelope: IntegrationEnvelope): string {
  return JSON.stringify(envelope);
}

/** The value is not an envelope: no handler can ever succeed on it, so it is dead-lettered. */
export class MalformedEnvelopeError extends UnprocessableMessageError {
  constructor(problem: string) {
    super('MESSAGING.MALFORMED_ENVELOPE', `malformed envelope: ${problem}`);
    this.name = 'MalformedEnvelopeError';
  }
}

/** Parses and checks the shape, so handlers can trust every field's type. */
export function decodeEnvelope(text: string): IntegrationEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedEnvelopeError(`not JSON (${(error as Error).message})`);
  }
  if (!isRecord(value)) throw new MalformedEnvelopeError('not a JSON object');

  const problems = [
    ...['eventId', 'type', 'streamId', 'occurredAt'].filter((field) => typeof value[field] !== 'string'),
    ...['version', 'revision'].filter((field) => !Number.isInteger(value[field])),
    ...['actorId', 'correlationId', 'causationId'].filter(
      (field) => value[field] !== null && typeof value[field] !== 'string',
    ),
    ...(isRecord(value.data) ? [] : ['data']),
  ];
  if (problems.length > 0) throw new MalformedEnvelopeError(`missing or mistyped ${problems.join(', ')}`);
  return { ...value, type: currentEventType(value.type as string) } as unknown as IntegrationEnvelope;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
