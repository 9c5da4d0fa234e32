import { randomBytes } from 'node:crypto';
import { runRebuildCommand } from '@osteo/platform';
import { MongoReadStore } from '@osteo/read-store';
import { mongoUrl } from '@osteo/testing';
import { PLANNING_APPOINTMENTS } from '../../services/planning/application/appointments/appointments.projection';
import { logIn, PASSWORD, registerMainAccount } from '../support/accounts';
import { startPlatform, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';

/**
 * The rebuild's writer hold across instances (docs/adr/0002-rebuild-gate.md, "Several
 * instances"): two applications of the platform over one DATA_DIR, one Kafka prefix and one
 * FerretDB prefix, as two instances on one host, in one Jest process. That is honest for what is
 * checked here, because the two share nothing but what two processes would share: each has its
 * own modules, gates, instance ids, store connections and consumers, and the hold passes through
 * the read store only. A rebuild asked of the first must wait until the second has held its live
 * writers of the collection (its acknowledgement in `_write_hold_acks`), and both write to the
 * rebuilt collection afterwards. The ordering itself (no write of the second between the hold and
 * the release) is libs/platform/rebuild/instance-write-holds.contract.ts's.
 */
describe('read-model rebuild with two instances sharing Kafka and FerretDB', () => {
  it('holds the live writers of the other instance during the swap, and both write to the rebuilt collection afterwards', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const operatorKey = randomBytes(32).toString('base64url');
    const first = await startPlatform({ ...profile.env, OPERATOR_KEY: operatorKey });
    const second = await startPlatform({ ...profile.env, OPERATOR_KEY: operatorKey });
    const readStore = await MongoReadStore.connect(mongoUrl(), `${profile.env.MONGO_DATABASE_PREFIX}planning`);
    try {
      const owner = await registerMainAccount(new HttpClient(first.baseUrl), 'owner@example.fr', 'Dr Claire Martin');
      const cabinetId = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet des Lilas' })).body.cabinetId;
      const viaSecond = new HttpClient(second.baseUrl).withToken(await logIn(new HttpClient(second.baseUrl), owner.email, PASSWORD));
      const week = `/api/v1/cabinets/${cabinetId}/appointments?from=2031-03-03T00:00:00Z&to=2031-03-10T00:00:00Z`;
      await eventually(async () => expect((await owner.http.get(week)).status).toBe(200), 30_000);
      await eventually(async () => expect((await viaSecond.get(week)).status).toBe(200), 30_000);
      const book = async (http: HttpClient, hour: number): Promise<string> => {
        const start = `2031-03-03T${String(hour).padStart(2, '0')}:00:00.000Z`;
        const answer = await http.post(`/api/v1/cabinets/${cabinetId}/appointments`, { practitionerId: owner.accountId, patientName: `Patient ${hour}`, start, end: start.replace(':00:00', ':30:00') });
        expect(answer.status).toBe(201);
        return answer.body.appointmentId as string;
      };
      const booked = [await book(owner.http, 8), await book(viaSecond, 9)];
      await eventually(async () => expect((await viaSecond.get(week)).body).toHaveLength(2), 30_000);
      const appointments = readStore.collection(PLANNING_APPOINTMENTS);
      await appointments.deleteOne({ _id: booked[0] });

      const complaints: string[] = [];
      const status = await runRebuildCommand(['planning', 'appointments'], {
        env: { OPERATOR_KEY: operatorKey, OPERATOR_URL: first.baseUrl },
        fetch,
        print: () => undefined,
        complain: (line) => complaints.push(line),
        pollIntervalMs: 50,
      });

      expect([status, complaints]).toEqual([0, []]);
      // The second instance held its writers of the collection for this rebuild, and said so.
      expect(await readStore.collection('_write_hold_acks').countDocuments({ collection: PLANNING_APPOINTMENTS })).toBeGreaterThanOrEqual(1);
      expect(await readStore.collection('_write_holds').countDocuments({})).toBe(0);
      expect((await appointments.find({}, { sort: { start: 1 } })).map((listing) => listing._id)).toEqual(booked);
      const afterwards = [await book(viaSecond, 10), await book(owner.http, 11)];
      await eventually(
        async () => expect((await viaSecond.get(week)).body.map((listing: { appointmentId: string }) => listing.appointmentId)).toEqual([...booked, ...afterwards]),
        30_000,
      );
    } finally {
      await readStore.close();
      await second.stop();
      await first.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 120_000);
});
