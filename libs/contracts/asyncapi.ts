import { accessEventContracts } from './access';
import { accountingEventContracts } from './accounting';
import { identityEventContracts } from './identity';
import { planningEventContracts } from './planning';
import { recordsEventContracts } from './records';
import type { JsonSchema, PublicEventContract } from './json-schema';
import { DEAD_LETTER_TOPIC_SUFFIX, deadLetterTopicConfig, DEFAULT_DEAD_LETTER_RETENTION_DAYS, DEFAULT_TOPIC_PARTITIONS, EVENT_TOPIC_CONFIG, type RequiredTopicConfig } from './topic-configuration';
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

/** The key of each topic's messages: the envelope's streamId, so that one stream's events keep their order. */
const topicKeys: Readonly<Record<string, { readonly description: string; readonly examples: readonly string[] }>> = {
  [Topics.identity]: { description: 'account-<accountId>, or session-<sessionId> for SessionEnded', examples: ['account-7f0c2a52-5b9d-4e0e-9c55-1f1d2b8f6a10'] },
  [Topics.access]: { description: 'practice-<cabinetId> or delegation-<delegationId>', examples: ['practice-3c1e7d4a-2f6b-4a8e-b0a1-6d2f9e8c7b51'] },
  [Topics.planning]: { description: 'appointment-<appointmentId>', examples: ['appointment-5a9b1c3d-7e2f-4a6b-8c0d-1e2f3a4b5c6d'] },
  [Topics.records]: { description: 'consultation-<consultationId> or patient-<patientId>', examples: ['consultation-9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'] },
  [Topics.accounting]: { description: 'ledger-<holderId>: one holder\'s lines, in the order they were written', examples: ['ledger-7f0c2a52-5b9d-4e0e-9c55-1f1d2b8f6a10'] },
};

const BINDING_VERSION = '0.5.0';

/** Where consumers set aside what they can never apply (libs/messaging/dead-letters.ts; the same names). */
const deadLetterTopicOf = (topic: string): string => `${topic}${DEAD_LETTER_TOPIC_SUFFIX}`;

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
  bindings: {
    kafka: {
      key: { type: 'string', description: 'The source message\'s key, unchanged (absent when it had none), so one stream\'s dead letters keep their order.' },
      bindingVersion: BINDING_VERSION,
    },
  },
};

/** The headers the producer adds to every event (libs/messaging/wire-format.ts, `headersFor`): the envelope's facts, repeated. */
const eventHeaders = (contract: PublicEventContract): JsonSchema => ({
  type: 'object',
  required: ['event-type', 'event-id', 'event-version'],
  properties: {
    'event-type': { type: 'string', const: contract.type, description: 'The envelope\'s type.' },
    'event-id': { type: 'string', format: 'uuid', description: 'The envelope\'s eventId: consumers dedupe on it (delivery is at least once).' },
    'event-version': { type: 'string', const: String(contract.version), description: 'The envelope\'s version, as a string.' },
    'correlation-id': { type: 'string', description: 'The id of the HTTP request that caused the event; absent when there is none.' },
    'causation-id': { type: 'string', description: 'The id of the event a consumer reacted to, for events written by a reaction; absent otherwise.' },
  },
});

/** The Kafka channel binding: what the platform creates the topic with and checks at every start (libs/messaging/kafka/kafka-topics.ts). */
const topicBinding = (topic: string, config: RequiredTopicConfig) => ({
  kafka: {
    topic,
    partitions: DEFAULT_TOPIC_PARTITIONS,
    topicConfiguration: {
      'cleanup.policy': [config['cleanup.policy']],
      'retention.ms': Number(config['retention.ms']),
      'retention.bytes': Number(config['retention.bytes']),
    },
    bindingVersion: BINDING_VERSION,
  },
});

/**
 * The brokers a consumer can reach, as the repository runs them. A deployment's own brokers are
 * its KAFKA_BROKERS; the document, generated and committed, states no deployment's.
 */
