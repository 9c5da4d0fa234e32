import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@osteo/contracts';
import { ReadStore } from '@osteo/read-store';
import { kafkaBrokers, uniqueName } from '@osteo/testing';
import { REMINDER_CABINETS, type ReminderCabinet } from '../../services/patient-records/application/reminder-schedule/reminder-inputs';
import { PatientRecordsModule } from '../../services/patient-records/patient-records.module';
import { registerMainAccount } from '../support/accounts';
import { startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';
import { providerOf } from '../support/platform-internals';

type RawMessage = { readonly type: string; readonly version: number; readonly value: string };

const OPENING_ADDRESS = '4 montée de la Grande Côte, 69001 Lyon';
const SETTINGS = { delayHours: 48, address: '12 rue Dumenge, 69004 Lyon', phone: '+33478000001' };
/** Any piece of the address or phone, in any form a reader could search for. */
const IN_CLEAR = /Grande C|Dumenge|69001|69004|478000001|04 78/;

/**
 * #14: a practice's postal address and phone number stay off access.events in clear (topics keep
 * everything). Over the real Kafka: a practice opened with an address and given reminder
 * settings publishes CabinetOpened v2 and CabinetReminderSettingsChanged v2 with neither in any
 * readable form, and still access-grant answers them and patient-records' reminders read them.
 * One test body: kafkajs loads protocol modules lazily, which Jest 30 refuses between hooks.
 */
describe("a practice's address and phone sealed on access.events", () => {
  it('publishes them sealed, and access-grant and patient-records read them in clear', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const platform = await startPlatform(profile.env);
    const consumer = new Kafka({ brokers: kafkaBrokers(), clientId: 'practice-contacts-sealed', logLevel: logLevel.NOTHING }).consumer({ groupId: uniqueName('raw-reader') });
    try {
      const owner = await registerMainAccount(new HttpClient(platform.baseUrl), 'claire@example.fr', 'Dr Claire Martin');
      const cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Pentes', address: OPENING_ADDRESS })).body.cabinetId as string;
      // The practice is the owner's once access-grant's access projection has it from the topic; a PUT that changes nothing writes nothing.
      await eventually(async () => expect((await owner.http.put(`/api/v1/cabinets/${cabinetId}/reminder-settings`, { ...SETTINGS, phone: '04 78 00 00 01' })).status).toBe(200), 20_000);

      const seen: RawMessage[] = [];
      const prefix = profile.env.KAFKA_TOPIC_PREFIX;
      await consumer.connect();
      await consumer.subscribe({ topics: [`${prefix}${Topics.access}`], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const value = message.value!.toString();
          const { type, version } = JSON.parse(value) as RawMessage;
          seen.push({ type, version, value });
        },
      });
      await eventually(() => expect(seen.map(({ type, version }) => `${type} v${version}`)).toEqual(['CabinetOpened v2', 'CabinetReminderSettingsChanged v2']), 20_000);
      expect(seen.filter(({ value }) => IN_CLEAR.test(value)).map(({ value }) => value)).toEqual([]);
      expect(JSON.parse(seen[1]!.value).data).toEqual({ cabinetId, ownerId: owner.accountId, delayHours: 48, addressSealed: expect.stringMatching(/^\$se1\$/), phoneSealed: expect.stringMatching(/^\$se1\$/) });

      await eventually(async () => expect((await owner.http.get('/api/v1/cabinets')).body).toMatchObject([{ cabinetId, address: OPENING_ADDRESS, reminderSettings: SETTINGS }]));
      const reminderCabinets = providerOf(platform.app, PatientRecordsModule, ReadStore).collection<ReminderCabinet>(REMINDER_CABINETS);
      await eventually(async () => expect(await reminderCabinets.findOne({ _id: cabinetId })).toMatchObject({ openingAddress: OPENING_ADDRESS, settings: SETTINGS }), 20_000);
    } finally {
      await consumer.disconnect();
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 180_000);
});
