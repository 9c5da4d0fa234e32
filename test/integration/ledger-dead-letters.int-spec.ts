import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { type ConsultationCompletedV1, type IntegrationEnvelope, Topics } from '@osteo/contracts';
import { readDeadLettersFromKafka } from '../../libs/messaging/test-support/kafka-test-bus';
import { kafkaBrokers } from '@osteo/testing';
import { registerMainAccount } from '../support/accounts';
import { startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';

/**
 * Issue #5 (d), over the real Kafka and FerretDB: a records.events message accounting can never
 * apply (a value that is not an envelope, a version it does not know) goes to
 * records.events.dead-letters with its reason, and the completed consultation published after
 * them, on the same partition, still reaches the ledgers. The platform runs as `npm start` does,
 * with EVENT_BUS=kafka and READ_STORE=mongodb; the messages are produced by a plain kafkajs
 * producer, as a faulty or newer publisher would. Everything happens inside the test body:
 * kafkajs loads protocol modules lazily, which Jest 30 refuses between a test and its hooks.
 */
describe('accounting dead-letters what it can never apply, over Kafka and FerretDB', () => {
  it('sets a garbage value and a v99 ConsultationCompleted aside with their reasons, then applies the consultation behind them', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const platform = await startPlatform(profile.env);
    const producer = new Kafka({ brokers: kafkaBrokers(), clientId: 'ledger-dead-letters', logLevel: logLevel.NOTHING }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    try {
      const http = new HttpClient(platform.baseUrl);
      const owner = await registerMainAccount(http, 'owner.dead-letters@example.fr', 'Dr Claire Martin');
      const substitute = await registerMainAccount(http, 'substitute.dead-letters@example.fr', 'Paul Remplaçant');

      // One key for all three: they share a partition, so the valid one is read after the other two.
      const key = 'consultation-c-1';
      const garbage = Buffer.from('{"eventId": "cut off in the middle');
      const completion = (version: number): IntegrationEnvelope<'ConsultationCompleted', ConsultationCompletedV1> => ({
        eventId: randomUUID(),
        type: 'ConsultationCompleted',
        version,
        streamId: key,
        revision: 1,
        occurredAt: '2026-03-02T09:15:00.000Z',
        actorId: substitute.accountId,
        correlationId: null,
        causationId: null,
        data: {
          consultationId: 'c-1',
          patientId: 'p-1',
          cabinetId: 'cab-1',
          ownerId: owner.accountId,
          practitionerId: substitute.accountId,
          practitionerRole: 'substitute',
          patientName: 'DURAND Hélène',
          date: '2026-03-02',
          feeCents: 6_001,
          paymentMethod: 'card',
          retrocessionBasisPoints: 3_050,
        },
      });
      const fromTheFuture = Buffer.from(JSON.stringify(completion(99)));
      const valid = completion(1);
      await producer.connect();
      await producer.send({
        topic: `${profile.env.KAFKA_TOPIC_PREFIX}${Topics.records}`,
        acks: -1,
        messages: [
          { key, value: garbage },
          { key, value: fromTheFuture, headers: { 'event-type': 'ConsultationCompleted', 'event-version': '99' } },
          { key, value: JSON.stringify(valid), headers: { 'event-type': 'ConsultationCompleted', 'event-version': '1' } },
        ],
      });

      // 30.5 % of 60.01 € is 18.303 €: 18.30 €.
      const ownerLedger = await eventually(async () => {
        const listing = await owner.http.get('/api/v1/ledgers/me/entries');
        expect(listing.body.entries).toHaveLength(2);
        return listing.body;
      }, 30_000, 200);
      expect(ownerLedger.totals).toEqual({ incomeCents: 6_001, expenseCents: 1_830, netCents: 4_171 });
      expect((await substitute.http.get('/api/v1/ledgers/me/entries')).body.totals).toEqual({ incomeCents: 1_830, expenseCents: 0, netCents: 1_830 });

      // Every group reading records.events sets the garbage aside; only accounting reads
      // ConsultationCompleted, so only it sets the v99 one aside (planning's groups read patients).
      const allDeadLetters = await readDeadLettersFromKafka(profile.env.KAFKA_TOPIC_PREFIX!, Topics.records, 4);
      const summaries = allDeadLetters.map(({ source: { topic, groupId, offset }, code, key: deadKey }) => ({ topic, groupId, offset, code, key: deadKey }));
      expect(summaries.filter(({ groupId }) => groupId !== 'accounting.ledger').sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([
        { topic: Topics.records, groupId: 'planning.patient-erasure', offset: '0', code: 'MESSAGING.MALFORMED_ENVELOPE', key },
        { topic: Topics.records, groupId: 'planning.read-models', offset: '0', code: 'MESSAGING.MALFORMED_ENVELOPE', key },
      ]);
      const deadLetters = allDeadLetters.filter(({ source }) => source.groupId === 'accounting.ledger');
      expect(deadLetters.map(({ source: { topic, groupId, offset }, code, key: deadKey }) => ({ topic, groupId, offset, code, key: deadKey }))).toEqual([
        { topic: Topics.records, groupId: 'accounting.ledger', offset: '0', code: 'MESSAGING.MALFORMED_ENVELOPE', key },
        { topic: Topics.records, groupId: 'accounting.ledger', offset: '1', code: 'MESSAGING.UNKNOWN_EVENT_VERSION', key },
      ]);
      expect(deadLetters[0]?.reason).toMatch(/^malformed envelope: not JSON/);
      expect(deadLetters[1]?.reason).toMatch(/has version 99; accounting understands version 1$/);
      expect(deadLetters[0]?.value?.equals(garbage)).toBe(true);
      expect(deadLetters[1]?.value?.equals(fromTheFuture)).toBe(true);
      expect(deadLetters[1]?.headers).toEqual({ 'event-type': 'ConsultationCompleted', 'event-version': '99' });

      const metrics = await (await fetch(`${platform.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^dead_letters_total\{topic="records\.events",group="accounting\.ledger"\} 2$/m);
    } finally {
      await producer.disconnect();
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 120_000);
});
