import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCheckpointStore, SqliteEventStore } from '@osteo/event-sourcing';
import { freshTopicPrefix, kafkaTestBus } from '../test-support/kafka-test-bus';
import { describePublisherRecovery } from './publisher-recovery.contract';

const dataDir = mkdtempSync(join(tmpdir(), 'event-publisher-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describePublisherRecovery('Kafka and an SQLite store file', {
  openBus: async () => kafkaTestBus({ clientId: 'event-publisher-recovery', topicPrefix: freshTopicPrefix() }),
  openStore: async () => {
    const store = SqliteEventStore.open(join(dataDir, 'cabinets.db'));
    return { store, checkpoints: new SqliteCheckpointStore(store) };
  },
});
