import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentReader, InvalidConfigurationError, loadPlatformConfig, readOperatorListener } from './platform-config';

const JWT_SECRET = 'a-signing-secret-of-at-least-32-bytes-for-tests';

describe('platform configuration: PUBLIC_URL', () => {
  it('defaults to the loopback address on PORT', () => {
    expect(loadPlatformConfig({ JWT_SECRET, PORT: '4100' }).publicUrl).toBe('http://127.0.0.1:4100');
  });

  it('takes an http or https URL, without its trailing slash', () => {
    expect(loadPlatformConfig({ JWT_SECRET, PUBLIC_URL: 'https://cabinet.example.fr/' }).publicUrl).toBe('https://cabinet.example.fr');
  });

  it('lists anything else with the other problems', () => {
    const problems = (env: Record<string, string>): readonly string[] => {
      try {
        loadPlatformConfig({ JWT_SECRET, ...env });
        return [];
      } catch (error) {
        return (error as InvalidConfigurationError).problems;
      }
    };
    expect(problems({ PUBLIC_URL: 'ftp://cabinet.example.fr' })).toEqual(['PUBLIC_URL must be a http or https URL (got "ftp://cabinet.example.fr")']);
    expect(problems({ PUBLIC_URL: 'not a url', PORT: 'x' })).toEqual([expect.stringMatching(/^PORT must be/), 'PUBLIC_URL must be a http or https URL (got "not a url")']);
  });
});

describe('platform configuration: the operator listener (OPERATOR_PORT, OPERATOR_HOST)', () => {
  const read = (env: Record<string, string>, port: number, distributed: boolean) => {
    const reader = new EnvironmentReader(env);
    return { listener: readOperatorListener(reader, port, distributed), problems: reader.problems };
  };

  it('is always apart in the distributed profile: on PORT + 10000 and loopback by default', () => {
    expect(read({}, 3003, true)).toEqual({ listener: { port: 13003, host: '127.0.0.1' }, problems: [] });
    expect(read({ OPERATOR_PORT: '9464', OPERATOR_HOST: '0.0.0.0' }, 3003, true)).toEqual({ listener: { port: 9464, host: '0.0.0.0' }, problems: [] });
    expect(read({}, 0, true).listener).toEqual({ port: 0, host: '127.0.0.1' });
  });

  it('is apart in the embedded profile only when OPERATOR_PORT is set', () => {
    expect(read({}, 3000, false)).toEqual({ listener: null, problems: [] });
    expect(read({ OPERATOR_PORT: '13000' }, 3000, false).listener).toEqual({ port: 13000, host: '127.0.0.1' });
  });

  it('refuses the public port itself, and asks for OPERATOR_PORT when the default would be past 65535', () => {
    expect(read({ OPERATOR_PORT: '3000' }, 3000, true).problems).toEqual([expect.stringMatching(/^OPERATOR_PORT must differ from PORT/)]);
    expect(read({}, 60000, true).problems).toEqual([expect.stringMatching(/^OPERATOR_PORT is required when PORT \+ 10000 is past 65535/)]);
  });
});