const servers = {
  local: {
    host: '127.0.0.1:39092',
    protocol: 'kafka',
    protocolVersion: '3.9',
    description: 'The single-node broker of deploy/local/kafka.sh (npm run start:distributed, the test suites), on loopback; KAFKA_PORT changes the port.',
  },
  compose: {
    host: 'kafka:9092',
    protocol: 'kafka',
    protocolVersion: '3.9',
    description: 'The broker of docker-compose.yml, on the stack\'s network (the services reach it as kafka:9092; nothing publishes it on the host: Kafka UI at http://127.0.0.1:8080 shows its topics).',
  },
};

/**
 * The AsyncAPI 3.0 document of the topics published so far, built from the contracts themselves
 * so it cannot drift from what the services send. Served by the gateway at /api/v1/asyncapi.json
 * and committed as docs/asyncapi.json (`npm run generate:asyncapi`; a test compares them).
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
        headers: eventHeaders(contract),
        payload: envelopeSchema(contract),
        bindings: {
          kafka: {
            key: {
              type: 'string',
              description: `The envelope's streamId: ${topicKeys[contract.topic]?.description ?? 'the aggregate'}. All events of one stream share a partition, so their order holds.`,
              examples: [...(topicKeys[contract.topic]?.examples ?? [])],
            },
            bindingVersion: BINDING_VERSION,
          },
        },
      },
    ]),
  );
  const channels = Object.fromEntries(
    topics.map((topic) => [
      topic,
      {
        address: topic,
        description: `${topicDescriptions[topic] ?? topic} Kept forever: every consumer can read the whole history from the first message.`,
        messages: Object.fromEntries(
          publicEventContracts.filter((contract) => contract.topic === topic).map((contract) => [messageName(contract), { $ref: `#/components/messages/${messageName(contract)}` }]),
        ),
        bindings: topicBinding(topic, EVENT_TOPIC_CONFIG),
      },
    ]),
  );
  const deadLetterChannels = Object.fromEntries(
    topics.map((topic) => [
      deadLetterTopicOf(topic),
      {
        address: deadLetterTopicOf(topic),
        description: `Messages of ${topic} that a consumer group could never apply (not an envelope, an unknown version, a broken contract), set aside so that the group goes on. Kept ${DEFAULT_DEAD_LETTER_RETENTION_DAYS} days by default (KAFKA_DEAD_LETTER_RETENTION_DAYS).`,
        messages: { [DEAD_LETTER_MESSAGE]: { $ref: `#/components/messages/${DEAD_LETTER_MESSAGE}` } },
        bindings: topicBinding(deadLetterTopicOf(topic), deadLetterTopicConfig()),
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
      description: [
        'Public integration events on Kafka. Each message is a JSON envelope; `data` follows the schema of its type and version, and its headers repeat the envelope\'s type, id and version.',
        'A deployment may prefix every topic and consumer group (KAFKA_TOPIC_PREFIX); the addresses here are without it.',
        `Event topics keep every message (retention.ms=-1, cleanup.policy=delete), set when the platform creates them and checked at every start; each has ${DEFAULT_TOPIC_PARTITIONS} partitions unless KAFKA_TOPIC_PARTITIONS says otherwise. Dead-letter topics keep their messages ${DEFAULT_DEAD_LETTER_RETENTION_DAYS} days unless KAFKA_DEAD_LETTER_RETENTION_DAYS says otherwise.`,
        'Delivery is at least once: dedupe on eventId. Order holds per key (the stream), not across keys nor topics.',
      ].join('\n\n'),
    },
    defaultContentType: 'application/json',
    servers,
    channels: { ...channels, ...deadLetterChannels },
    operations,
    components: { messages: { ...messages, [DEAD_LETTER_MESSAGE]: deadLetterMessage } },
  };
}

/** Where the generated document is committed, from the repository's root. */
export const ASYNCAPI_DOCUMENT_PATH = 'docs/asyncapi.json';

/** The document as docs/asyncapi.json holds it: what `npm run generate:asyncapi` writes and its test compares. */
export function asyncApiDocumentText(): string {
  return `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
}
