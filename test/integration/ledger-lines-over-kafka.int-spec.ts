import { Kafka, logLevel } from 'kafkajs';
import { type IntegrationEnvelope, type LedgerLineWrittenV1, Topics } from '@osteo/contracts';
import { contractCheckOf } from '@osteo/messaging';
import { kafkaBrokers, uniqueName } from '@osteo/testing';
import { PASSWORD, type SignedIn, logIn, registerMainAccount, signInProvisionedAccount } from '../support/accounts';
import { type RunningPlatform, startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';

type Entry = { entryId: string; cabinetId: string; date: string; kind: 'income' | 'expense'; category: string; amountCents: number; consultationId?: string };
type Listing = {
  entries: Entry[];
  total: number;
  totals: { incomeCents: number; expenseCents: number; netCents: number };
  breakdownByCabinet: { cabinetId: string; receiptsCents: number; retrocededFeesCents: number; otherExpensesCents: number; netCents: number }[];
};
type Line = IntegrationEnvelope<'LedgerLineWritten', LedgerLineWrittenV1>;

const keepsItsContract = contractCheckOf('LedgerLineWritten', 1);

/** Every envelope on the topic so far, read from the beginning by a group of its own. */
async function envelopesOn(topic: string): Promise<{ key: string; envelope: IntegrationEnvelope }[]> {
  const kafka = new Kafka({ brokers: kafkaBrokers(), clientId: 'ledger-lines-test', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const expected = ends.reduce((count, { high, low }) => count + Number(high) - Number(low), 0);
  const consumer = kafka.consumer({ groupId: uniqueName('ledger-lines-reader') });
  const read: { key: string; envelope: IntegrationEnvelope }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void read.push({ key: message.key!.toString(), envelope: JSON.parse(message.value!.toString()) }) });
    await eventually(() => expect(read.length).toBeGreaterThanOrEqual(expected), 30_000);
  } finally {
    await consumer.disconnect();
  }
  return read;
}

