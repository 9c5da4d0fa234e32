import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { DAY_MS, DEFAULT_DEAD_LETTER_RETENTION_DAYS, DEFAULT_TOPIC_PARTITIONS } from '@osteo/contracts';
import { join, resolve } from 'node:path';

/**
 * Everything a process of the platform is configured with, read once from the environment and
 * validated as a whole: a bad start lists every problem at once, then exits.
 * Each port's adapter is chosen on its own (ARCHITECTURE.md), so the distributed profile can run
 * with SQLite event stores where no EventStoreDB exists.
 */
export interface PlatformConfig {
  readonly profile: 'embedded' | 'distributed';
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: { readonly kind: 'sqlite' } | { readonly kind: 'eventstoredb'; readonly url: string };
  readonly eventBus:
    | { readonly kind: 'in-process' }
    | {
        readonly kind: 'kafka';
        readonly brokers: readonly string[];
        readonly topicPrefix: string;
        /** `<KAFKA_CLIENT_ID>-<process>-<host>-<pid>`: which service and which instance, in the brokers' eyes. */
        readonly clientId: string;
        readonly topics: KafkaTopicsConfig;
      };
  readonly readStore: { readonly kind: 'memory' } | { readonly kind: 'mongodb'; readonly url: string; readonly databasePrefix: string };
  /**
   * PUBLISHER_LEASE_MS (default 10 000): how long the lease of a service's publisher holds in the
   * read store, where several instances share one (Kafka and MongoDB); renewed every third of it.
   */
  readonly publisherLeaseMs: number;
  readonly tokens: {
    readonly signingSecret: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
  };
  readonly bodyLimitBytes: number;
  /**
   * The proxies allowed to tell this process the client's address through `X-Forwarded-For`
   * (the gateway, in the distributed profile). Empty: the address is the connection's peer.
   */
  readonly trustedProxies: readonly string[];
  /** Where e-mail goes: SMTP, or RFC 5322 `.eml` files (the embedded default). */
  readonly mail:
    | { readonly kind: 'outbox'; readonly directory: string; readonly from: string }
    | { readonly kind: 'smtp'; readonly url: string; readonly from: string };
  /**
   * Where SMS go: an SMPP aggregator (`smpp://user:pass@host:port`), or JSON files in an outbox
   * directory (the embedded default). `from` is the sender phones show; null leaves it to the aggregator.
   */
  readonly sms: { readonly kind: 'outbox'; readonly directory: string } | { readonly kind: 'smpp'; readonly url: string; readonly from: string | null };
  /**
   * The secret the operator routes (`/operator/…`, read-model rebuilds) require in
   * `X-Operator-Key`. Null: never generated nor defaulted, so those routes stay closed.
   */
  readonly operatorKey: string | null;
  /**
   * Where `/metrics` and `/operator/…` are served apart from the public port (OPERATOR_PORT,
   * OPERATOR_HOST). Always in the distributed profile; in the embedded one only when
   * OPERATOR_PORT is set, else they share its one port on loopback.
   */
  readonly operatorListener: OperatorListener | null;
  /**
   * Where people reach the platform (the web app and `/api/v1`), without a trailing slash: the
   * base of links in mail (password reset). Its scheme also says whether cookies are `Secure`.
   */
  readonly publicUrl: string;
  /**
   * Registrations one client address may make within 15 minutes (REGISTRATIONS_PER_ADDRESS,
   * default 20): counted before the password is hashed, so a flood costs almost nothing.
   */
  readonly registrationsPerAddress: number;
  /**
   * The key of the e-mail digests (HMAC-SHA-256): identity names its e-mail reservation streams
   * with them and publishes them instead of addresses; access-grant matches typed addresses
   * against them. Sealing keys derive from it: a grantee's address (identity, access-grant), a
   * practice's address and phone (access-grant, patient-records). Null in the distributed profile
   * when EMAIL_DIGEST_KEY is unset: the services that need it refuse to start (`EmailDigests.from`,
   * `SealedPracticeContacts.from`), the others never see it.
   */
  readonly emailDigestKey: string | null;
}

