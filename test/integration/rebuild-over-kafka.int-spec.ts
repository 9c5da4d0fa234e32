import { randomBytes } from 'node:crypto';
import { runRebuildCommand } from '@osteo/platform';
import { MongoReadStore } from '@osteo/read-store';
import { mongoUrl } from '@osteo/testing';
import { PLANNING_APPOINTMENTS } from '../../services/planning/application/appointments/appointments.projection';
import { registerMainAccount } from '../support/accounts';
import { startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';

/**
 * `npm run rebuild` where read models live in FerretDB and are fed over Kafka: the rebuilt
 * collection replaces the drifted one with its indexes, and the Kafka-fed live writer goes on
 * writing to it afterwards. Everything happens inside the test body: kafkajs loads protocol
 * modules lazily, which Jest 30 refuses between a test and its hooks.
 */
describe('read-model rebuild over Kafka and FerretDB', () => {
  it('rebuilds planning appointments in FerretDB, keeps its indexes, and the live feed goes on writing to it', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const operatorKey = randomBytes(32).toString('base64url');
    const platform = await startPlatform({ ...profile.env, OPERATOR_KEY: operatorKey });
    const readStore = await MongoReadStore.connect(mongoUrl(), `${profile.env.MONGO_DATABASE_PREFIX}planning`);
    try {
      const owner = await registerMainAccount(new HttpClient(platform.baseUrl), 'owner@example.fr', 'Dr Claire Martin');
      const cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Lilas' })).body.cabinetId;
      const week = `/api/v1/cabinets/${cabinetId}/appointments?from=2031-03-03T00:00:00Z&to=2031-03-10T00:00:00Z`;
      await eventually(async () => expect((await owner.http.get(week)).status).toBe(200), 30_000);
      const book = async (hour: number) => {
        const start = `2031-03-03T${String(hour).padStart(2, '0')}:00:00.000Z`;
        const answer = await owner.http.post(`/api/v1/cabinets/${cabinetId}/appointments`, { practitionerId: owner.accountId, patientName: `Patient ${hour}`, start, end: start.replace(':00:00', ':30:00') });
        expect(answer.status).toBe(201);
        return answer.body.appointmentId as string;
      };
      const booked = [await book(8), await book(9), await book(10)];
      await eventually(async () => expect((await owner.http.get(week)).body).toHaveLength(3), 30_000);
      const appointments = readStore.collection(PLANNING_APPOINTMENTS);
      const indexesBefore = await appointments.indexes();
      expect(indexesBefore.length).toBeGreaterThan(0);
      await appointments.deleteOne({ _id: booked[0] });

      const complaints: string[] = [];
      const status = await runRebuildCommand(['planning', 'appointments'], {
        env: { OPERATOR_KEY: operatorKey, OPERATOR_URL: platform.baseUrl },
        fetch,
        print: () => undefined,
        complain: (line) => complaints.push(line),
        pollIntervalMs: 50,
      });

      expect([status, complaints]).toEqual([0, []]);
      expect((await appointments.find({}, { sort: { start: 1 } })).map((listing) => listing._id)).toEqual(booked);
      expect(await appointments.indexes()).toEqual(indexesBefore);
      expect(await readStore.collection(`${PLANNING_APPOINTMENTS}__rebuild`).countDocuments({})).toBe(0);
      const bookedAfter = await book(11);
      await eventually(async () => expect((await owner.http.get(week)).body.map((listing: { appointmentId: string }) => listing.appointmentId)).toEqual([...booked, bookedAfter]), 30_000);
    } finally {
      await readStore.close();
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 120_000);
});
