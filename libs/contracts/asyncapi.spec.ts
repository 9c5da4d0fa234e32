import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ASYNCAPI_DOCUMENT_PATH, asyncApiDocument, asyncApiDocumentText, publicEventContracts } from './asyncapi';
import { DAY_MS, DEFAULT_DEAD_LETTER_RETENTION_DAYS, DEFAULT_TOPIC_PARTITIONS } from './topic-configuration';
import { Topics } from './topics';

/**
 * docs/asyncapi.json is generated from the contracts (`npm run generate:asyncapi`) and committed,
 * so that consumers read it without running the platform: this fails as soon as a contract, a
 * topic's configuration or the document's builder changes without the file.
 *
 * No AsyncAPI JSON Schema is installed (none offline in node_modules), so the structure is checked
 * here against the parts of AsyncAPI 3.0.0 and of the Kafka bindings 0.5.0 the document uses: each
 * object with the fields the specification allows it and no other, and every reference resolving.
 */
const REPO_ROOT = join(__dirname, '..', '..');

type Json = Record<string, unknown>;

const extensions = { '^x-': {} };
const reference = { type: 'object', required: ['$ref'], properties: { $ref: { type: 'string', pattern: '^#/' } }, additionalProperties: false };
const schemaObject = { type: 'object' };
const kafkaChannelBinding = {
  type: 'object',
  required: ['bindingVersion'],
  properties: {
    topic: { type: 'string' },
    partitions: { type: 'integer', minimum: 1 },
    replicas: { type: 'integer', minimum: 1 },
    topicConfiguration: {
      type: 'object',
      properties: {
        'cleanup.policy': { type: 'array', items: { enum: ['compact', 'delete'] } },
        'retention.ms': { type: 'integer', minimum: -1 },
        'retention.bytes': { type: 'integer', minimum: -1 },
        'delete.retention.ms': { type: 'integer', minimum: 0 },
        'max.message.bytes': { type: 'integer', minimum: 0 },
      },
      additionalProperties: false,
    },
    bindingVersion: { const: '0.5.0' },
  },
  additionalProperties: false,
};
const kafkaMessageBinding = {
  type: 'object',
  required: ['bindingVersion'],
  properties: {
    key: schemaObject,
    schemaIdLocation: { enum: ['header', 'payload'] },
    schemaIdPayloadEncoding: { type: 'string' },
    schemaLookupStrategy: { type: 'string' },
    bindingVersion: { const: '0.5.0' },
  },
  additionalProperties: false,
};
const bindings = (kafka: object) => ({ type: 'object', properties: { kafka }, additionalProperties: false });
const text = { type: 'string', minLength: 1 };

/** The fields AsyncAPI 3.0.0 gives each object the document uses (https://www.asyncapi.com/docs/reference/specification/v3.0.0). */
const asyncApi3Subset = {
  type: 'object',
  required: ['asyncapi', 'info'],
  properties: {
    asyncapi: { const: '3.0.0' },
    id: { type: 'string' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: { title: text, version: text, description: text, termsOfService: text, contact: schemaObject, license: schemaObject, tags: { type: 'array' }, externalDocs: schemaObject },
      additionalProperties: false,
      patternProperties: extensions,
    },
    servers: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['host', 'protocol'],
        properties: {
          host: { type: 'string', pattern: '^[^/:]+(:[0-9]+)?$' },
          protocol: { const: 'kafka' },
          protocolVersion: text,
          pathname: text,
          description: text,
          title: text,
          summary: text,
          variables: schemaObject,
          security: { type: 'array' },
          tags: { type: 'array' },
          externalDocs: schemaObject,
          bindings: schemaObject,
        },
        additionalProperties: false,
        patternProperties: extensions,
      },
    },
    defaultContentType: text,
    channels: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['address', 'messages', 'bindings'],
        properties: {
          address: text,
          messages: { type: 'object', minProperties: 1, additionalProperties: reference },
          title: text,
          summary: text,
          description: text,
          servers: { type: 'array', items: reference },
          parameters: schemaObject,
          tags: { type: 'array' },
          externalDocs: schemaObject,
          bindings: bindings(kafkaChannelBinding),
        },
        additionalProperties: false,
        patternProperties: extensions,
      },
    },
    operations: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['action', 'channel'],
        properties: {
          action: { enum: ['send', 'receive'] },
          channel: reference,
          title: text,
          summary: text,
          description: text,
          security: { type: 'array' },
          tags: { type: 'array' },
          externalDocs: schemaObject,
          bindings: schemaObject,
          traits: { type: 'array' },
          messages: { type: 'array', items: reference },
          reply: schemaObject,
        },
        additionalProperties: false,
        patternProperties: extensions,
      },
    },
    components: {
      type: 'object',
      properties: {
        messages: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['payload', 'headers', 'bindings'],
            properties: {
              headers: schemaObject,
              payload: schemaObject,
              correlationId: schemaObject,
              contentType: text,
              name: text,
              title: text,
              summary: text,
              description: text,
              tags: { type: 'array' },
              externalDocs: schemaObject,
              bindings: bindings(kafkaMessageBinding),
              examples: { type: 'array' },
              traits: { type: 'array' },
            },
            additionalProperties: false,
            patternProperties: extensions,
          },
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
  patternProperties: extensions,
};

function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' && typeof inner === 'string' ? [inner] : referencesIn(inner)));
}

