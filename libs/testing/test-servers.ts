/**
 * The real servers that the Jest global setup (./global-setup.ts) provides to *.int-spec.ts and
 * *.e2e-spec.ts suites, read from the variables it exports to the test workers.
 */
import { randomBytes } from 'node:crypto';

/** Kafka bootstrap brokers, from KAFKA_BROKERS (comma-separated host:port). */
export function kafkaBrokers(): string[] {
  return providedSetting('KAFKA_BROKERS')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

/** A MongoDB (or FerretDB) URL without a database, such as mongodb://127.0.0.1:37017/. */
export function mongoUrl(): string {
  return providedSetting('MONGO_URL');
}

/**
 * The EventStoreDB connection string, or undefined where none can run (no Docker engine and no
 * EVENTSTORE_URL): suites that need it then skip and say so in their name.
 */
export function eventStoreUrl(): string | undefined {
  const url = process.env.EVENTSTORE_URL;
  if (url) return url;
  throwIfServersSkipped('EVENTSTORE_URL');
  return undefined;
}

const VALID_PREFIX = /^[a-z][a-z0-9_-]*$/;
// MongoDB allows 64 bytes for a database name; the margin leaves room for a suffix a suite adds.
const MAX_NAME_LENGTH = 38;

/**
 * A name no other suite or run uses, for a Kafka topic, topic prefix or consumer group, or a Mongo
 * database, so that suites sharing one server never see each other's data:
 * `<prefix>-<time in base 36>-<8 random hex digits>`, lowercase letters, digits, `-` and `_` only.
 */
export function uniqueName(prefix: string): string {
  const name = `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  if (!VALID_PREFIX.test(prefix) || name.length > MAX_NAME_LENGTH) {
    throw new RangeError(
      `uniqueName prefix "${prefix}" must start with a lowercase letter, use only a-z, 0-9, - and _, ` +
        `and leave the name within ${MAX_NAME_LENGTH} characters`,
    );
  }
  return name;
}

function providedSetting(name: string): string {
  const value = process.env[name];
  if (value) return value;
  throwIfServersSkipped(name);
  throw new Error(
    `${name} is not set: the Jest global setup (libs/testing/global-setup.ts) sets it, so run this ` +
      `suite through Jest with the repository's jest.config.js, or set ${name} yourself`,
  );
}

function throwIfServersSkipped(name: string): void {
  if (process.env.TEST_SERVERS === 'none') {
    throw new Error(`${name} is not set because TEST_SERVERS=none skipped the real servers: run without it`);
  }
}
