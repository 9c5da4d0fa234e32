import { Topics, type IntegrationEnvelope } from '@osteo/contracts';
import { EventBus } from '@osteo/messaging';
import { ERASED, SUBJECT_KEYS_COLLECTION } from '@osteo/personal-data';
import { MongoReadStore } from '@osteo/read-store';
import { mongoUrl } from '@osteo/testing';
import { registerMainAccount } from '../support/accounts';
import { startPlatform, storedEventCount, temporaryDataDir } from '../support/embedded-platform';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { kafkaProfile } from '../support/kafka-profile';

/**
 * An appointment's patientId checked over the real Kafka and FerretDB: patient-records publishes
 * PatientRegistered on records.events, planning's read-model group writes planning_patients in
 * FerretDB, and a booking names only a patient of its cabinet. Deleting the patient reaches
 * planning the same way (PatientDeleted): planning erases the patient's key in its FerretDB key
 * collection and the agenda shows the appointment erased; planning.events never carried the name.
 * One test body: kafkajs loads protocol modules lazily, which Jest 30 refuses between hooks.
 */
describe('appointments and the patients of their cabinet, over Kafka and FerretDB', () => {
  it('books a patient of the cabinet, refuses one of another cabinet without writing, erases the appointment with the patient, and publishes no name', async () => {
    const dataDir = temporaryDataDir();
    const profile = kafkaProfile(dataDir.path);
    const platform = await startPlatform(profile.env);
    try {
      const owner = await registerMainAccount(new HttpClient(platform.baseUrl), 'owner@example.fr', 'Dr Claire Martin');
      const cabinetA = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet A' })).body.cabinetId;
      const cabinetB = (await owner.http.post('/api/v1/cabinets', { name: 'Cabinet B' })).body.cabinetId;
      const patientOf = (cabinetId: string) =>
        eventually(async () => {
          const created = await owner.http.post(`/api/v1/cabinets/${cabinetId}/patients`, { firstName: 'Jeanne', lastName: 'Dupont', birthDate: '1980-05-04' });
          expect(created.status).toBe(201);
          return created.body.patientId as string;
        }, 10_000);
      const book = (cabinetId: string, patientId: string, start: string, end: string) =>
        owner.http.post(`/api/v1/cabinets/${cabinetId}/appointments`, { practitionerId: owner.accountId, patientName: 'Jeanne Dupont', patientId, start, end, reason: 'Sciatique du dimanche' });

      const [ofA, ofB] = [await patientOf(cabinetA), await patientOf(cabinetB)];
      // A refused booking writes nothing, so trying again until records.events has reached planning is harmless.
      const booked = await eventually(async () => {
        const answer = await book(cabinetA, ofA, '2031-04-01T09:00:00Z', '2031-04-01T09:30:00Z');
        expect(answer.status).toBe(201);
        return answer.body.appointmentId as string;
      }, 10_000);
      await eventually(async () => expect((await owner.http.get(`/api/v1/appointments/${booked}`)).body).toMatchObject({ patientId: ofA, cabinetId: cabinetA }), 10_000);
      await eventually(async () => expect((await book(cabinetB, ofB, '2031-04-02T09:00:00Z', '2031-04-02T09:30:00Z')).status).toBe(201), 10_000);

      const before = await storedEventCount(dataDir.path, 'planning');
      const refused = await book(cabinetA, ofB, '2031-04-03T09:00:00Z', '2031-04-03T09:30:00Z');
      expect(refused.body).toEqual({ statusCode: 400, code: 'APPOINTMENT.UNKNOWN_PATIENT', message: expect.stringMatching(/patientId/) });
      expect(await storedEventCount(dataDir.path, 'planning')).toBe(before);

      expect((await owner.http.delete(`/api/v1/patients/${ofA}`)).status).toBe(204);
      await eventually(async () => expect((await owner.http.get(`/api/v1/appointments/${booked}`)).body).toMatchObject({ patientName: ERASED, patientId: ofA }), 30_000);
      const readStore = await MongoReadStore.connect(mongoUrl(), `${profile.env.MONGO_DATABASE_PREFIX}planning`);
      try {
        expect(await readStore.collection(SUBJECT_KEYS_COLLECTION).findOne({ _id: ofA })).toMatchObject({ key: null });
      } finally {
        await readStore.close();
      }

      // Everything planning published, read back from the broker: ids and times, no name, no reason.
      const published: IntegrationEnvelope[] = [];
      const subscription = await platform.app.get(EventBus).subscribe({ groupId: `planning-events-reader-${Date.now()}`, topics: [Topics.planning], handle: async ({ envelope }) => void published.push(envelope) });
      try {
        await eventually(async () => expect(published.filter((envelope) => envelope.type === 'AppointmentBooked')).toHaveLength(2), 30_000);
      } finally {
        await subscription.close();
      }
      expect(published.filter((envelope) => envelope.type === 'AppointmentBooked').map((envelope) => envelope.version)).toEqual([2, 2]);
      expect(JSON.stringify(published)).not.toMatch(/Jeanne|Dupont|Sciatique/);
    } finally {
      await platform.stop();
      await profile.cleanUp();
      dataDir.remove();
    }
  }, 120_000);
});