/** How the Kafka adapter creates and checks its topics (libs/messaging/kafka/kafka-topics.ts). */
export interface KafkaTopicsConfig {
  /** KAFKA_TOPIC_PARTITIONS, default 3: partitions of the topics the platform creates. */
  readonly partitions: number;
  /** KAFKA_REPLICATION_FACTOR; unset (undefined): the broker's `default.replication.factor`. */
  readonly replicationFactor: number | undefined;
  /** KAFKA_DEAD_LETTER_RETENTION_DAYS (default 30), in milliseconds. */
  readonly deadLetterRetentionMs: number;
  /** KAFKA_TOPIC_RETENTION_CHECK: `correct` (default) a topic found with a finite retention, or `refuse` to start. */
  readonly retentionCheck: 'correct' | 'refuse';
}

/** Kafka client ids: letters, digits, `.`, `_` and `-` (what the brokers' quotas and metrics keep as is). */
function clientIdPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-');
}

function readKafkaTopics(read: EnvironmentReader): KafkaTopicsConfig {
  const replicationFactor = read.optional('KAFKA_REPLICATION_FACTOR') === undefined ? undefined : read.integer('KAFKA_REPLICATION_FACTOR', 1, 1, 32);
  return {
    partitions: read.integer('KAFKA_TOPIC_PARTITIONS', DEFAULT_TOPIC_PARTITIONS, 1, 1000),
    replicationFactor,
    deadLetterRetentionMs: read.integer('KAFKA_DEAD_LETTER_RETENTION_DAYS', DEFAULT_DEAD_LETTER_RETENTION_DAYS, 1, 3650) * DAY_MS,
    retentionCheck: read.choice('KAFKA_TOPIC_RETENTION_CHECK', ['correct', 'refuse'] as const, 'correct'),
  };
}

export interface OperatorListener {
  readonly port: number;
  readonly host: string;
}

/** The distributed default of OPERATOR_PORT: the public port plus this (3000 → 13000, 3003 → 13003). */
export const OPERATOR_PORT_OFFSET = 10_000;

/**
 * OPERATOR_PORT and OPERATOR_HOST (default 127.0.0.1: Prometheus and `npm run rebuild` run beside
 * the process; a container gives 0.0.0.0 and publishes nothing). Required apart in the
 * distributed profile, where the public port faces users: its default is PORT + 10000 (0 stays 0).
 */
export function readOperatorListener(read: EnvironmentReader, port: number, distributed: boolean): OperatorListener | null {
  const host = read.text('OPERATOR_HOST', '127.0.0.1');
  if (read.optional('OPERATOR_PORT') === undefined && !distributed) return null;
  const fallback = port === 0 ? 0 : port + OPERATOR_PORT_OFFSET;
  if (read.optional('OPERATOR_PORT') === undefined && fallback > 65535) {
    read.problems.push(`OPERATOR_PORT is required when PORT + ${OPERATOR_PORT_OFFSET} is past 65535`);
    return null;
  }
  const operatorPort = read.integer('OPERATOR_PORT', fallback, 0, 65535);
  if (operatorPort === port && port !== 0) read.problems.push('OPERATOR_PORT must differ from PORT: the operator routes are served apart from the public port');
  return { port: operatorPort, host };
}

export class InvalidConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidConfigurationError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** The names proxy-addr (Fastify's `trustProxy`) knows besides addresses and CIDR ranges. */
const ADDRESS_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (ADDRESS_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefixLength, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefixLength === undefined) return true;
  return /^\d{1,3}$/.test(prefixLength) && Number(prefixLength) <= (version === 4 ? 32 : 128);
}