describe('platform configuration: SMS (SMS_SENDER, SMPP_URL, SMS_FROM)', () => {
  const problems = (env: Record<string, string>): readonly string[] => {
    try {
      loadPlatformConfig({ JWT_SECRET, ...env });
      return [];
    } catch (error) {
      return (error as InvalidConfigurationError).problems;
    }
  };

  it('writes SMS to an outbox under the data directory in the embedded profile', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'osteo-config-'));
    try {
      expect(loadPlatformConfig({ JWT_SECRET, DATA_DIR: dataDir }).sms).toEqual({ kind: 'outbox', directory: join(dataDir, 'sms-outbox') });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('sends through the SMPP server of SMPP_URL, with the sender of SMS_FROM if given', () => {
    expect(loadPlatformConfig({ JWT_SECRET, SMS_SENDER: 'smpp', SMPP_URL: 'smpp://osteo:secret@smsc.example.fr:2775' }).sms).toEqual({
      kind: 'smpp',
      url: 'smpp://osteo:secret@smsc.example.fr:2775',
      from: null,
    });
    expect(loadPlatformConfig({ JWT_SECRET, SMS_SENDER: 'smpp', SMPP_URL: 'ssmpp://smsc.example.fr', SMS_FROM: 'CABINET' }).sms).toMatchObject({ from: 'CABINET' });
  });

  it('needs SMPP_URL in the distributed profile unless SMS_SENDER=outbox, and lists a bad one with the other problems', () => {
    const distributed = { PROFILE: 'distributed', KAFKA_BROKERS: 'localhost:9092', MONGO_URL: 'mongodb://localhost' };
    expect(problems(distributed)).toEqual(['SMTP_URL is required', 'SMPP_URL is required']);
    expect(problems({ ...distributed, MAILER: 'outbox', SMS_SENDER: 'outbox' })).toEqual([]);
    expect(problems({ SMS_SENDER: 'smpp', SMPP_URL: 'http://smsc.example.fr', SMS_FROM: 'A sender far too long' })).toEqual([
      'SMS_FROM must be a number in E.164 or up to 11 letters and digits (got "A sender far too long")',
      'SMPP_URL must be a smpp or ssmpp URL (got "http://smsc.example.fr")',
    ]);
  });
});

describe('platform configuration: Kafka topics and client id (KAFKA_*)', () => {
  const kafka = { JWT_SECRET, EVENT_BUS: 'kafka', KAFKA_BROKERS: 'localhost:9092' };
  const kafkaConfig = (env: Record<string, string>, processName?: string) => {
    const { eventBus } = loadPlatformConfig({ ...kafka, ...env }, processName);
    if (eventBus.kind !== 'kafka') throw new Error('EVENT_BUS=kafka was given');
    return eventBus;
  };
  const problems = (env: Record<string, string>): readonly string[] => {
    try {
      loadPlatformConfig({ ...kafka, ...env });
      return [];
    } catch (error) {
      return (error as InvalidConfigurationError).problems;
    }
  };

  it('creates topics with 3 partitions and the broker default replication, keeps dead letters 30 days, corrects a topic that would forget', () => {
    expect(kafkaConfig({}).topics).toEqual({ partitions: 3, replicationFactor: undefined, deadLetterRetentionMs: 30 * 86_400_000, retentionCheck: 'correct' });
    expect(
      kafkaConfig({ KAFKA_TOPIC_PARTITIONS: '12', KAFKA_REPLICATION_FACTOR: '3', KAFKA_DEAD_LETTER_RETENTION_DAYS: '90', KAFKA_TOPIC_RETENTION_CHECK: 'refuse' }).topics,
    ).toEqual({ partitions: 12, replicationFactor: 3, deadLetterRetentionMs: 90 * 86_400_000, retentionCheck: 'refuse' });
  });

  it('lists every value it cannot use', () => {
    expect(problems({ KAFKA_TOPIC_PARTITIONS: '0', KAFKA_REPLICATION_FACTOR: 'three', KAFKA_DEAD_LETTER_RETENTION_DAYS: '-1', KAFKA_TOPIC_RETENTION_CHECK: 'ignore' })).toEqual([
      'KAFKA_REPLICATION_FACTOR must be an integer from 1 to 32 (got "three")',
      'KAFKA_TOPIC_PARTITIONS must be an integer from 1 to 1000 (got "0")',
      'KAFKA_DEAD_LETTER_RETENTION_DAYS must be an integer from 1 to 3650 (got "-1")',
      'KAFKA_TOPIC_RETENTION_CHECK must be one of correct, refuse (got "ignore")',
    ]);
  });

  it('names the process and its instance in the client id, after KAFKA_CLIENT_ID', () => {
    expect(kafkaConfig({}, 'accounting').clientId).toMatch(new RegExp(`^osteo-accounting-[A-Za-z0-9._-]+-${process.pid}$`));
    expect(kafkaConfig({ KAFKA_CLIENT_ID: 'cabinet-lyon' }, 'patient-records').clientId).toMatch(new RegExp(`^cabinet-lyon-patient-records-[A-Za-z0-9._-]+-${process.pid}$`));
    expect(kafkaConfig({}).clientId).toMatch(/^osteo-platform-/);
  });
});