function resolve(document: Json, pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, segment) => (typeof node === 'object' && node !== null ? (node as Json)[segment] : undefined), document);
}

describe('the AsyncAPI document', () => {
  const document = asyncApiDocument() as Json;
  const channels = document.channels as Record<string, Json>;
  const messages = (document.components as { messages: Record<string, Json> }).messages;

  it(`is committed as ${ASYNCAPI_DOCUMENT_PATH}, as the contracts give it`, () => {
    const committed = readFileSync(join(REPO_ROOT, ASYNCAPI_DOCUMENT_PATH), 'utf8');
    if (committed !== asyncApiDocumentText()) {
      throw new Error(`${ASYNCAPI_DOCUMENT_PATH} is not what libs/contracts give: run \`npm run generate:asyncapi\` and commit the file`);
    }
  });

  it('has the structure of AsyncAPI 3.0.0 with Kafka bindings 0.5.0, and every reference resolves', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(asyncApi3Subset);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    const unresolved = [...new Set(referencesIn(document))].filter((pointer) => resolve(document, pointer) === undefined);
    expect(unresolved).toEqual([]);
  });

  it('is checked for real: a field AsyncAPI does not define, a wrong action or binding version fails', () => {
    const validate = new Ajv2020({ strict: false }).compile(asyncApi3Subset);
    const firstTopic = Topics.identity;
    const broken = (change: (copy: Json) => void): boolean => {
      const copy = structuredClone(document);
      change(copy);
      return validate(copy);
    };
    expect(broken(() => undefined)).toBe(true);
    expect(broken((copy) => ((copy.servers as Record<string, Json>).local!.protokol = 'kafka'))).toBe(false);
    expect(broken((copy) => ((copy.operations as Record<string, Json>)[`publish-${firstTopic}`]!.action = 'publish'))).toBe(false);
    expect(broken((copy) => (((copy.channels as Record<string, Json>)[firstTopic]!.bindings as { kafka: Json }).kafka.bindingVersion = '0.4.0'))).toBe(false);
    expect(broken((copy) => (((copy.channels as Record<string, Json>)[firstTopic]!.bindings as { kafka: Json }).kafka.partition = 3))).toBe(false);
  });

  it('lists the brokers of the local run and of docker compose', () => {
    expect(document.servers).toEqual({
      local: expect.objectContaining({ host: '127.0.0.1:39092', protocol: 'kafka' }),
      compose: expect.objectContaining({ host: 'kafka:9092', protocol: 'kafka' }),
    });
  });

  it('gives every event topic unlimited retention and every dead-letter topic the default days, with the default partitions', () => {
    for (const topic of Object.values(Topics)) {
      expect(channels[topic]?.bindings).toEqual({
        kafka: { topic, partitions: DEFAULT_TOPIC_PARTITIONS, topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': -1, 'retention.bytes': -1 }, bindingVersion: '0.5.0' },
      });
      expect(channels[`${topic}.dead-letters`]?.bindings).toEqual({
        kafka: {
          topic: `${topic}.dead-letters`,
          partitions: DEFAULT_TOPIC_PARTITIONS,
          topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': DEFAULT_DEAD_LETTER_RETENTION_DAYS * DAY_MS, 'retention.bytes': -1 },
          bindingVersion: '0.5.0',
        },
      });
    }
  });

  it('describes every public event on its topic, with the stream id as key and the headers the producer sends', () => {
    for (const contract of publicEventContracts) {
      const name = `${contract.type}V${contract.version}`;
      expect(channels[contract.topic]?.messages).toHaveProperty(name, { $ref: `#/components/messages/${name}` });
      const message = messages[name] as { headers: Json; bindings: { kafka: { key: Json } }; payload: { properties: Json } };
      expect(message.bindings.kafka.key).toMatchObject({ type: 'string', description: expect.stringMatching(/^The envelope's streamId: /) });
      expect(message.headers).toMatchObject({
        required: ['event-type', 'event-id', 'event-version'],
        properties: { 'event-type': { const: contract.type }, 'event-version': { const: String(contract.version) }, 'correlation-id': { type: 'string' }, 'causation-id': { type: 'string' } },
      });
      expect(message.payload.properties.data).toEqual(contract.dataSchema);
    }
    expect(Object.keys(messages).sort()).toEqual([...publicEventContracts.map((contract) => `${contract.type}V${contract.version}`), 'DeadLetter'].sort());
  });

  it('gives JSON Schemas a validator compiles; the headers schema accepts what the producer sends and refuses another version', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const [name, message] of Object.entries(messages)) {
      expect({ name, compiles: typeof ajv.compile((message as { payload: Json }).payload) }).toEqual({ name, compiles: 'function' });
      expect({ name, compiles: typeof ajv.compile((message as { headers: Json }).headers) }).toEqual({ name, compiles: 'function' });
    }
    const validHeaders = ajv.compile((messages.LedgerLineWrittenV1 as { headers: Json }).headers);
    expect(validHeaders({ 'event-type': 'LedgerLineWritten', 'event-id': '1b4e28ba-2fa1-41d2-883f-0016d3cca427', 'event-version': '1' })).toBe(true);
    expect(validHeaders({ 'event-type': 'LedgerLineWritten', 'event-id': '1b4e28ba-2fa1-41d2-883f-0016d3cca427', 'event-version': '2' })).toBe(false);
  });
});
