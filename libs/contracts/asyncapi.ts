import { accessEventContracts } from './access';
import { accountingEventContracts } from './accounting';
import { identityEventContracts } from './identity';
import { planningEventContracts } from './planning';
import { recordsEventContracts } from './records';
import type { JsonSchema, PublicEventContract } from './json-schema';
import { Topics } from './topics';

/** Every event the platform publishes, by topic: the list the AsyncAPI document is made from. */
export const publicEventContracts: readonly PublicEventContract[] = [
  ...identityEventContracts,
  ...accessEventContracts,
  ...planningEventContracts,
  ...recordsEventContracts,
  ...accountingEventContracts,
];

const envelopeSchema = (contract: PublicEventContract): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: ['eventId', 'type', 'version', 'streamId', 'revision', 'occurredAt', 'actorId', 'correlationId', 'causationId', 'data'],
  properties: {
    eventId: { type: 'string', format: 'uuid' },
    type: { type: 'string', const: contract.type },
    version: { type: 'integer', const: contract.version },
    streamId: { type: 'string', description: 'The aggregate; also the message key, so order holds per stream.' },
    revision: { type: 'integer', minimum: 0 },
    occurredAt: { type: 'string', format: 'date-time' },
    actorId: { type: ['string', 'null'] },
    correlationId: { type: ['string', 'null'] },
    causationId: { type: ['string', 'null'] },
    data: contract.dataSchema,
  },
});

const topicDescriptions: Readonly<Record<string, string>> = {
  [Topics.identity]: 'Accounts: created by registration or provisioning, names chosen, password changes. Never a password or a hash.',
  [Topics.access]: 'Cabinets, colleagues and delegations: the source of truth for who may do what where.',
  [Topics.planning]: 'Appointments: booked, moved, cancelled. Ids and times: never the patient\'s name (since AppointmentBooked v2) nor the reason of the visit.',
  [Topics.records]: 'What the ledger needs from patient records (completed consultations, fee corrections, deletions) and which cabinet each patient belongs to (registrations and deletions, ids only). Never clinical content.',
  [Topics.accounting]: 'Every line accounting writes in a ledger (LedgerLineWritten: fees, retrocessions, counter-entries, manual lines; eventId stable per line), and the entries holders write by hand (ManualEntryRecorded).',
};

/** Where consumers set aside what they can never apply (libs/messaging/dead-letters.ts; the same names). */
const deadLetterTopicOf = (topic: string): string => `${topic}.dead-letters`;

const DEAD_LETTER_MESSAGE = 'DeadLetter';

const deadLetterMessage = {
  name: DEAD_LETTER_MESSAGE,
  title: 'A message a consumer group could never apply',
  summary:
    'The original message of the source topic, key and value byte for byte (usually an envelope, but possibly a value that is not one), with the original headers and the dead-letter-* headers saying why and where it came from. Replaying it to the source topic once the consumer is fixed applies it as it was.',
  contentType: 'application/octet-stream',
  headers: {
    type: 'object',
    required: [
      'dead-letter-code',
      'dead-letter-reason',
      'dead-letter-source-topic',
      'dead-letter-source-partition',
      'dead-letter-source-offset',
      'dead-letter-consumer-group',
      'dead-letter-at',
    ],
    properties: {
      'dead-letter-code': { type: 'string', description: 'Stable dotted code, e.g. MESSAGING.MALFORMED_ENVELOPE, MESSAGING.UNKNOWN_EVENT_VERSION.' },
      'dead-letter-reason': { type: 'string', description: 'What is wrong with the message, for a person.' },
      'dead-letter-source-topic': { type: 'string', description: 'The source topic, without the deployment\'s topic prefix.' },
      'dead-letter-source-partition': { type: 'string', pattern: '^[0-9]+$' },
      'dead-letter-source-offset': { type: 'string', pattern: '^[0-9]+$' },
      'dead-letter-consumer-group': { type: 'string', description: 'The consumer group that gave up on it, without the prefix.' },
      'dead-letter-at': { type: 'string', format: 'date-time' },
    },
  },
  payload: { description: 'The source message\'s value, unchanged.' },
};

/**
 * The AsyncAPI 3.0 document of the topics published so far, built from the contracts themselves
 * so it cannot drift from what the services send. Served by the gateway at /api/asyncapi.json.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const topics = [...new Set(publicEventContracts.map((contract) => contract.topic))];
  const messageName = (contract: PublicEventContract) => `${contract.type}V${contract.version}`;
  const messages = Object.fromEntries(
    publicEventContracts.map((contract) => [
      messageName(contract),
      {
        name: contract.type,
        title: `${contract.type} v${contract.version}`,
        summary: contract.description,
        contentType: 'application/json',
        headers: {
          type: 'object',
          properties: {
            'event-type': { type: 'string', const: contract.type },
            'event-version': { type: 'string', const: String(contract.version) },
            'event-id': { type: 'string' },
            'correlation-id': { type: 'string' },
            'causation-id': { type: 'string' },
          },
        },
        payload: envelopeSchema(contract),
      },
    ]),
  );
  const channels = Object.fromEntries(
    topics.map((topic) => [
      topic,
      {
        address: topic,
        description: topicDescriptions[topic] ?? topic,
        messages: Object.fromEntries(
          publicEventContracts.filter((contract) => contract.topic === topic).map((contract) => [messageName(contract), { $ref: `#/components/messages/${messageName(contract)}` }]),
        ),
        bindings: { kafka: { partitions: 3, bindingVersion: '0.5.0' } },
      },
    ]),
  );
  const deadLetterChannels = Object.fromEntries(
    topics.map((topic) => [
      deadLetterTopicOf(topic),
      {
        address: deadLetterTopicOf(topic),
        description: `Messages of ${topic} that a consumer group could never apply (not an envelope, an unknown version, a broken contract), set aside so that the group goes on.`,
        messages: { [DEAD_LETTER_MESSAGE]: { $ref: `#/components/messages/${DEAD_LETTER_MESSAGE}` } },
        bindings: { kafka: { partitions: 3, bindingVersion: '0.5.0' } },
      },
    ]),
  );
  const operations = Object.fromEntries(
    topics.flatMap((topic) => [
      [
        `publish-${topic}`,
        {
          action: 'send',
          channel: { $ref: `#/channels/${topic}` },
          summary: `Published by the ${topic.split('.')[0]} service; key = streamId, delivery at least once (consumers dedupe on eventId).`,
        },
      ],
      [
        `dead-letter-${topic}`,
        {
          action: 'send',
          channel: { $ref: `#/channels/${deadLetterTopicOf(topic)}` },
          summary: `Sent by any consumer group of ${topic}, keyed like the source message; alert on any message here.`,
        },
      ],
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Osteo platform events',
      version: '1.0.0',
      description: 'Public integration events on Kafka. Each message is a JSON envelope; `data` follows the schema of its type and version.',
    },
    defaultContentType: 'application/json',
    channels: { ...channels, ...deadLetterChannels },
    operations,
    components: { messages: { ...messages, [DEAD_LETTER_MESSAGE]: deadLetterMessage } },
  };
}