/** The ledger consumer has handled everything on its topics: its committed offsets are at their ends. */
async function ledgerGroupCaughtUp(prefix: string): Promise<void> {
  const admin = new Kafka({ brokers: kafkaBrokers(), clientId: 'ledger-lines-test', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await eventually(async () => {
      for (const topic of [Topics.records, Topics.accounting]) {
        const ends = await admin.fetchTopicOffsets(prefix + topic);
        const [committed] = await admin.fetchOffsets({ groupId: `${prefix}accounting.ledger`, topics: [prefix + topic] });
        for (const { partition, high, low } of ends) {
          // -1 (nothing committed) or -2 (sent back to the earliest): caught up only on a partition that holds nothing.
          const offset = committed.partitions.find((at) => at.partition === partition)?.offset ?? '-1';
          expect([topic, partition, Number(offset) < 0 ? low : offset]).toEqual([topic, partition, high]);
        }
      }
    }, 60_000, 200);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Every ledger line reaches accounting.events as LedgerLineWritten, through accounting's event
 * store and its publisher, over the suite's Kafka and FerretDB: a substitute's consultations
 * completed, corrected and deleted through patient-records, and a manual line. The lines on the
 * topic are the lines the ledger API answers, their figures its totals; after the ledger's
 * consumer group is sent back to the beginning (every fact delivered again) and the platform
 * restarted, no line is published twice. Inside the test body: kafkajs loads protocol modules
 * lazily, which Jest refuses between a test and its hooks.
 */
describe('ledger lines on accounting.events over Kafka', () => {
  it('publishes one LedgerLineWritten per ledger line the API answers, whose figures sum to its totals, and none again when every fact is delivered again', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const prefix = profile.env.KAFKA_TOPIC_PREFIX;
    let platform: RunningPlatform | null = await startPlatform(profile.env);
    try {
      const anonymous = new HttpClient(platform.baseUrl);
      const owner = await registerMainAccount(anonymous, 'owner@example.fr', 'Dr Claire Martin');
      const cabinetId: string = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Lilas' })).body.cabinetId;
      expect((await owner.http.post('/api/v1/delegations', { email: 'locum@example.fr', role: 'substitute', cabinetIds: [cabinetId], retrocessionPercent: 30 })).status).toBe(201);
      const substitute = await signInProvisionedAccount(anonymous, dataDir.path, 'locum@example.fr');
      const patientId: string = await eventually(async () => {
        const registered = await substitute.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Jeanne', lastName: 'Dupont', birthDate: '1980-05-04' });
        expect(registered.status).toBe(201);
        return registered.body.patientId;
      }, 30_000);
      const completed = async (date: string, feeCents: number): Promise<string> => {
        const opened = await substitute.http.post(`/api/v1/patients/${patientId}/consultations`, { date, reason: 'Lombalgie' });
        expect(opened.status).toBe(201);
        const consultationId: string = opened.body.consultationId;
        expect((await eventually(async () => {
          const answer = await substitute.http.post(`/api/v1/consultations/${consultationId}/complete`, { feeCents, paymentMethod: 'card' });
          expect(answer.status).not.toBe(409);
          return answer;
        }, 30_000)).status).toBe(204);
        return consultationId;
      };
      const corrected = await completed('2026-03-02', 10_000);
      const deleted = await completed('2026-03-03', 8_000);
      await completed('2026-04-07', 6_000);
      expect((await owner.http.post(`/api/v1/consultations/${corrected}/correct-fee`, { feeCents: 12_000, paymentMethod: 'cash' })).status).toBe(204);
      expect((await owner.http.delete(`/api/v1/consultations/${deleted}`)).status).toBe(204);
      const manual = await eventually(async () => {
        const recorded = await substitute.http.post('/api/v1/ledgers/me/entries', { kind: 'expense', cabinetId, date: '2026-03-05', label: 'Train', amountCents: 380, paymentMethod: 'card' });
        expect(recorded.status).toBe(201);
        return recorded.body.entryId as string;
      }, 30_000);

      // 3 consultations × 3 lines, 3 counter-entries and 3 lines for the correction, 3 for the deletion, 1 manual line.
      const ledgerOf = async (reader: SignedIn): Promise<Listing> => {
        const answer = await reader.http.get(`/api/v1/ledgers/${reader.accountId}/entries?from=2026-01-01&to=2026-12-31&limit=200`);
        expect(answer.status).toBe(200);
        return answer.body;
      };
      const ledgers = await eventually(async () => {
        const both = { owner: await ledgerOf(owner), substitute: await ledgerOf(substitute) };
        expect([both.owner.total, both.substitute.total]).toEqual([12, 7]);
        return both;
      }, 60_000);
      expect(ledgers.substitute.entries.map(({ entryId }) => entryId)).toContain(manual);

      const lines = await eventually(async () => {
        const published = (await envelopesOn(prefix + Topics.accounting)).filter((message) => message.envelope.type === 'LedgerLineWritten');
        expect(published.length).toBeGreaterThanOrEqual(19);
        return published;
      }, 60_000);

      expect(lines).toHaveLength(19);
      expect(new Set(lines.map(({ envelope }) => envelope.eventId)).size).toBe(19);
      for (const [holder, ledger] of [
        [owner, ledgers.owner],
        [substitute, ledgers.substitute],
      ] as const) {
        const ofHolder = lines.filter(({ envelope }) => (envelope as Line).data.holderId === holder.accountId);
        for (const { key, envelope } of ofHolder) {
          expect([key, envelope.streamId, envelope.version, keepsItsContract(envelope.data)]).toEqual([`ledger-${holder.accountId}`, `ledger-${holder.accountId}`, 1, null]);
        }
        const published = ofHolder.map(({ envelope }) => (envelope as Line).data);
        expect(published.map(({ lineId, cabinetId: cabinet, date, kind, category, amountCents, consultationId }) => ({ entryId: lineId, cabinetId: cabinet, date, kind, category, amountCents, consultationId }))).toEqual(
          expect.arrayContaining(ledger.entries.map(({ entryId, cabinetId: cabinet, date, kind, category, amountCents, consultationId }) => ({ entryId, cabinetId: cabinet, date, kind, category, amountCents, consultationId: consultationId ?? null }))),
        );
        expect(published).toHaveLength(ledger.entries.length);
        const sum = (figure: LedgerLineWrittenV1['figure']) => published.filter((line) => line.figure === figure).reduce((total, line) => total + line.figureCents, 0);
        const [breakdown] = ledger.breakdownByCabinet;
        expect({ receipts: sum('receipts'), retrocededFees: sum('retrocededFees'), otherExpenses: sum('otherExpenses') }).toEqual({
          receipts: breakdown.receiptsCents,
          retrocededFees: breakdown.retrocededFeesCents,
          otherExpenses: breakdown.otherExpensesCents,
        });
        expect(sum('receipts') - sum('retrocededFees') - sum('otherExpenses')).toBe(ledger.totals.netCents);
      }
      // 12 000 + 6 000 kept by the owner, less 30 % retroceded; the substitute's share less the train ticket.
      expect(ledgers.owner.totals.netCents).toBe(18_000 - 5_400);
      expect(ledgers.substitute.totals.netCents).toBe(5_400 - 380);
      const counterEntries = lines.map(({ envelope }) => (envelope as Line).data).filter((line) => line.category === 'correction');
      expect(counterEntries).toHaveLength(6);
      for (const counterEntry of counterEntries) {
        expect(lines.some(({ envelope }) => (envelope as Line).data.lineId === counterEntry.reversesLineId)).toBe(true);
      }

      // The correction on records.events says where it belongs: version 2, with the consultation's date, practitioner and rate.
      const corrections = (await envelopesOn(prefix + Topics.records)).filter(({ envelope }) => envelope.type === 'ConsultationFeeCorrected');
      expect(corrections.map(({ envelope }) => [envelope.version, envelope.data])).toEqual([
        [
          2,
          {
            consultationId: corrected,
            cabinetId,
            ownerId: owner.accountId,
            feeCents: 12_000,
            paymentMethod: 'cash',
            date: '2026-03-02',
            practitionerId: substitute.accountId,
            practitionerRole: 'substitute',
            retrocessionBasisPoints: 3_000,
          },
        ],
      ]);

      // Every fact delivered again to the ledger, after a restart: the lines are in the store already.
      await ledgerGroupCaughtUp(prefix);
      await platform.stop();
      platform = null;
      const admin = new Kafka({ brokers: kafkaBrokers(), clientId: 'ledger-lines-test', logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      for (const topic of [Topics.records, Topics.accounting]) await admin.resetOffsets({ groupId: `${prefix}accounting.ledger`, topic: prefix + topic, earliest: true });
      await admin.disconnect();
      platform = await startPlatform(profile.env);
      await ledgerGroupCaughtUp(prefix);
      // A line written after the replay: once it is on the topic, whatever the replay appended before it is too.
      const restarted = new HttpClient(platform.baseUrl);
      const substituteAgain = restarted.withToken(await logIn(restarted, 'locum@example.fr', PASSWORD));
      const afterReplay = await eventually(async () => {
        const recorded = await substituteAgain.post('/api/v1/ledgers/me/entries', { kind: 'income', cabinetId, date: '2026-05-02', label: 'Atelier', amountCents: 2_000, paymentMethod: 'transfer' });
        expect(recorded.status).toBe(201);
        return recorded.body.entryId as string;
      }, 30_000);
      const linesAfter = await eventually(async () => {
        const published = (await envelopesOn(prefix + Topics.accounting)).filter((message) => message.envelope.type === 'LedgerLineWritten');
        expect(published.map(({ envelope }) => (envelope as Line).data.lineId)).toContain(afterReplay);
        return published;
      }, 60_000);

      // Partitions interleave as they please: the same events as before, by id, and the new line's.
      const idsBefore = lines.map(({ envelope }) => envelope.eventId).sort();
      const newLine = linesAfter.find(({ envelope }) => (envelope as Line).data.lineId === afterReplay)!;
      expect(linesAfter.map(({ envelope }) => envelope.eventId).sort()).toEqual([...idsBefore, newLine.envelope.eventId].sort());
    } finally {
      await platform?.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 300_000);
});