/** Reads variables and collects every problem, so a process can list them all before exiting. */
export class EnvironmentReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Environment) {}

  text(name: string, fallback?: string): string {
    const value = this.env[name]?.trim();
    if (value) return value;
    if (fallback === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return fallback;
  }

  optional(name: string): string | undefined {
    return this.env[name]?.trim() || undefined;
  }

  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.text(name, fallback);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name, String(fallback));
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** A comma-separated list of IP addresses, CIDR ranges or the names loopback, linklocal, uniquelocal. */
  addressRanges(name: string): readonly string[] {
    const entries = (this.optional(name) ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
    const invalid = entries.filter((entry) => !isAddressOrRange(entry));
    if (invalid.length) {
      this.problems.push(`${name} must list IP addresses, CIDR ranges or ${ADDRESS_RANGE_NAMES.join(', ')} (got "${invalid.join(',')}")`);
    }
    return entries;
  }

  url(name: string, schemes: readonly string[]): string {
    const value = this.text(name);
    if (!value) return value;
    try {
      const parsed = new URL(value);
      if (!schemes.includes(parsed.protocol.replace(/:$/, ''))) throw new Error('scheme');
    } catch {
      this.problems.push(`${name} must be a ${schemes.join(' or ')} URL (got "${value}")`);
    }
    return value;
  }
}

/** Where the embedded profile (and `start:distributed`) keeps its e-mail digest key, under `<dataDir>/secrets/`. */
export const EMAIL_DIGEST_KEY_FILE = 'email-digest.key';

/**
 * A signing secret generated on first use and kept under `<dataDir>/secrets/`, so nothing secret
 * is ever configured by hand or committed, and tokens survive a restart. The embedded profile
 * keeps its own this way; the local distributed run keeps the one its processes share.
 */
export function keptSigningSecret(dataDir: string): string {
  return keptSecret(dataDir, 'token-signing.key');
}

/** A secret generated on first use and kept in `<dataDir>/secrets/<fileName>`, as the signing secret is. */
export function keptSecret(dataDir: string, fileName: string): string {
  const directory = join(dataDir, 'secrets');
  const file = join(directory, fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

/**
 * `processName` names the process to Kafka (its client id): the service a process of the
 * distributed profile runs, `embedded` for the single process.
 */
export function loadPlatformConfig(env: Environment = process.env, processName = 'platform'): PlatformConfig {
  const read = new EnvironmentReader(env);
  const profile = read.choice('PROFILE', ['embedded', 'distributed'] as const, 'embedded');
  const distributed = profile === 'distributed';
  const dataDir = resolve(read.text('DATA_DIR', './data'));

  const eventStoreKind = read.choice('EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite');
  const eventBusKind = read.choice('EVENT_BUS', ['in-process', 'kafka'] as const, distributed ? 'kafka' : 'in-process');
  const readStoreKind = read.choice('READ_STORE', ['memory', 'mongodb'] as const, distributed ? 'mongodb' : 'memory');

  const eventStore: PlatformConfig['eventStore'] =
    eventStoreKind === 'eventstoredb' ? { kind: 'eventstoredb', url: read.url('EVENTSTORE_URL', ['esdb', 'esdb+discover', 'kurrentdb']) } : { kind: 'sqlite' };

  let eventBus: PlatformConfig['eventBus'] = { kind: 'in-process' };
  if (eventBusKind === 'kafka') {
    const brokers = read.text('KAFKA_BROKERS').split(',').map((broker) => broker.trim()).filter(Boolean);
    if (read.optional('KAFKA_BROKERS') && brokers.some((broker) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker))) {
      read.problems.push(`KAFKA_BROKERS must be a comma-separated list of host:port (got "${brokers.join(',')}")`);
    }
    const clientId = [read.text('KAFKA_CLIENT_ID', 'osteo'), processName, hostname(), String(process.pid)].map(clientIdPart).join('-');
    eventBus = { kind: 'kafka', brokers, topicPrefix: read.text('KAFKA_TOPIC_PREFIX', ''), clientId, topics: readKafkaTopics(read) };
  } else if (distributed) {
    read.problems.push('EVENT_BUS=in-process cannot connect separate processes; use kafka in the distributed profile');
  }

  const readStore: PlatformConfig['readStore'] =
    readStoreKind === 'mongodb'
      ? { kind: 'mongodb', url: read.url('MONGO_URL', ['mongodb', 'mongodb+srv']), databasePrefix: read.text('MONGO_DATABASE_PREFIX', 'osteo_') }
      : { kind: 'memory' };

  const publisherLeaseMs = read.integer('PUBLISHER_LEASE_MS', 10_000, 3_000, 300_000);
  const port = read.integer('PORT', 3000, 0, 65535);
  const accessTokenTtlSeconds = read.integer('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 3600);
  const refreshTokenTtlSeconds = read.integer('REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 300, 90 * 24 * 3600);
  const bodyLimitBytes = read.integer('BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024);
  const trustedProxies = read.addressRanges('TRUSTED_PROXIES');
  const registrationsPerAddress = read.integer('REGISTRATIONS_PER_ADDRESS', 20, 1, 1_000_000);

  const givenSecret = read.optional('JWT_SECRET');
  if (givenSecret !== undefined && Buffer.byteLength(givenSecret) < 32) read.problems.push('JWT_SECRET must be at least 32 bytes long');
  if (givenSecret === undefined && distributed) read.problems.push('JWT_SECRET is required in the distributed profile (the same value for every service)');

  const givenEmailDigestKey = read.optional('EMAIL_DIGEST_KEY');
  if (givenEmailDigestKey !== undefined && Buffer.byteLength(givenEmailDigestKey) < 32) read.problems.push('EMAIL_DIGEST_KEY must be at least 32 bytes long');

  const operatorKey = read.optional('OPERATOR_KEY') ?? null;
  if (operatorKey !== null && Buffer.byteLength(operatorKey) < 32) read.problems.push('OPERATOR_KEY must be at least 32 bytes long');

  const operatorListener = readOperatorListener(read, port, distributed);

  const mailKind = read.choice('MAILER', ['outbox', 'smtp'] as const, distributed ? 'smtp' : 'outbox');
  const mailFrom = read.text('MAIL_FROM', 'Osteo platform <no-reply@osteo.invalid>');
  const mail: PlatformConfig['mail'] =
    mailKind === 'smtp'
      ? { kind: 'smtp', url: read.url('SMTP_URL', ['smtp', 'smtps']), from: mailFrom }
      : { kind: 'outbox', directory: join(dataDir, 'outbox'), from: mailFrom };

  const smsKind = read.choice('SMS_SENDER', ['outbox', 'smpp'] as const, distributed ? 'smpp' : 'outbox');
  const smsFrom = read.optional('SMS_FROM') ?? null;
  if (smsFrom !== null && !/^(\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/.test(smsFrom)) {
    read.problems.push(`SMS_FROM must be a number in E.164 or up to 11 letters and digits (got "${smsFrom}")`);
  }
  const sms: PlatformConfig['sms'] =
    smsKind === 'smpp' ? { kind: 'smpp', url: read.url('SMPP_URL', ['smpp', 'ssmpp']), from: smsFrom } : { kind: 'outbox', directory: join(dataDir, 'sms-outbox') };

  const publicUrl = (read.optional('PUBLIC_URL') === undefined ? `http://127.0.0.1:${port}` : read.url('PUBLIC_URL', ['http', 'https'])).replace(/\/+$/, '');

  if (read.problems.length) throw new InvalidConfigurationError(read.problems);
  const signingSecret = givenSecret ?? keptSigningSecret(dataDir);
  const emailDigestKey = givenEmailDigestKey ?? (distributed ? null : keptSecret(dataDir, EMAIL_DIGEST_KEY_FILE));
  return {
    profile,
    port,
    dataDir,
    eventStore,
    eventBus,
    readStore,
    publisherLeaseMs,
    tokens: { signingSecret, accessTokenTtlSeconds, refreshTokenTtlSeconds },
    bodyLimitBytes,
    trustedProxies,
    mail,
    sms,
    operatorKey,
    operatorListener,
    publicUrl,
    registrationsPerAddress,
    emailDigestKey,
  };
}
